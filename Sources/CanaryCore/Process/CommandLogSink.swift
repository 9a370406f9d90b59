import Foundation

/// Receives every finished command, e.g. to keep full output beside the evidence.
///
/// Injected into `ProcessRunner` so tests can collect results in memory and
/// scenarios can write them to the scenario directory.
public protocol CommandLogSink: Sendable {
    /// Called once per finished command; `sequence` counts finished commands from 1.
    func record(_ result: CommandResult, sequence: Int, label: String)
}
