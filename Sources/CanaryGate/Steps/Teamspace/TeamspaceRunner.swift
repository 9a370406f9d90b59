import CanaryCore
import Foundation

/// Runs the Teamspace MVP suite once, leaving a log and a JUnit report.
public protocol TeamspaceRunner: Sendable {
    /// What runs, for reports (the command line).
    var runnerDescription: String { get }
    /// Runs the suite for the `run`th time, writing its output to `logPath` and JUnit XML to `junitPath`.
    func run(_ run: Int, logPath: String, junitPath: String, environment: [String: String]) throws -> TeamspaceRunResult
}
