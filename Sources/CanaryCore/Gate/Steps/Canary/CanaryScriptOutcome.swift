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

    /// The directory after `evidence: ` in the script's summary line, resolved against `base` when relative.
    public static func evidenceDirectory(inSummary line: String, base: String) -> String? {
        guard let marker = line.range(of: "evidence: ", options: .backwards) else { return nil }
        let path = line[marker.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return nil }
        return path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }
}
