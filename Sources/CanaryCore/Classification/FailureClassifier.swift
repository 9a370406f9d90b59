/// Classifies a failed CLI step into a failure mode: pure, so recorded outputs can test it.
public enum FailureClassifier {
    /// What the classifier needs to know about a finished command.
    public struct Observation: Sendable {
        /// The command line, for the details.
        public var argv: [String]
        /// Exit code; nil when killed by a signal.
        public var exitCode: Int32?
        /// Whether the harness killed it for running too long.
        public var timedOut: Bool
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String

        /// Creates an observation.
        public init(argv: [String], exitCode: Int32?, timedOut: Bool, stdout: String, stderr: String) {
            self.argv = argv
            self.exitCode = exitCode
            self.timedOut = timedOut
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// A verdict: the mode and the details that justify it.
    public struct Verdict: Equatable, Sendable {
        /// The failure mode.
        public var mode: FailureMode
        /// Why: the step, the matched signature and the output tail.
        public var details: String
    }

    /// The most specific mode for a step that did not succeed.
    ///
    /// A timeout wins (the output is incomplete); then the known signatures in
    /// table order; otherwise the generic `cli.command_failed`.
    public static func classify(step: String, _ observation: Observation, tailLines: Int = 15) -> Verdict {
        let command = observation.argv.joined(separator: " ")
        let status = observation.exitCode.map { "exit \($0)" } ?? "killed by a signal"
        let output = JUnitXML.stripANSI(observation.stdout + "\n" + observation.stderr)
        let tail = lastLines(output, tailLines)
        if observation.timedOut {
            return Verdict(mode: .cliTimeout, details: "\(step): `\(command)` ran past its time limit and its process group was killed\n\(tail)")
        }
        for signature in FailureSignature.known {
            if let matched = signature.match(output) {
                return Verdict(mode: signature.mode, details: "\(step): `\(command)` \(status); matched '\(matched)' (\(signature.evidence))\n\(tail)")
            }
        }
        return Verdict(mode: .cliCommandFailed, details: "\(step): `\(command)` \(status)\n\(tail)")
    }

    /// The last `count` non-empty lines of `text`.
    public static func lastLines(_ text: String, _ count: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).suffix(count).joined(separator: "\n")
    }
}
