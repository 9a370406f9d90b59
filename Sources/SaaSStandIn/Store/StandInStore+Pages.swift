import CanaryCore

/// Paged reads of the witness tables, so no answer holds the store for its whole length.
extension StandInStore {
    /// Reads `page` of `table`'s rows matching `filter`, oldest first; `columns` must end
    /// with `seq`. The lock is held per chunk only, and `transform` runs outside it.
    func page<Row>(_ page: WitnessPageRequest, of table: String, columns: String, filter: [(String, String?)], name: String,
                   row transform: (SQLiteRow) throws -> Row) throws -> WitnessPage<Row> {
        let (clause, values) = Self.filter(filter)
        let sql = "SELECT \(columns) FROM \(table)\(clause.isEmpty ? " WHERE" : clause + " AND") seq > ? ORDER BY seq LIMIT ?"
        let (rows, next) = try page.collect(sequence: { $0.values.last?.integer ?? 0 }) { after, count in
            try withDatabase { try $0.query(sql, values + [.integer(after), .integer(Int64(count))]) }
        }
        return WitnessPage(name: name, items: try rows.map(transform), next: next)
    }
}
