import CanaryCore
import CanaryGate
import Foundation
import SaaSStandIn

/// `canary standin`: serves the stand-in SaaS until SIGINT or SIGTERM.
///
/// ```
/// canary standin [--port N] [--db PATH] [--historical-rows N] [--profile P] [--events-version V] [--validate-payloads] ...
/// canary standin bench [--url URL] [--profile P]
/// canary standin soak [--keep]
/// ```
/// The first stdout line is the base URL alone (e.g. `http://127.0.0.1:41231`), so a
/// parent process can read it and point `SPEC_KITTY_SAAS_URL` at it; the admin secret is
/// in `--secret-file` or on the second line. Exit 0 after a
/// clean shutdown, 64 for bad flags, 70 when the server cannot start.
enum StandInCommand {
    /// The `--help` text, generated from ``StandInArguments/spec``.
    static var usage: String { StandInArguments.spec.helpText }

    /// Runs the command and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.first == "bench" { return StandInBenchCommand.run(Array(arguments.dropFirst())) }
        if arguments.first == "soak" { return StandInSoakCommand.run(Array(arguments.dropFirst())) }
        let parsed: StandInArguments
        do {
            parsed = try StandInArguments.parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("canary standin: \(error)\n\n\(usage)\n".utf8))
            return UsageError.exitCode
        }
        if parsed.showHelp {
            print(usage)
            return 0
        }
        // Replace the default action (terminate) so the dispatch sources below get them.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var configuration = parsed.configuration
        if parsed.validatePayloads {
            do {
                configuration.payloadValidation = try validatorSettings(eventsVersion: configuration.specKittyEventsVersion)
            } catch {
                FileHandle.standardError.write(Data("canary standin: --validate-payloads: \(error)\n".utf8))
                return 70
            }
        }
        let server: StandInServer
        do {
            server = try StandInServer(configuration: configuration)
            try server.start()
        } catch {
            FileHandle.standardError.write(Data("canary standin: \(error)\n".utf8))
            return 70
        }
        // The file is written before the URL is printed: whoever sees the URL can read the secret.
        if let path = parsed.secretFile {
            do {
                try AdminSecret.write(server.adminSecret, to: path)
            } catch {
                server.stop()
                FileHandle.standardError.write(Data("canary standin: \(error)\n".utf8))
                return 70
            }
        }
        print(server.baseURL.absoluteString)
        if parsed.secretFile == nil { print("admin secret: \(server.adminSecret) (send it as \(AdminSecret.header))") }
        fflush(nil)
        FileHandle.standardError.write(Data("canary standin: serving \(server.baseURL.absoluteString) (profile \(configuration.profile.rawValue)\(configuration.payloadValidation == nil ? "" : ", payloads validated"), store \(server.databasePath))\n".utf8))

        let stopRequested = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopRequested.signal() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        stopRequested.wait()
        server.stop()
        FileHandle.standardError.write(Data("canary standin: stopped\n".utf8))
        return 0
    }

    /// Finds the repository (from the working directory, else from this executable in its
    /// `.build`) and installs or finds the validator venv there.
    private static func validatorSettings(eventsVersion: String) throws -> PayloadValidation {
        let executable = URL(fileURLWithPath: CanaryExecutable.path).deletingLastPathComponent().path
        let candidates = [FileManager.default.currentDirectoryPath, executable]
        guard let root = candidates.lazy.compactMap(GateComposition.findRepositoryRoot).first(where: {
            FileManager.default.fileExists(atPath: "\($0)/scripts/events-validator.py")
        }) else {
            throw EventsValidatorError.bootstrapFailed(script: "scripts/bootstrap-events-validator.sh", status: -1,
                                                       lastLine: "no canary repository above \(candidates.joined(separator: " or "))")
        }
        return try PayloadValidation.bootstrap(repositoryRoot: root, eventsVersion: eventsVersion)
    }
}
