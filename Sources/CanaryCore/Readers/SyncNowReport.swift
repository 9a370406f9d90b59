import Foundation

/// The file `sync now --report <file>` writes (3.2.6+).
public struct SyncNowReport: Equatable, Sendable {
    /// One event that was not delivered.
    public struct Failure: Equatable, Sendable {
        /// The event id.
        public var eventID: String?
        /// `rejected`, `transient`, `terminal_failed`, ….
        public var outcome: String?
        /// The server's HTTP status, when there was an answer.
        public var httpStatus: Int?
        /// The error text.
        public var error: String?
    }

    /// The pass's counts, the same as the summary line's (`mode` is "report": the file names none).
    public var counts: SyncNowSummary.EventSyncCounts
    /// Per-event failures.
    public var failures: [Failure]
    /// The whole document as written.
    public var raw: JSONValue

    /// Parses the report; a missing count is an error naming it.
    public static func parse(_ data: Data) throws -> SyncNowReport {
        let raw: JSONValue
        do { raw = try JSONValue.parse(data) } catch { throw StatusParseError.notJSON(String(describing: error)) }
        func count(_ key: String) throws -> Int {
            guard let value = raw[key]?.intValue else { throw StatusParseError.missingField(key) }
            return value
        }
        let failures = (raw["failures"]?.arrayValue ?? []).map { entry in
            Failure(
                eventID: entry["event_id"]?.stringValue, outcome: entry["outcome"]?.stringValue,
                httpStatus: entry["http_status"]?.intValue, error: entry["error"]?.stringValue
            )
        }
        let counts = try SyncNowSummary.EventSyncCounts(
            mode: "report", delivered: count("delivered"), duplicate: count("duplicate"), pending: count("pending"),
            rejected: count("rejected"), transient: count("transient"), terminalFailed: count("terminal_failed"),
            selected: count("selected")
        )
        return SyncNowReport(counts: counts, failures: failures, raw: raw)
    }
}
