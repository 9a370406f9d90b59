/// Which rows of a witness list one answer holds: those after a sequence number, one
/// page of them or all of them.
///
/// A witness table grows with every request, so a read must never hold the store for
/// the whole answer: a page is one bounded read, and "all" is read a chunk at a time,
/// the store's lock released in between (`/health/` stays answered meanwhile).
struct WitnessPageRequest: Equatable, Sendable {
    /// Why a query does not name a page; answered with 400.
    enum Failure: Error, Equatable {
        /// `after` or `limit` is not a number in range.
        case invalid(parameter: String, value: String)

        /// The `error` text answered.
        var message: String {
            switch self {
            case .invalid(let parameter, let value):
                return "\(parameter) must be a non-negative integer (limit at least 1), got '\(value.prefix(40))'"
            }
        }
    }

    /// The page size when `after` is given without `limit`.
    static let defaultLimit = 500
    /// The largest page served; a larger `limit` is cut to it (the `next` cursor says there is more).
    static let maximumLimit = 5000
    /// How many rows one hold of the store's lock reads when the whole list is asked for.
    static let chunkSize = 500

    /// Rows with a sequence number above this one.
    var after: Int64
    /// At most this many rows; nil for all of them (what a query without paging asks for).
    var limit: Int?

    /// Every row.
    static let all = WitnessPageRequest(after: 0, limit: nil)

    /// Creates a request for rows after `after`, at most `limit` (nil: all).
    init(after: Int64 = 0, limit: Int? = nil) {
        self.after = after
        self.limit = limit
    }

    /// Reads `after` and `limit` from a query. Neither present: the whole list, as before paging existed.
    init(query: [String: String]) throws {
        func number(_ name: String, minimum: Int64) throws -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = Int64(text), value >= minimum else { throw Failure.invalid(parameter: name, value: text) }
            return value
        }
        let after = try number("after", minimum: 0)
        let limit = try number("limit", minimum: 1)
        self.after = after ?? 0
        if let limit {
            self.limit = Int(min(limit, Int64(Self.maximumLimit)))
        } else {
            self.limit = after == nil ? nil : Self.defaultLimit
        }
    }

    /// The rows of this page and the cursor to the next one (nil when none follow).
    ///
    /// `read(after, count)` returns up to `count` rows with a sequence number above
    /// `after`, ascending; each call is one short hold of the store.
    func collect<Row>(sequence: (Row) -> Int64, read: (_ after: Int64, _ count: Int) throws -> [Row]) throws -> (rows: [Row], next: Int64?) {
        guard let limit else {
            var rows: [Row] = []
            var cursor = after
            while true {
                let chunk = try read(cursor, Self.chunkSize)
                rows += chunk
                guard chunk.count == Self.chunkSize, let last = chunk.last else { return (rows, nil) }
                cursor = sequence(last)
            }
        }
        // One row more than asked says whether another page follows, without a count query.
        var rows = try read(after, limit + 1)
        guard rows.count > limit else { return (rows, nil) }
        rows.removeLast(rows.count - limit)
        return (rows, rows.last.map(sequence))
    }
}
