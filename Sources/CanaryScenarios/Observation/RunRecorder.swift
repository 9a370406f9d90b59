import CanaryCore
import Foundation

/// Turns the observer's callbacks into records: the XCTest-free core of the observer.
///
/// Thread-safe: XCTest calls observers on the test's thread, but failures can
/// be reported from expectations on other threads.
public final class RunRecorder: @unchecked Sendable {
    /// One failure report as XCTest delivered it.
    public struct Failure: Equatable, Sendable {
        /// The failure's description.
        public var message: String
        /// Where it was raised (`<EXPR>` for a thrown error).
        public var file: String?
        /// The line (0 for a thrown error).
        public var line: Int
        /// The mode the test set through the plugin API, if any.
        public var mode: FailureMode?

        /// Whether XCTest reported a thrown error rather than an assertion.
        public var isThrownError: Bool { file == "<EXPR>" }
    }

    private struct InFlight {
        var className: String
        var name: String
        var scenario: ScenarioID
        var startedAt: Date
        var failures: [Failure] = []
    }

    private let lock = Lock()
    private var inFlight: [String: InFlight] = [:]
    private(set) var finishedRecords: [TestCaseRecord] = []
    private(set) var finishedResults: [ScenarioResult] = []

    /// Creates an empty recorder.
    public init() {}

    /// The finished test case records, in finishing order.
    public var records: [TestCaseRecord] { locked { finishedRecords } }

    /// The finished scenario results, in finishing order.
    public var results: [ScenarioResult] { locked { finishedResults } }

    /// The scenario tests started and not finished yet, with their start times.
    public var running: [(scenario: ScenarioID, startedAt: Date)] {
        locked { inFlight.values.map { ($0.scenario, $0.startedAt) } }
    }

    /// Notes that a scenario test started.
    public func begin(key: String, className: String, name: String, scenario: ScenarioID, at date: Date) {
        locked { inFlight[key] = InFlight(className: className, name: name, scenario: scenario, startedAt: date) }
    }

    /// Notes a failure of a running scenario test; unknown keys are ignored.
    public func fail(key: String, _ failure: Failure) {
        locked { inFlight[key]?.failures.append(failure) }
    }

    /// Closes a scenario test and derives its record and result.
    ///
    /// `interval`, when given, is when the scenario itself ran (ahead of its
    /// test, side by side with others): the record and result carry it.
    @discardableResult
    public func finish(
        key: String, skipped: Bool, at date: Date, evidence: BoundaryEvidence, commands: [CommandRecord],
        interval: DateInterval? = nil
    ) -> ScenarioResult? {
        locked {
            guard var test = inFlight.removeValue(forKey: key) else { return nil }
            let date = interval?.end ?? date
            if let interval { test.startedAt = interval.start }
            let verdict = Self.verdict(skipped: skipped, failures: test.failures)
            let duration = max(0, date.timeIntervalSince(test.startedAt))
            finishedRecords.append(TestCaseRecord(
                className: test.className, name: test.name, scenario: test.scenario,
                verdict: verdict, startedAt: test.startedAt, durationSeconds: duration))
            let result: ScenarioResult = switch verdict {
            case .passed:
                .passed(test.scenario, startedAt: test.startedAt, finishedAt: date, evidence: evidence, commands: commands)
            case let .failed(mode, message):
                .failed(test.scenario, mode: mode, details: message, startedAt: test.startedAt, finishedAt: date,
                        evidence: evidence, commands: commands)
            case let .errored(message):
                .failed(test.scenario, mode: .harnessError, details: message, startedAt: test.startedAt,
                        finishedAt: date, evidence: evidence, commands: commands)
            case let .skipped(reason):
                // A skipped scenario proved nothing: the run cannot pass on it.
                .failed(test.scenario, mode: .harnessError, details: "scenario skipped: \(reason)",
                        startedAt: test.startedAt, finishedAt: date, evidence: evidence, commands: commands)
            }
            finishedResults.append(result)
            return result
        }
    }

    /// The verdict for a finished test: the first classified failure wins, then thrown errors.
    ///
    /// Later failures are usually consequences of the first; they stay in the
    /// message so nothing is lost.
    static func verdict(skipped: Bool, failures: [Failure]) -> TestCaseRecord.Verdict {
        if skipped { return .skipped(reason: failures.first?.message ?? "skipped by the test") }
        guard !failures.isEmpty else { return .passed }
        let message = failures.map(describe).joined(separator: "\n")
        if let classified = failures.first(where: { $0.mode != nil }), let mode = classified.mode {
            let rest = failures.filter { $0 != classified }.map(describe)
            return .failed(mode: mode, message: ([describe(classified)] + rest).joined(separator: "\n"))
        }
        if failures.contains(where: \.isThrownError) { return .errored(message: message) }
        // An assertion the scenario did not classify is a gap in the harness, not a verdict on the CLI.
        return .failed(mode: .harnessError, message: "unclassified assertion: " + message)
    }

    private static func describe(_ failure: Failure) -> String {
        guard let file = failure.file, !failure.isThrownError else { return failure.message }
        return "\(failure.message) (\((file as NSString).lastPathComponent):\(failure.line))"
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.withLock { body() }
    }
}
