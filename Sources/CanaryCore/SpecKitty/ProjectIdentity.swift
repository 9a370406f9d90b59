/// What identifies a checkout to the CLI: `project.uuid` and `project.slug` of `.kittify/config.yaml`.
public struct ProjectIdentity: Equatable, Sendable {
    /// The project uuid; names the per-project store directory.
    public var uuid: String
    /// The project slug, when the file has one.
    public var slug: String?

    /// Creates an identity.
    public init(uuid: String, slug: String? = nil) {
        self.uuid = uuid
        self.slug = slug
    }

    /// Reads the identity from the YAML text of `.kittify/config.yaml`.
    ///
    /// Only the shape the CLI writes is understood: a top-level `project:`
    /// mapping with `uuid:`/`slug:` scalars (or top-level `project_uuid:`).
    public static func parse(yaml: String) -> ProjectIdentity? {
        var inProject = false
        var uuid: String?
        var slug: String?
        for rawLine in yaml.split(whereSeparator: \.isNewline) {
            let line = String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            let indented = line.first == " " || line.first == "\t"
            if !indented {
                inProject = line.trimmingCharacters(in: .whitespaces) == "project:"
                if let value = scalar(line, key: "project_uuid") { uuid = uuid ?? value }
                if let value = scalar(line, key: "project_slug") { slug = slug ?? value }
                continue
            }
            guard inProject else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let value = scalar(trimmed, key: "uuid") { uuid = value }
            if let value = scalar(trimmed, key: "slug") { slug = value }
        }
        return uuid.map { ProjectIdentity(uuid: $0, slug: slug) }
    }

    private static func scalar(_ line: String, key: String) -> String? {
        guard line.hasPrefix(key + ":") else { return nil }
        var value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        return value.isEmpty ? nil : value
    }
}
