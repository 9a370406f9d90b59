import CanaryCore
import CanaryGate
import Foundation
import SaaSStandIn

/// The options of `canary standin`, parsed without side effects.
struct StandInArguments: Equatable {
    /// The server configuration the flags describe.
    var configuration = StandInConfiguration()
    /// `--help` was given.
    var showHelp = false
    /// `--validate-payloads`: strict consumer mode (the command installs the validator).
    var validatePayloads = false
    /// `--secret-file PATH`: where the admin secret goes (0600); without it the secret is printed.
    var secretFile: String?

    /// The declared options; the help text and the parser both come from it.
    static let spec = CommandSpec(
        command: "canary standin",
        summary: """
            Serves the stand-in SaaS on 127.0.0.1 and prints its base URL on the first line.
            Its admin and witness API (/__standin__/) asks for a per-instance secret in the
            X-Standin-Secret header: written to --secret-file (0600) before the URL is printed,
            else printed on the second line. Stops cleanly on SIGINT or SIGTERM.
            """,
        options: [
            .value("--port", valueName: "N", help: "TCP port (default 0: the kernel picks one)"),
            .value("--db", valueName: "PATH", help: "SQLite store to use or create (default: a temp file, deleted at exit)"),
            .value("--historical-rows", valueName: "N", help: "historical business_rule rows seeded into a NEW store (default 22)"),
            .value("--profile", valueName: "P", help: "instant (default) or deployed-dev-2026-05"),
            .value("--events-version", valueName: "V", help: """
                spec_kitty_events version /health/ reports (default 6.1.0); with
                --validate-payloads, the version the validator installs and runs
                """),
            .flag("--validate-payloads", help: """
                strict consumer mode: validate every envelope with spec-kitty-events
                (validate_event) as the hosted SaaS does, and refuse a batch holding
                one that fails with HTTP 400 and the validator's message. Installs
                the validator through scripts/bootstrap-events-validator.sh on first
                use (run from the repository, or next to its .build)
                """),
            .value("--request-timeout", valueName: "S", help: "seconds a started request may take to arrive (default 30)"),
            .value("--idle-timeout", valueName: "S", help: "seconds a kept-alive connection may sit idle (default 120)"),
            .value("--max-connections", valueName: "N", help: "connections served at once; more are answered 503 (default 256)"),
            .value("--secret-file", valueName: "PATH", help: "write the admin secret to PATH (mode 0600) instead of printing it"),
        ],
        footer: """
            subcommands (each with its own --help):
              canary standin bench  batch-ingest throughput and latency on loopback
              canary standin soak   a bounded soak and fuzz of a stand-in child

            exit codes: 0 after a clean shutdown, 64 for a usage error, 70 when the server cannot start
            """
    )

    /// Parses the arguments after `standin`; `--flag value` and `--flag=value` alike.
    static func parse(_ arguments: [String]) throws(UsageError) -> StandInArguments {
        let parsed = try spec.parse(arguments)
        var result = StandInArguments()
        result.showHelp = parsed.helpRequested
        guard !result.showHelp else { return result }
        result.validatePayloads = parsed.flag("--validate-payloads")
        var configuration = result.configuration
        configuration.port = try parsed.value("--port", invalid: "expected 0...65535") { UInt16($0) } ?? configuration.port
        configuration.databasePath = try parsed.value("--db", invalid: "expected a file path") { $0.isEmpty ? nil : $0 } ?? configuration.databasePath
        configuration.historicalRows = try parsed.value("--historical-rows", invalid: "expected a count >= 0") { Int($0).flatMap { $0 >= 0 ? $0 : nil } }
            ?? configuration.historicalRows
        configuration.profile = try parsed.value(
            "--profile", invalid: "expected " + StandInProfile.allCases.map(\.rawValue).joined(separator: " or "), StandInProfile.init(rawValue:)
        ) ?? configuration.profile
        configuration.specKittyEventsVersion = parsed.value("--events-version") ?? configuration.specKittyEventsVersion
        configuration.requestTimeout = try seconds("--request-timeout", parsed) ?? configuration.requestTimeout
        configuration.idleTimeout = try seconds("--idle-timeout", parsed) ?? configuration.idleTimeout
        configuration.maxConnections = try parsed.value("--max-connections", invalid: "expected a count > 0") { Int($0).flatMap { $0 > 0 ? $0 : nil } }
            ?? configuration.maxConnections
        result.configuration = configuration
        result.secretFile = try parsed.value("--secret-file", invalid: "expected a file path") { $0.isEmpty ? nil : $0 }
        return result
    }

    private static func seconds(_ name: String, _ parsed: ParsedArguments) throws(UsageError) -> TimeInterval? {
        try parsed.value(name, invalid: "expected seconds > 0") { TimeInterval($0).flatMap { $0 > 0 ? $0 : nil } }
    }
}
