import CanaryCore
import Foundation

/// Where a gate attempt keeps its journal, logs and comment bodies; tests keep them in memory.
public protocol GateArtifactStore: Sendable {
    /// The attempt's location (a directory path), quoted in reports.
    var location: String { get }
    /// The path an artifact named `name` has (or will have).
    func path(of name: String) -> String
    /// True when an artifact named `name` has been written.
    func exists(_ name: String) -> Bool
    /// Writes `text` as `name`, replacing it; returns its path.
    @discardableResult func write(_ text: String, named name: String) throws -> String
    /// Appends `text` to `name`, creating it; returns its path.
    @discardableResult func append(_ text: String, to name: String) throws -> String
}
