/// Renders a `VersionMatrix` as `matrix.md`: the table, then each red cell in the CLI's own words.
public enum MatrixMarkdown {
    /// The whole document.
    public static func render(_ matrix: VersionMatrix) -> String {
        var lines = [
            "# Sync identity-boundary canary: version matrix",
            "",
            "Stand-in profile `\(matrix.profile)`, one run per version, assembled \(Timestamp.iso8601(matrix.generatedAt)).",
            "",
        ]
        lines += table(matrix)
        let reds = matrix.columns.flatMap { column in column.cells.filter { !$0.passed }.map { (column, $0) } }
        let notes = matrix.columns.filter { $0.source != .run }
        // A run whose every scenario found the CLI unsupported reads as one note, not four.
        let unsupportedRuns = matrix.columns.filter { $0.source == .run && $0.isUnsupported }
        if !reds.isEmpty {
            lines += ["", "## Failures in the CLI's own words", ""]
            for (column, cell) in reds where column.source == .run && !column.isUnsupported {
                lines.append("- **\(column.version)**, scenario \(cell.scenario.rawValue) (\(cell.scenario.name)): `\(cell.verdict)`")
                lines += fenced(cell.excerpt)
            }
            for column in notes + unsupportedRuns {
                lines.append("- **\(column.version)**: every scenario `\(column.cells.first?.verdict ?? "?")`")
                lines += fenced(column.note ?? column.cells.first?.excerpt ?? "")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scenarios × versions table; a cell is `pass` or the failure mode.
    public static func table(_ matrix: VersionMatrix) -> [String] {
        var lines = ["| scenario | " + matrix.columns.map(\.version).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: matrix.columns.count)]
        for id in ScenarioID.allCases {
            let cells = matrix.columns.map { column in
                column.cells.first { $0.scenario == id }.map { $0.passed ? "pass" : "`\($0.verdict)`" } ?? "-"
            }
            lines.append("| \(id.rawValue) \(id.name) | " + cells.joined(separator: " | ") + " |")
        }
        let totals = matrix.columns.map { column in
            column.isUnsupported ? "n/a" : "\(column.passCount)/\(column.cells.count)"
        }
        lines.append("| passed | " + totals.joined(separator: " | ") + " |")
        return lines
    }

    /// An indented code block (four spaces) under a list item; backticks in CLI output cannot break it.
    static func fenced(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return [""] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 } + [""]
    }
}
