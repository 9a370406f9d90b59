/// One declared option of a command: its spellings, whether it takes a value, and its help line.
public struct OptionSpec: Equatable, Sendable {
    /// Whether the option is a flag or takes a value, and how often.
    public enum Kind: Equatable, Sendable {
        /// Present or absent; `--flag=value` is refused.
        case flag
        /// Takes one value (`--name value` or `--name=value`); given twice, the last one counts.
        case value(name: String)
        /// Takes a value and may be given again; every value is kept, in order.
        case repeatable(name: String)
    }

    /// The spellings, the canonical long one first (e.g. `["--verbose", "-v"]`).
    public let names: [String]
    /// Flag or valued.
    public let kind: Kind
    /// The help text; a `\n` starts a continuation line aligned under the first.
    public let help: String

    /// A flag.
    public static func flag(_ names: String..., help: String) -> OptionSpec {
        OptionSpec(names: names, kind: .flag, help: help)
    }

    /// An option with one value, shown as `valueName` in the help.
    public static func value(_ names: String..., valueName: String, help: String) -> OptionSpec {
        OptionSpec(names: names, kind: .value(name: valueName), help: help)
    }

    /// An option that may be given more than once, each time with a value.
    public static func repeatable(_ names: String..., valueName: String, help: String) -> OptionSpec {
        OptionSpec(names: names, kind: .repeatable(name: valueName), help: help)
    }

    /// The canonical spelling, under which parsed values are stored.
    public var name: String { names[0] }

    /// Whether it takes a value.
    public var takesValue: Bool { kind != .flag }

    /// The left column of its help line, e.g. `--port N` or `--verbose, -v`.
    public var synopsis: String {
        let spelled = names.joined(separator: ", ")
        switch kind {
        case .flag: return spelled
        case let .value(valueName): return "\(spelled) \(valueName)"
        case let .repeatable(valueName): return "\(spelled) \(valueName) ..."
        }
    }
}
