import Foundation
import SaaSStandIn

/// `canary standin`: serves the stand-in SaaS until SIGINT or SIGTERM.
///
/// ```
/// canary standin [--port N] [--db PATH] [--historical-rows N] [--profile P] [--events-version V]
/// canary standin bench [--url URL] [--profile P]
/// ```
/// The first stdout line is the base URL alone (e.g. `http://127.0.0.1:41231`), so a
/// parent process can read it and point `SPEC_KITTY_SAAS_URL` at it. Exit 0 after a
/// clean shutdown, 64 for bad flags, 70 when the server cannot start.
enum StandInCommand {
    static let usage = """
        usage: canary standin [--port N] [--db PATH] [--historical-rows N] [--profile P] [--events-version V]
               canary standin bench [--url URL] [--profile P]

        Serves the stand-in SaaS on 127.0.0.1 and prints its base URL on the first line.
        Stops cleanly on SIGINT or SIGTERM.

          --port N             TCP port (default 0: the kernel picks one)
          --db PATH            SQLite store to use or create (default: a temp file, deleted at exit)
          --historical-rows N  historical business_rule rows seeded into a NEW store (default 22)
          --profile P          instant (default) or deployed-dev-2026-05
          --events-version V   spec_kitty_events version /health/ reports (default 6.1.0)

        bench: measures batch ingest (1, 100, 1000 envelopes per batch) on loopback and
        prints events/s, p50 and p99; against --url, or an in-process stand-in.
        """

    /// Runs the command and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.first == "bench" { return StandInBenchCommand.run(Array(arguments.dropFirst())) }
        let parsed: StandInArguments
        do {
            parsed = try StandInArguments.parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("canary standin: \(error)\n\n\(usage)\n".utf8))
            return 64
        }
        if parsed.showHelp {
            print(usage)
            return 0
        }
        // Replace the default action (terminate) so the dispatch sources below get them.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let server: StandInServer
        do {
            server = try StandInServer(configuration: parsed.configuration)
            try server.start()
        } catch {
            FileHandle.standardError.write(Data("canary standin: \(error)\n".utf8))
            return 70
        }
        print(server.baseURL.absoluteString)
        fflush(nil)
        FileHandle.standardError.write(Data("canary standin: serving \(server.baseURL.absoluteString) (profile \(parsed.configuration.profile.rawValue), store \(server.databasePath))\n".utf8))

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
}
