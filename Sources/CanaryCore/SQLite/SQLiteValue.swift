import Foundation

/// One SQLite column value, in SQLite's own storage classes.
public enum SQLiteValue: Equatable, Sendable {
    /// SQL NULL.
    case null
    /// An INTEGER.
    case integer(Int64)
    /// A REAL.
    case real(Double)
    /// TEXT.
    case text(String)
    /// A BLOB.
    case blob(Data)

    /// The text value, or nil (no coercion from other classes).
    public var text: String? {
        if case let .text(value) = self { return value }
        return nil
    }

    /// The integer value, or nil (no coercion from other classes).
    public var integer: Int64? {
        if case let .integer(value) = self { return value }
        return nil
    }

    /// The numeric value of an INTEGER or REAL, or nil.
    public var real: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .real(value): value
        default: nil
        }
    }

    /// Whether this is NULL.
    public var isNull: Bool { self == .null }
}

/// One result row: values by column name, in select order.
public struct SQLiteRow: Equatable, Sendable {
    /// Column names in select order.
    public let columns: [String]
    /// Values in select order.
    public let values: [SQLiteValue]

    /// Creates a row; `columns` and `values` must be the same length.
    public init(columns: [String], values: [SQLiteValue]) {
        precondition(columns.count == values.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of column `name`, or `.null` when the row has no such column.
    public subscript(name: String) -> SQLiteValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }
}
