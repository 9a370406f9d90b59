/// One declared positional argument: its name in the usage line, how many words it takes, and its help.
public struct PositionalSpec: Equatable, Sendable {
    /// How many words the positional takes.
    public enum Arity: Equatable, Sendable {
        /// Exactly one.
        case required
        /// Zero or one.
        case optional
        /// One or more; only the last positional may be variadic.
        case oneOrMore
        /// Any number, none included; only the last positional may be variadic.
        case zeroOrMore
    }

    /// The name shown in the usage line, e.g. `<bundle>`.
    public let name: String
    /// How many words it takes.
    public let arity: Arity
    /// The help text (empty: the usage line says enough).
    public let help: String

    /// A positional argument.
    public init(_ name: String, arity: Arity = .required, help: String = "") {
        self.name = name
        self.arity = arity
        self.help = help
    }

    /// How it reads in the usage line.
    public var synopsis: String {
        switch arity {
        case .required: name
        case .optional: "[\(name)]"
        case .oneOrMore: "\(name) [\(name) ...]"
        case .zeroOrMore: "[\(name) ...]"
        }
    }
}
