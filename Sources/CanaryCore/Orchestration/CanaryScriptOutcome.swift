import Foundation

/// What the script reported; the verdict itself is read from the bundle's run files.
public struct CanaryScriptOutcome: Codable, Equatable, Sendable {
    /// The script's exit status (0 pass, 1 fail, 2 preflight).
    public let exitStatus: Int32
    /// The bundle directory named by `evidence: <dir>` on the last line, absolute.
    public let evidenceDirectory: String?
    /// The script's last line (its one-line summary).
    public let summaryLine: String?

    /// Creates an outcome.
    public init(exitStatus: Int32, evidenceDirectory: String?, summaryLine: String?) {
        self.exitStatus = exitStatus
        self.evidenceDirectory = evidenceDirectory
        self.summaryLine = summaryLine
    }

    /// The variable naming the file the script writes its outcome to, as JSON, on every exit path.
    public static let fileVariable = "CANARY_OUTCOME_FILE"

    /// The outcome the script wrote (`{"exit_status", "evidence_directory", "runs", "summary"}`), resolved
    /// against `base`; `exitStatus` is the process's, which a script killed before its trap ran still has.
    public static func read(outcomeFile data: Data?, exitStatus: Int32, base: String) -> CanaryScriptOutcome {
        struct Written: Decodable {
            let evidenceDirectory: String?
            let summary: String
            enum CodingKeys: String, CodingKey {
                case evidenceDirectory = "evidence_directory", summary
            }
        }
        guard let data, let written = try? JSONDecoder().decode(Written.self, from: data) else {
            return CanaryScriptOutcome(exitStatus: exitStatus, evidenceDirectory: nil,
                                       summaryLine: "the script left no readable outcome file (exit \(exitStatus))")
        }
        let directory = written.evidenceDirectory.map { $0.hasPrefix("/") ? $0 : (base as NSString).appendingPathComponent($0) }
        return CanaryScriptOutcome(exitStatus: exitStatus, evidenceDirectory: directory, summaryLine: written.summary)
    }
}
