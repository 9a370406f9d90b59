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

    /// Events selected for this pass.
    public var selected: Int
    /// Accepted now.
    public var delivered: Int
    /// Already on the server.
    public var duplicate: Int
    /// Queued by the server.
    public var pending: Int
    /// Refused by the server.
    public var rejected: Int
    /// Retryable failures.
    public var transient: Int
    /// Never to be retried.
    public var terminalFailed: Int
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
        return try SyncNowReport(
            selected: count("selected"), delivered: count("delivered"), duplicate: count("duplicate"),
            pending: count("pending"), rejected: count("rejected"), transient: count("transient"),
            terminalFailed: count("terminal_failed"), failures: failures, raw: raw
        )
    }
}
