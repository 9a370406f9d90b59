/// What ``CommandSpec/parse(_:)`` found: flags, option values and positionals, with typed accessors.
///
/// Values are kept as text; the accessors convert them, so a value that does not
/// fit is a ``UsageError`` naming its option, as a missing one is.
public struct ParsedArguments: Equatable, Sendable {
    /// `--help` or `-h` was given.
    public var helpRequested = false
    /// The canonical names of the flags given.
    public var flags: Set<String> = []
    /// Each valued option's values, in order, by canonical name.
    public var values: [String: [String]] = [:]
    /// The positional words, in order.
    public var positionals: [String] = []

    /// An empty result.
    public init() {}

    /// Whether the flag (canonical name) was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The option's last value, or nil when it was not given.
    public func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option, in order.
    public func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// The option's last value converted, nil when not given; `why` explains a value `convert` refuses.
    public func value<T>(_ name: String, invalid why: String, _ convert: (String) -> T?) throws(UsageError) -> T? {
        guard let text = value(name) else { return nil }
        guard let converted = convert(text) else { throw .invalidValue(option: name, value: text, why: why) }
        return converted
    }

    /// The option's last value converted by a throwing initialiser, whose error explains a refusal.
    public func value<T>(_ name: String, _ convert: (String) throws -> T) throws(UsageError) -> T? {
        guard let text = value(name) else { return nil }
        do {
            return try convert(text)
        } catch {
            throw .invalidValue(option: name, value: text, why: "\(error)")
        }
    }

    /// The option's last value, refused when empty (a path or name given as `--x=`).
    public func nonEmptyValue(_ name: String) throws(UsageError) -> String? {
        try value(name, invalid: "must not be empty") { $0.isEmpty ? nil : $0 }
    }
}
