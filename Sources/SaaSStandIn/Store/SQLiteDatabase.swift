import CSQLite

/// One SQLite connection with a statement cache. Not thread-safe: the store serialises access.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    private var cache: [String: SQLiteStatement] = [:]
    /// The file path, for error context.
    let path: String

    /// Opens (creating if needed) the database at `path`.
    init(path: String) throws {
        var database: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &database, flags, nil)
        guard code == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(database)
            throw SQLiteError.open(path: path, code: code, message: message)
        }
        self.handle = database
        self.path = path
        // Another process (a gate reading the witness) may hold the lock briefly.
        sqlite3_busy_timeout(database, 5000)
    }

    deinit {
        cache.removeAll()
        sqlite3_close(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            throw SQLiteError.statement(sql: sql, code: code, message: message.map { String(cString: $0) } ?? "error")
        }
    }

    /// Runs a statement with `values` bound, discarding any rows.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a query and maps each row with `row`.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], row: (SQLiteStatement) throws -> T) throws -> [T] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var rows: [T] = []
        while try statement.step() { rows.append(try row(statement)) }
        return rows
    }

    /// The first column of the first row as an integer (0 when there is no row or it is NULL).
    func scalar(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int64 {
        try query(sql, values) { $0.integer(0) ?? 0 }.first ?? 0
    }

    /// Runs `body` in a transaction, rolled back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = cache[sql] { return statement }
        let statement = try SQLiteStatement(database: handle, sql: sql)
        cache[sql] = statement
        return statement
    }
}
