import Foundation

/// What `spec-kitty sync now` said on stdout, in either generation's words.
///
/// 3.2.6+: `Event sync (TEAMSPACE): delivered D  duplicate U  pending P
/// rejected R  transient T  terminal-failed F  (selected S)`.
/// 3.2.0rc13 … 3.2.5: `Synced: N  Duplicates: N  [Pending: N]  Errors: N`,
/// per-category lines such as `unknown: N`, `Remaining in queue: N events`,
/// or `Queue is empty, nothing to sync.`. Either may instead be refused by the
/// identity-boundary preflight. Parsing is pure; nothing here runs the CLI.
public struct SyncNowSummary: Equatable, Sendable {
    /// Counts from the 3.2.6+ `Event sync (MODE): …` line.
    public struct EventSyncCounts: Equatable, Sendable {
        /// The mode in parentheses, e.g. `TEAMSPACE`.
        public var mode: String
        /// Events the server accepted now.
        public var delivered: Int
        /// Events the server already had.
        public var duplicate: Int
        /// Events the server queued (`queued`/`pending`): accepted, not yet materialized.
        public var pending: Int
        /// Events the server refused.
        public var rejected: Int
        /// Events that failed in a retryable way.
        public var transient: Int
        /// Events that will never be retried.
        public var terminalFailed: Int
        /// Events this pass selected.
        public var selected: Int

        /// Creates counts.
        public init(
            mode: String, delivered: Int, duplicate: Int, pending: Int, rejected: Int,
            transient: Int, terminalFailed: Int, selected: Int
        ) {
            self.mode = mode
            self.delivered = delivered
            self.duplicate = duplicate
            self.pending = pending
            self.rejected = rejected
            self.transient = transient
            self.terminalFailed = terminalFailed
            self.selected = selected
        }

        /// Whether the server refused nothing: no rejected, transient or terminal-failed events.
        public var nothingRefused: Bool { rejected == 0 && transient == 0 && terminalFailed == 0 }
    }

    /// Counts from the pre-3.2.6 `Synced: …` line and its category lines.
    public struct LegacyCounts: Equatable, Sendable {
        /// `Synced:`.
        public var synced: Int
        /// `Duplicates:`.
        public var duplicates: Int
        /// `Pending:` (rc16 and later only).
        public var pending: Int?
        /// `Errors:`.
        public var errors: Int
        /// Per-category error lines, e.g. `["unknown": 3]`.
        public var categories: [String: Int]
        /// `Remaining in queue: N events`, when printed.
        public var remainingInQueue: Int?
    }

    /// The 3.2.6+ counts, when that line was printed.
    public var eventSync: EventSyncCounts?
    /// The pre-3.2.6 counts, when that line was printed.
    public var legacy: LegacyCounts?
    /// `Queue is empty, nothing to sync.` (older CLIs that deliver at each command's exit).
    public var queueEmpty: Bool
    /// The preflight refusal, when `sync now` refused to run (exit 2).
    public var refusal: SyncBoundaryRefusal?
    /// The reason after `Event sync gated:`, e.g. `private_teamspace, auth_present`.
    public var gatedReason: String?
    /// The "TeamSpace Migration Required" panel was shown (rc13–14, FORBIDDEN_KEY findings).
    public var teamspaceMigrationRequired: Bool
    /// The `sync.event_loop_unavailable` diagnostic appeared (#1182).
    public var eventLoopUnavailable: Bool

    /// Whether anything this parser knows was found.
    public var isRecognized: Bool {
        eventSync != nil || legacy != nil || queueEmpty || refusal != nil || gatedReason != nil
            || teamspaceMigrationRequired
    }

    /// Parses the combined stdout (and stderr, for diagnostics) of one `sync now`.
    public static func parse(_ output: String) -> SyncNowSummary {
        var summary = SyncNowSummary(
            eventSync: nil, legacy: nil, queueEmpty: false, refusal: SyncBoundaryRefusal.parse(output),
            gatedReason: nil, teamspaceMigrationRequired: output.contains("TeamSpace Migration Required"),
            eventLoopUnavailable: output.contains("sync.event_loop_unavailable")
        )
        var legacy: LegacyCounts?
        for rawLine in output.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let counts = parseEventSyncLine(line) {
                summary.eventSync = counts
            } else if line.hasPrefix("Event sync gated:") {
                summary.gatedReason = line.dropFirst("Event sync gated:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Queue is empty") {
                summary.queueEmpty = true
            } else if let counts = parseSyncedLine(line) {
                legacy = counts
            } else if line.hasPrefix("Remaining in queue:"), let number = firstInteger(in: line) {
                legacy?.remainingInQueue = number
            } else if legacy != nil, let (category, count) = parseCategoryLine(line) {
                legacy?.categories[category] = count
            }
        }
        summary.legacy = legacy
        return summary
    }

    /// Parses `Event sync (MODE): delivered D  duplicate U  pending P  rejected R
    /// transient T  terminal-failed F  (selected S)`; labels may come in any order.
    public static func parseEventSyncLine(_ line: String) -> EventSyncCounts? {
        guard line.hasPrefix("Event sync ("), let close = line.firstIndex(of: ")"),
              line[line.index(after: close)...].hasPrefix(":") else { return nil }
        let mode = String(line[line.index(line.startIndex, offsetBy: "Event sync (".count) ..< close])
        let rest = line[line.index(after: close)...].dropFirst()
        let counts = labelledIntegers(
            rest.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
        )
        guard let delivered = counts["delivered"], let duplicate = counts["duplicate"],
              let pending = counts["pending"], let rejected = counts["rejected"],
              let transient = counts["transient"], let terminal = counts["terminal-failed"],
              let selected = counts["selected"] else { return nil }
        return EventSyncCounts(
            mode: mode, delivered: delivered, duplicate: duplicate, pending: pending,
            rejected: rejected, transient: transient, terminalFailed: terminal, selected: selected
        )
    }

    /// Parses `Synced: N  Duplicates: N  [Pending: N]  Errors: N`.
    public static func parseSyncedLine(_ line: String) -> LegacyCounts? {
        guard line.hasPrefix("Synced:") else { return nil }
        // The CLI prints `Synced: N  Duplicates: N  Errors: N`; its batch
        // module's own summary says `Synced: N, Duplicates: N, Failed: N`.
        let counts = labelledIntegers(line.replacingOccurrences(of: ":", with: " ").replacingOccurrences(of: ",", with: " "))
        guard let synced = counts["Synced"], let errors = counts["Errors"] ?? counts["Failed"] else { return nil }
        return LegacyCounts(
            synced: synced, duplicates: counts["Duplicates"] ?? 0, pending: counts["Pending"],
            errors: errors, categories: [:], remainingInQueue: nil
        )
    }

    /// `unknown: 3  -- Inspect the failure report …` → ("unknown", 3): a
    /// lowercase label, a count, and optionally the CLI's advice after it.
    static func parseCategoryLine(_ line: String) -> (String, Int)? {
        let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let count = parts[1].split(separator: " ").first.flatMap({ Int($0) }), !parts[0].isEmpty,
              parts[0].allSatisfy({ $0.isLowercase || $0 == "_" || $0 == "." || $0 == "-" }) else { return nil }
        return (parts[0], count)
    }

    /// Every `label N` pair in `text` (labels are single tokens).
    static func labelledIntegers(_ text: String) -> [String: Int] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var result: [String: Int] = [:]
        for index in tokens.indices.dropLast() {
            if Int(tokens[index]) == nil, let value = Int(tokens[index + 1]) { result[tokens[index]] = value }
        }
        return result
    }

    static func firstInteger(in text: String) -> Int? {
        text.split(whereSeparator: { !$0.isNumber }).lazy.compactMap { Int($0) }.first
    }
}
