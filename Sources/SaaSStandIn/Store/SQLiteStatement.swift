import CSQLite

/// A prepared statement; reset and re-bound for every use.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: OpaquePointer
    /// The SQL text, for error context.
    let sql: String

    /// Prepares `sql` on `database`.
    init(database: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteError.statement(sql: sql, code: code, message: String(cString: sqlite3_errmsg(database)))
        }
        self.handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters in order.
    func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, Self.transient)
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
    }

    /// Ends the current use, so a cached statement holds no read lock while idle.
    func reset() {
        sqlite3_reset(handle)
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure(code)
        }
    }

    /// Column `index` of the current row as text (nil for NULL).
    func text(_ index: Int32) -> String? {
        guard sqlite3_column_type(handle, index) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, index) else { return nil }
        return String(cString: bytes)
    }

    /// Column `index` of the current row as an integer (nil for NULL).
    func integer(_ index: Int32) -> Int64? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, index)
    }

    /// Column `index` of the current row as a double (nil for NULL).
    func real(_ index: Int32) -> Double? {
        sqlite3_column_type(handle, index) == SQLITE_NULL ? nil : sqlite3_column_double(handle, index)
    }

    private func failure(_ code: Int32) -> SQLiteError {
        .statement(sql: sql, code: code, message: String(cString: sqlite3_errmsg(database)))
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text, so Swift's temporary buffer may go.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
