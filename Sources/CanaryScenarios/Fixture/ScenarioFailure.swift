import CanaryCore

/// A scenario step that failed, already classified: thrown by flows, turned into a verdict by the test case.
public struct ScenarioFailure: Error, Equatable, CustomStringConvertible {
    /// The failure mode.
    public var mode: FailureMode
    /// Why, with the matched signature and the output tail.
    public var details: String

    /// Creates a failure.
    public init(_ mode: FailureMode, _ details: String) {
        self.mode = mode
        self.details = details
    }

    /// A failure classified from a finished command by the signature table.
    public static func from(step: String, _ result: CommandResult) -> ScenarioFailure {
        let verdict = FailureClassifier.classify(step: step, result.observation)
        return ScenarioFailure(verdict.mode, verdict.details)
    }

    public var description: String { "\(mode.rawValue): \(details)" }
}
