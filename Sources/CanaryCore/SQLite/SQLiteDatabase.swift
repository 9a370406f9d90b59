import CSQLite
import Foundation

/// A small, synchronous wrapper over one sqlite3 connection.
///
/// Enough for reading the CLI's stores, seeding legacy ones and keeping the
/// stand-in's witness: open, execute, query with bound parameters,
/// transactions. Prepared statements are cached per SQL text, so a statement
/// run once per ingested event is compiled once. One connection is not meant
/// to be shared between threads.
public final class SQLiteDatabase {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Never writes; the CLI may hold the write lock meanwhile.
        case readOnly
        /// Reads and writes an existing file.
        case readWrite
        /// Reads and writes, creating the file if needed.
        case create
    }

    /// The file this connection is open on.
    public let url: URL
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `url`; `busyTimeout` is how long a statement waits for another
    /// process's lock before failing with SQLITE_BUSY.
    public init(url: URL, mode: Mode = .readOnly, busyTimeout: TimeInterval = 5) throws {
        self.url = url
        let flags: Int32 = switch mode {
        case .readOnly: SQLITE_OPEN_READONLY
        case .readWrite: SQLITE_OPEN_READWRITE
        case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(url.path, &connection, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw SQLiteError(code: code, message: message, context: url.path)
        }
        handle = connection
        sqlite3_busy_timeout(connection, Int32(busyTimeout * 1000))
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? lastMessage
            throw SQLiteError(code: code, message: message, context: sql)
        }
    }

    /// Runs one statement with `bindings` for its `?` parameters; returns no rows.
    public func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws {
        _ = try query(sql, bindings)
    }

    /// Runs one statement with `bindings` for its `?` parameters and returns every row.
    public func query(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> [SQLiteRow] {
        let statement = try prepared(sql)
        // Reset after use too: an idle cached statement must hold no read lock.
        defer { sqlite3_reset(statement) }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in bindings.enumerated() {
            let code = bind(value, at: Int32(offset + 1), in: statement)
            guard code == SQLITE_OK else { throw SQLiteError(code: code, message: lastMessage, context: sql) }
        }
        let columnCount = sqlite3_column_count(statement)
        let columns = (0 ..< columnCount).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [SQLiteRow] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw SQLiteError(code: step, message: lastMessage, context: sql) }
            let values = (0 ..< columnCount).map { column(at: $0, in: statement) }
            rows.append(SQLiteRow(columns: columns, values: values))
        }
        return rows
    }

    /// Runs one statement and maps each row with `transform`.
    public func query<T>(_ sql: String, _ bindings: [SQLiteValue] = [], row transform: (SQLiteRow) throws -> T) throws -> [T] {
        try query(sql, bindings).map(transform)
    }

    /// The first column of the first row as an integer: 0 when there is no row or it is NULL.
    public func scalar(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int64 {
        try query(sql, bindings).first?.values.first?.integer ?? 0
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT, rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Names of the tables in the main schema.
    public func tableNames() throws -> Set<String> {
        let rows = try query("SELECT name FROM sqlite_master WHERE type = 'table'")
        return Set(rows.compactMap { $0["name"].text })
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: code, message: lastMessage, context: sql)
        }
        statements[sql] = statement
        return statement
    }

    private var lastMessage: String {
        handle.map { String(cString: sqlite3_errmsg($0)) } ?? "no connection"
    }

    private func bind(_ value: SQLiteValue, at index: Int32, in statement: OpaquePointer) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(statement, index)
        case let .integer(number):
            return sqlite3_bind_int64(statement, index, number)
        case let .real(number):
            return sqlite3_bind_double(statement, index, number)
        case let .text(string):
            return sqlite3_bind_text(statement, index, string, -1, Self.transient)
        case let .blob(data):
            return data.withUnsafeBytes { bytes in
                sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
        }
    }

    private func column(at index: Int32, in statement: OpaquePointer) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            return .text(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let bytes = sqlite3_column_blob(statement, index) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default:
            return .null
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies bound buffers, since Swift's may move.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
