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

    /// `.text(value)`, or `.null` when there is no value.
    public static func optional(_ value: String?) -> SQLiteValue {
        value.map(SQLiteValue.text) ?? .null
    }

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
