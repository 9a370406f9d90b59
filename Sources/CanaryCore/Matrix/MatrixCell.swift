/// One scenario under one CLI version: pass, or the failure mode with the CLI's own words.
public struct MatrixCell: Codable, Equatable, Sendable {
    /// The scenario.
    public let scenario: ScenarioID
    /// `pass`, or the failure mode's identifier.
    public let verdict: String
    /// The first lines of the scenario's details: what the CLI said (empty for a clean pass).
    public let excerpt: String

    /// A cell.
    public init(scenario: ScenarioID, verdict: String, excerpt: String) {
        self.scenario = scenario
        self.verdict = verdict
        self.excerpt = excerpt
    }

    /// Whether the scenario passed.
    public var passed: Bool { verdict == "pass" }

    /// The cell of a recorded scenario result.
    public init(result: ScenarioResult, excerptLines: Int = MatrixCell.excerptLines) {
        scenario = result.id
        verdict = result.failureMode?.rawValue ?? "pass"
        excerpt = result.status == .pass ? "" : Self.excerpt(result.details ?? "", lines: excerptLines)
    }

    /// How many lines of `details` a cell keeps.
    public static let excerptLines = 3

    /// The first `lines` non-blank lines of `text`, each cut to 240 characters: enough to
    /// recognise the signature, short enough for a table.
    public static func excerpt(_ text: String, lines: Int) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .prefix(lines)
            .map { $0.count > 240 ? String($0.prefix(239)) + "…" : $0 }
            .joined(separator: "\n")
    }

    enum CodingKeys: String, CodingKey {
        case scenario, verdict, excerpt
    }

    /// Decodes a cell; the scenario is its numeric id.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode(Int.self, forKey: .scenario)
        guard let id = ScenarioID(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: .scenario, in: container, debugDescription: "\(raw) is not a scenario id")
        }
        scenario = id
        verdict = try container.decode(String.self, forKey: .verdict)
        excerpt = try container.decode(String.self, forKey: .excerpt)
    }

    /// Encodes the scenario as its numeric id, like the run document.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario.rawValue, forKey: .scenario)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(excerpt, forKey: .excerpt)
    }
}
