import Foundation

/// How a test process learns where its run belongs: the variables the protocol script sets.
public struct RunEnvironment: Equatable, Sendable {
    /// `CANARY_RUN_NUMBER`: position in the four-run protocol (default 1).
    public var runNumber: Int
    /// `CANARY_EVIDENCE_DIR`: the bundle directory; run files go to its `runs/`.
    public var evidenceDirectory: URL?
    /// `CANARY_RUN_KEY`: shared by the workers of one `--parallel` run (default: derived from the parent).
    public var runKey: String?

    /// Names of the variables, for scripts and messages.
    public enum Variable {
        /// Run number.
        public static let runNumber = "CANARY_RUN_NUMBER"
        /// Bundle directory.
        public static let evidenceDirectory = "CANARY_EVIDENCE_DIR"
        /// Parallel run key.
        public static let runKey = "CANARY_RUN_KEY"
    }

    /// Why the environment is unusable.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The run number is not 1...4.
        case badRunNumber(String)

        public var description: String {
            switch self {
            case let .badRunNumber(text): "\(Variable.runNumber)=\(text) is not a run number in 1...4"
            }
        }
    }

    /// Reads the variables from `environment`.
    public init(environment: [String: String]) throws {
        if let text = environment[Variable.runNumber], !text.isEmpty {
            guard let number = Int(text), (1 ... 4).contains(number) else { throw Problem.badRunNumber(text) }
            runNumber = number
        } else {
            runNumber = 1
        }
        evidenceDirectory = environment[Variable.evidenceDirectory].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        runKey = environment[Variable.runKey].flatMap { $0.isEmpty ? nil : $0 }
    }
}
