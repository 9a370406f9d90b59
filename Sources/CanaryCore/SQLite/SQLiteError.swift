/// A failed SQLite call, with SQLite's own code and message.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// The primary or extended result code.
    public let code: Int32
    /// `sqlite3_errmsg` at the time of failure.
    public let message: String
    /// What was being done: a path for opens, the statement otherwise.
    public let context: String

    /// Creates an error.
    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// The code, message and context on one line.
    public var description: String { "SQLite error \(code): \(message) [\(context)]" }
}
