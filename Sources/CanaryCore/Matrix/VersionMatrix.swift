import Foundation

/// Scenarios × CLI versions: what `canary matrix` writes as `matrix.json` and `matrix.md`.
public struct VersionMatrix: Codable, Equatable, Sendable {
    /// The stand-in profile every column ran against.
    public let profile: String
    /// When the matrix was assembled.
    public let generatedAt: Date
    /// One column per version, in the order asked.
    public let columns: [MatrixColumn]

    /// A matrix.
    public init(profile: String, generatedAt: Date, columns: [MatrixColumn]) {
        self.profile = profile
        self.generatedAt = generatedAt
        self.columns = columns
    }

    /// `matrix.json`: sorted keys and ISO-8601 dates, so two renderings of one matrix are byte-identical.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.iso8601(date))
        }
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The JSON file a matrix is written to.
    public static let jsonFileName = "matrix.json"
    /// The Markdown file a matrix is written to.
    public static let markdownFileName = "matrix.md"

    /// Writes `matrix.json` and `matrix.md` into `directory`, each atomically.
    public func write(into directory: URL) throws {
        try jsonData().write(to: directory.appendingPathComponent(Self.jsonFileName), options: .atomic)
        try Data(MatrixMarkdown.render(self).utf8).write(to: directory.appendingPathComponent(Self.markdownFileName), options: .atomic)
    }

    /// Reads a `matrix.json`.
    public static func parse(_ data: Data) throws -> VersionMatrix {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a timestamp"))
            }
            return date
        }
        return try decoder.decode(VersionMatrix.self, from: data)
    }

    /// The cell of `scenario` under `version`, if that column exists.
    public func cell(version: String, scenario: ScenarioID) -> MatrixCell? {
        columns.first { $0.version == version }?.cells.first { $0.scenario == scenario }
    }

    enum CodingKeys: String, CodingKey {
        case profile
        case generatedAt = "generated_at"
        case columns = "versions"
    }
}
