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

    /// The value in column `index` (select order).
    public subscript(index: Int) -> SQLiteValue {
        values[index]
    }
}
