import Foundation
import SaaSStandIn

/// The options of `canary standin`, parsed without side effects.
struct StandInArguments: Equatable {
    /// Why the arguments were refused (exit 64).
    enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownOption(String)
        case missingValue(String)
        case invalidValue(option: String, value: String, expected: String)

        var description: String {
            switch self {
            case .unknownOption(let option): return "unknown option '\(option)'"
            case .missingValue(let option): return "option '\(option)' needs a value"
            case .invalidValue(let option, let value, let expected): return "invalid value '\(value)' for \(option): expected \(expected)"
            }
        }
    }

    /// The server configuration the flags describe.
    var configuration = StandInConfiguration()
    /// `--help` was given.
    var showHelp = false
    /// `--validate-payloads`: strict consumer mode (the command installs the validator).
    var validatePayloads = false
    /// `--secret-file PATH`: where the admin secret goes (0600); without it the secret is printed.
    var secretFile: String?

    /// Parses `--port N --db PATH --historical-rows N --profile P --events-version V --validate-payloads`,
    /// `--request-timeout S --idle-timeout S --max-connections N --secret-file PATH` (also `--flag=value`).
    static func parse(_ arguments: [String]) throws -> StandInArguments {
        var parsed = StandInArguments()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--help" || argument == "-h" {
                parsed.showHelp = true
                continue
            }
            if argument == "--validate-payloads" {
                parsed.validatePayloads = true
                continue
            }
            let (option, inline) = split(argument)
            func value() throws -> String {
                if let inline { return inline }
                guard let next = remaining.popFirst() else { throw Failure.missingValue(option) }
                return next
            }
            switch option {
            case "--port":
                let text = try value()
                guard let port = UInt16(text) else { throw Failure.invalidValue(option: option, value: text, expected: "0...65535") }
                parsed.configuration.port = port
            case "--db":
                let path = try value()
                guard !path.isEmpty else { throw Failure.invalidValue(option: option, value: path, expected: "a file path") }
                parsed.configuration.databasePath = path
            case "--historical-rows":
                let text = try value()
                guard let rows = Int(text), rows >= 0 else { throw Failure.invalidValue(option: option, value: text, expected: "a count >= 0") }
                parsed.configuration.historicalRows = rows
            case "--profile":
                let text = try value()
                guard let profile = StandInProfile(rawValue: text) else {
                    throw Failure.invalidValue(option: option, value: text, expected: StandInProfile.allCases.map(\.rawValue).joined(separator: " or "))
                }
                parsed.configuration.profile = profile
            case "--events-version":
                parsed.configuration.specKittyEventsVersion = try value()
            case "--request-timeout", "--idle-timeout":
                let text = try value()
                guard let seconds = TimeInterval(text), seconds > 0 else {
                    throw Failure.invalidValue(option: option, value: text, expected: "seconds > 0")
                }
                if option == "--request-timeout" { parsed.configuration.requestTimeout = seconds } else { parsed.configuration.idleTimeout = seconds }
            case "--secret-file":
                let path = try value()
                guard !path.isEmpty else { throw Failure.invalidValue(option: option, value: path, expected: "a file path") }
                parsed.secretFile = path
            case "--max-connections":
                let text = try value()
                guard let count = Int(text), count > 0 else { throw Failure.invalidValue(option: option, value: text, expected: "a count > 0") }
                parsed.configuration.maxConnections = count
            default:
                throw Failure.unknownOption(argument)
            }
        }
        return parsed
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
