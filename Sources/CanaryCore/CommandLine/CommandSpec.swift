/// A command's declared options and positionals: parses its arguments and generates its help.
///
/// Every command parses the same way: `--name value` and `--name=value`, flags
/// refusing `=value`, `--help`/`-h` always known, `--` ending the options, and a
/// mistake a ``UsageError`` (exit ``UsageError/exitCode``) naming the option.
/// Pure: no I/O, so a command decides what to print.
public struct CommandSpec: Equatable, Sendable {
    /// The command as typed, e.g. `canary report`.
    public let command: String
    /// Prose after the usage line: what the command does (may be empty).
    public let summary: String
    /// The declared options, in help order (`--help` is implicit).
    public let options: [OptionSpec]
    /// The declared positionals, in order.
    public let positionals: [PositionalSpec]
    /// Prose after the options, such as exit codes (may be empty).
    public let footer: String

    /// The spellings of the implicit help flag.
    public static let helpNames = ["--help", "-h"]

    /// A command with its declarations.
    public init(command: String, summary: String = "", options: [OptionSpec] = [], positionals: [PositionalSpec] = [], footer: String = "") {
        self.command = command
        self.summary = summary
        self.options = options
        self.positionals = positionals
        self.footer = footer
    }

    /// Parses `arguments` (after the command's name); positional counts are not checked when help was asked for.
    public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var remaining = arguments[...]
        var optionsEnded = false
        while let argument = remaining.popFirst() {
            guard !optionsEnded, argument.hasPrefix("-"), argument.count > 1 else {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard let option = option(named: name) else {
                guard Self.helpNames.contains(name) else { throw .unknownOption(name) }
                if let inline { throw .invalidValue(option: name, value: inline, why: "takes no value") }
                parsed.helpRequested = true
                continue
            }
            guard option.takesValue else {
                if let inline { throw .invalidValue(option: name, value: inline, why: "takes no value") }
                parsed.flags.insert(option.name)
                continue
            }
            // A following option is a forgotten value, not a value that starts with dashes.
            guard let value = inline ?? remaining.first.flatMap({ $0.hasPrefix("--") ? nil : $0 }) else {
                throw .missingValue(name)
            }
            if inline == nil { remaining.removeFirst() }
            parsed.values[option.name, default: []].append(value)
        }
        if !parsed.helpRequested { try checkPositionals(parsed.positionals) }
        return parsed
    }

    /// The option spelled `name`, under any of its spellings.
    public func option(named name: String) -> OptionSpec? {
        options.first { $0.names.contains(name) }
    }

    /// The `--help` text: usage line, summary, one aligned line per argument and option, footer.
    public var helpText: String {
        let help = OptionSpec(names: Self.helpNames, kind: .flag, help: "this help")
        let argumentRows = positionals.filter { !$0.help.isEmpty }.map { ($0.name, $0.help) }
        let optionRows = (options + [help]).map { ($0.synopsis, $0.help) }
        let width = (argumentRows + optionRows).map(\.0.count).max() ?? 0
        func rows(_ rows: [(String, String)]) -> String {
            rows.map { synopsis, text in
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let first = "  " + synopsis + String(repeating: " ", count: width - synopsis.count + 2) + (lines.first ?? "")
                let rest = lines.dropFirst().map { String(repeating: " ", count: width + 4) + $0 }
                return ([first] + rest).joined(separator: "\n")
            }.joined(separator: "\n")
        }
        var sections = [usageLine]
        if !summary.isEmpty { sections.append(summary) }
        if !argumentRows.isEmpty { sections.append("arguments:\n" + rows(argumentRows)) }
        sections.append("options:\n" + rows(optionRows))
        if !footer.isEmpty { sections.append(footer) }
        return sections.joined(separator: "\n\n")
    }

    /// `usage: <command> [options] <positionals>`.
    public var usageLine: String {
        (["usage: \(command)"] + (options.isEmpty ? [] : ["[options]"]) + positionals.map(\.synopsis)).joined(separator: " ")
    }

    private func checkPositionals(_ words: [String]) throws(UsageError) {
        var index = 0
        for positional in positionals {
            switch positional.arity {
            case .required:
                guard index < words.count else { throw .missingArgument(positional.name) }
                index += 1
            case .optional:
                if index < words.count { index += 1 }
            case .oneOrMore:
                guard index < words.count else { throw .missingArgument(positional.name) }
                index = words.count
            case .zeroOrMore:
                index = words.count
            }
        }
        if index < words.count { throw .unexpectedArgument(words[index]) }
    }
}
