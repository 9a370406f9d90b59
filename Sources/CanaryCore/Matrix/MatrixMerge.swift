import Foundation

/// `canary matrix --merge`: column directories that ran apart (one Actions job each) as one matrix.
public enum MatrixMerge {
    /// The columns of `directories` (each named after its version), in the matrix's order.
    ///
    /// Each directory is read as the runner reads its own (``MatrixColumnDirectory``).
    /// `expected` fixes the order, as the version list fixes a one-machine run's;
    /// an expected version without a directory is a missing column saying so,
    /// and a directory nobody expected still comes after them: nothing is dropped.
    public static func read(directories: [URL], expected: [SpecKittyVersion]) throws(MatrixError) -> [MatrixColumn] {
        var found: [(version: SpecKittyVersion, directory: URL)] = []
        for directory in directories {
            let name = directory.standardizedFileURL.lastPathComponent
            guard let version = try? SpecKittyVersion(name) else { throw .columnDirectoryNotAVersion(directory.path) }
            if let earlier = found.first(where: { $0.version == version }) {
                throw .duplicateColumn(version: version.description, first: earlier.directory.path, second: directory.path)
            }
            found.append((version, directory))
        }
        let columns = found.map { MatrixColumnDirectory(directory: $0.directory, version: $0.version.description).read().column }
        return order(columns, expected: expected)
    }

    /// `columns` in `expected`'s order, a missing column for each expected version without one, then the unexpected ones.
    public static func order(_ columns: [MatrixColumn], expected: [SpecKittyVersion]) -> [MatrixColumn] {
        // Versions compare as versions: 3.2.0rc13 and 3.2.0-rc13 are one column.
        func holds(_ column: MatrixColumn, _ version: SpecKittyVersion) -> Bool { (try? SpecKittyVersion(column.version)) == version }
        let listed = expected.map { version in
            columns.first { holds($0, version) } ?? .missing(
                version: version.description,
                reason: "harness: no column directory for \(version) among the merged ones (its job failed before uploading, or its artifact was not downloaded)")
        }
        let unexpected = columns.filter { column in !expected.contains { holds(column, $0) } }
        return listed + unexpected
    }
}
