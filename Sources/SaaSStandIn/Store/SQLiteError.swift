/// A failed SQLite call, with the statement or path it concerned.
public enum SQLiteError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The database file could not be opened.
    case open(path: String, code: Int32, message: String)
    /// A statement failed to prepare, bind or step.
    case statement(sql: String, code: Int32, message: String)

    /// The failure in one line.
    public var description: String {
        switch self {
        case .open(let path, let code, let message): return "cannot open \(path): \(message) (sqlite \(code))"
        case .statement(let sql, let code, let message): return "\(message) (sqlite \(code)) in: \(sql.prefix(160))"
        }
    }
}
