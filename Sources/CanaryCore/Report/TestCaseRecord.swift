import Foundation

/// One finished XCTest case, as the observer saw it: the input of the JUnit report.
public struct TestCaseRecord: Codable, Equatable, Sendable {
    /// How the case ended.
    public enum Verdict: Codable, Equatable, Sendable {
        /// Every assertion held.
        case passed
        /// An assertion failed; `mode` classifies it.
        case failed(mode: FailureMode, message: String)
        /// The test threw (or the harness broke): a JUnit `<error>`.
        case errored(message: String)
        /// The test skipped itself.
        case skipped(reason: String)
    }

    /// `Module.Class`, as JUnit's classname.
    public var className: String
    /// The test method, as JUnit's name.
    public var name: String
    /// The scenario the case runs, when it is a scenario.
    public var scenario: ScenarioID?
    /// How it ended.
    public var verdict: Verdict
    /// When it started.
    public var startedAt: Date
    /// Wall time.
    public var durationSeconds: Double

    /// Creates a record.
    public init(
        className: String, name: String, scenario: ScenarioID?, verdict: Verdict,
        startedAt: Date, durationSeconds: Double
    ) {
        self.className = className
        self.name = name
        self.scenario = scenario
        self.verdict = verdict
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
    }
}
