import Foundation

/// A command run with `--json`: its result and the object it printed.
public struct JSONCommandResult: Equatable, Sendable {
    /// The command as it ran.
    public let result: CommandResult
    /// The JSON object on stdout, or nil when there was none (e.g. a crash).
    public let json: JSONValue?

    /// Pairs `result` with the JSON found in its stdout.
    public init(_ result: CommandResult) {
        self.result = result
        json = Self.extractObject(from: result.stdout)
    }

    /// The string member `key` of the object, or nil.
    public func string(_ key: String) -> String? { json?[key]?.stringValue }

    /// The JSON object in `text`: all of it, or else the last line-initial `{`
    /// onwards (some commands print notices before the object).
    public static func extractObject(from text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = object(trimmed) { return value }
        var searchEnd = trimmed.endIndex
        while let brace = trimmed[..<searchEnd].range(of: "\n{", options: .backwards) {
            if let value = object(String(trimmed[trimmed.index(after: brace.lowerBound)...])) { return value }
            searchEnd = brace.lowerBound
        }
        return nil
    }

    private static func object(_ text: String) -> JSONValue? {
        guard text.hasPrefix("{"), let value = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        if case .object = value { return value }
        return nil
    }
}
