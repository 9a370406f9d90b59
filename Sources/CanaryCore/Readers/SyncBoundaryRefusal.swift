import Foundation

/// The identity-boundary preflight's refusal of `sync now` (or another sync command).
///
/// `Refusing \`spec-kitty sync now\`.` followed by `Sync boundary refused: N
/// mismatched field(s); M orphan daemon record(s); K legacy rows in scope.`
public struct SyncBoundaryRefusal: Equatable, Sendable {
    /// The command named in the `Refusing` line, e.g. `spec-kitty sync now`.
    public var command: String?
    /// `N mismatched field(s)`.
    public var mismatchedFieldCount: Int
    /// `M orphan daemon record(s)`.
    public var orphanRecordCount: Int
    /// `K legacy rows in scope`.
    public var legacyRowsInScope: Int
    /// The `Sync boundary refused:` line as printed.
    public var line: String

    /// Finds the refusal in `output`, or nil when there is none.
    public static func parse(_ output: String) -> SyncBoundaryRefusal? {
        var command: String?
        for rawLine in output.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Refusing `"), let end = line.dropFirst("Refusing `".count).firstIndex(of: "`") {
                command = String(line[line.index(line.startIndex, offsetBy: "Refusing `".count) ..< end])
            }
            guard line.hasPrefix("Sync boundary refused:") else { continue }
            let clauses = line.dropFirst("Sync boundary refused:".count).split(separator: ";")
            func count(_ phrase: String) -> Int {
                clauses.first { $0.contains(phrase) }.flatMap { SyncNowSummary.firstInteger(in: String($0)) } ?? 0
            }
            return SyncBoundaryRefusal(
                command: command, mismatchedFieldCount: count("mismatched field"),
                orphanRecordCount: count("orphan daemon record"), legacyRowsInScope: count("legacy row"), line: line
            )
        }
        return nil
    }
}
