import CanaryCore
import Foundation

/// All stand-in state in one SQLite file (WAL), every access serialised by one lock.
///
/// Accounts, tokens, accepted envelopes, intake rows, receipts and the request log
/// live here, so a stand-in restarted on the same file keeps its identities, its
/// duplicate detection and its untouched historical rows.
final class StandInStore: @unchecked Sendable {
    /// The database file.
    let path: String
    private let database: SQLiteDatabase
    private let lock = Lock()

    /// Opens `path`, creating and seeding it with `historicalRows` rows when it is new.
    init(path: String, historicalRows: Int) throws {
        self.path = path
        database = try SQLiteDatabase(url: URL(fileURLWithPath: path), mode: .create)
        try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
        let version = try database.scalar("PRAGMA user_version")
        if version == 0 {
            try database.transaction {
                try database.execute(StoreSchema.statements)
                try Self.seed(HistoricalRows.make(count: historicalRows), into: database)
                try database.execute("PRAGMA user_version = \(StoreSchema.version)")
            }
        } else if version == 1 {
            try database.transaction {
                try database.execute(StoreSchema.migrationFrom1)
                try database.execute("PRAGMA user_version = \(StoreSchema.version)")
            }
        } else if version != StoreSchema.version {
            throw StandInError.storeUnavailable(path: path, reason: "store schema version \(version), this stand-in reads \(StoreSchema.version)")
        }
    }

    /// Runs `body` with exclusive use of the database.
    func withDatabase<T>(_ body: (SQLiteDatabase) throws -> T) throws -> T {
        try lock.withLock { try body(database) }
    }

    private static func seed(_ rows: [HistoricalRows.Row], into database: SQLiteDatabase) throws {
        for row in rows {
            try database.run("""
                INSERT INTO batch_intake(event_id, account_id, state, error_category, error, historical,
                                         received_at, received_epoch, envelope_json)
                VALUES (?, NULL, ?, 'business_rule', ?, 1, ?, ?, ?)
                """, [.text(row.eventID), .text(IntakeState.businessRuleRejected.rawValue), .text(row.error),
                      .text(row.receivedAt), .real(row.receivedEpoch), .text(row.envelopeJSON)])
        }
    }
}
