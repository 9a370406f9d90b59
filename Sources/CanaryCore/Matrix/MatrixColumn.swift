import Foundation

/// One CLI version's column: a cell per scenario and how the column came about.
public struct MatrixColumn: Codable, Equatable, Sendable {
    /// How the column's cells were obtained.
    public enum Source: String, Codable, Sendable {
        /// Read from the version's run document.
        case run
        /// The preflight found no sync surface; no scenario ran.
        case unsupported
        /// The run left no readable run document; every cell is a harness error.
        case missing
    }

    /// The version asked for.
    public let version: String
    /// The version the CLI reported (from the run document), when known.
    public let cliVersion: String?
    /// How the cells were obtained.
    public let source: Source
    /// One cell per scenario, ordered by id.
    public let cells: [MatrixCell]
    /// Why the column is what it is, for unsupported and missing columns.
    public let note: String?
    /// Wall time of the version's run, in seconds.
    public let durationSeconds: Double?

    /// A column; cells are put in scenario order.
    public init(version: String, cliVersion: String?, source: Source, cells: [MatrixCell], note: String?, durationSeconds: Double?) {
        self.version = version
        self.cliVersion = cliVersion
        self.source = source
        self.cells = cells.sorted { $0.scenario < $1.scenario }
        self.note = note
        self.durationSeconds = durationSeconds
    }

    /// The column of a finished run: its scenarios' verdicts, and a harness error for any scenario it lacks.
    public static func from(run: CanaryRunResult, version: String, durationSeconds: Double? = nil) -> MatrixColumn {
        let cells = ScenarioID.allCases.map { id in
            run.scenarios.first { $0.id == id }.map { MatrixCell(result: $0) }
                ?? MatrixCell(scenario: id, verdict: FailureMode.harnessError.rawValue, excerpt: "the run document has no result for scenario \(id.rawValue)")
        }
        return MatrixColumn(version: version, cliVersion: run.cliVersion, source: .run, cells: cells, note: nil,
                            durationSeconds: durationSeconds)
    }

    /// The reason after `cli.unsupported: ` in the protocol script's preflight summary, or nil for any other refusal.
    public static func unsupportedReason(inScriptSummary summary: String) -> String? {
        guard let marker = summary.range(of: "\(FailureMode.cliUnsupported.rawValue): ") else { return nil }
        let reason = summary[marker.upperBound...].trimmingCharacters(in: .whitespaces)
        return reason.isEmpty ? nil : reason
    }

    /// A CLI without the sync surface: every cell `cli.unsupported`, nothing ran.
    public static func unsupported(version: String, reason: String) -> MatrixColumn {
        MatrixColumn(version: version, cliVersion: version, source: .unsupported,
                     cells: ScenarioID.allCases.map { MatrixCell(scenario: $0, verdict: FailureMode.cliUnsupported.rawValue, excerpt: reason) },
                     note: reason, durationSeconds: nil)
    }

    /// A version whose run produced no run document (install failed, the test process died): the harness's failure.
    public static func missing(version: String, reason: String, durationSeconds: Double? = nil) -> MatrixColumn {
        let excerpt = MatrixCell.excerpt(reason, lines: MatrixCell.excerptLines)
        return MatrixColumn(version: version, cliVersion: nil, source: .missing,
                            cells: ScenarioID.allCases.map { MatrixCell(scenario: $0, verdict: FailureMode.harnessError.rawValue, excerpt: excerpt) },
                            note: reason, durationSeconds: durationSeconds)
    }

    /// Whether the CLI has no sync surface: found by the preflight, or by every scenario of its run.
    public var isUnsupported: Bool {
        source == .unsupported || (!cells.isEmpty && cells.allSatisfy { $0.verdict == FailureMode.cliUnsupported.rawValue })
    }

    /// The number of passing cells.
    public var passCount: Int { cells.filter(\.passed).count }

    enum CodingKeys: String, CodingKey {
        case version
        case cliVersion = "cli_version"
        case source, cells, note
        case durationSeconds = "duration_seconds"
    }
}
