import Foundation

/// The rows of the text form's "Identity Boundary" block, before interpretation.
///
/// The CLI's contract (3.2.x `_print_boundary_section`): a section header
/// ending in `:` on its own line, children indented deeper, key and value
/// separated by two or more spaces; top-level rows at the header's indent.
/// rc13 prints the same rows as a borderless Rich table, one column further
/// in and padded on the right, so positions are read relative to the header
/// rather than as fixed columns.
public struct IdentityBoundaryBlock: Equatable, Sendable {
    /// Section rows by header (with its colon), e.g. `["Active queue:": ["Path": …]]`.
    public var sections: [String: [String: String]]
    /// Rows outside any section, e.g. `Mismatches`, `Mismatched fields`.
    public var topLevel: [String: String]
    /// The optional "Mismatch Detail" table's rows.
    public var mismatchDetail: [SyncStatusReport.Mismatch]
    /// Lines under "Identity boundary check FAILED:", without the leading `!`.
    public var failures: [String]

    /// Finds and splits the block in the full text output.
    public init(_ text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Self.clean)
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Identity Boundary" }) else {
            throw StatusParseError.missingBlock("Identity Boundary")
        }
        var sections: [String: [String: String]] = [:]
        var topLevel: [String: String] = [:]
        var current: (name: String, indent: Int)?
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !sections.isEmpty || !topLevel.isEmpty { break }
                index += 1
                continue
            }
            let indent = line.prefix { $0 == " " }.count
            if trimmed.hasSuffix(":"), !trimmed.contains("  ") {
                current = (trimmed, indent)
                sections[trimmed, default: [:]] = sections[trimmed] ?? [:]
            } else if let (key, value) = Self.keyValue(trimmed) {
                if let section = current, indent > section.indent {
                    sections[section.name, default: [:]][key] = value
                } else {
                    current = nil
                    topLevel[key] = value
                }
            }
            index += 1
        }
        self.sections = sections
        self.topLevel = topLevel
        mismatchDetail = Self.mismatchDetail(lines[index...])
        failures = Self.failures(lines[index...])
    }

    /// Splits `key  value` at the first run of two or more spaces.
    static func keyValue(_ trimmed: String) -> (String, String)? {
        guard let gap = trimmed.range(of: "  ") else { return nil }
        let key = trimmed[..<gap.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = trimmed[gap.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !value.isEmpty else { return nil }
        return (key, value)
    }

    /// Drops table borders and trailing padding so both renderings look alike.
    static func clean(_ line: Substring) -> String {
        var text = String(line)
        for border in ["│", "┃", "║"] { text = text.replacingOccurrences(of: border, with: " ") }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    private static func mismatchDetail(_ lines: ArraySlice<String>) -> [SyncStatusReport.Mismatch] {
        guard let title = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Mismatch Detail" }) else {
            return []
        }
        var rows: [SyncStatusReport.Mismatch] = []
        for line in lines[(title + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { if rows.isEmpty { continue } else { break } }
            let cells = trimmed.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard cells.count >= 3, cells[0] != "Field" else { continue }
            rows.append(.init(
                field: cells[0], foregroundValue: cells[1] == "<unset>" ? nil : cells[1],
                daemonValue: cells[2] == "<unset>" ? nil : cells[2], remediationHint: nil
            ))
        }
        return rows
    }

    private static func failures(_ lines: ArraySlice<String>) -> [String] {
        guard let header = lines.firstIndex(where: { $0.contains("Identity boundary check FAILED") }) else { return [] }
        var found: [String] = []
        for line in lines[(header + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("!") else { if found.isEmpty { continue } else { break } }
            found.append(trimmed.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        return found
    }
}
