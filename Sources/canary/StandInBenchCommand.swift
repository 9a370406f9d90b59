import CanaryCore
import CanaryGate
import Foundation
import SaaSStandIn

/// `canary standin bench`: batch-ingest throughput and latency on loopback.
///
/// Bounded: a fixed number of requests per batch size, fresh event ids every time
/// (so each envelope is stored, not answered `duplicate`), bodies gzip-encoded before
/// the clock starts so only the server is timed.
enum StandInBenchCommand {
    /// Batch sizes and how many requests each runs.
    static let plan: [(batchSize: Int, requests: Int)] = [(1, 400), (100, 60), (1000, 12)]

    /// The declared options; the help text and the parser both come from it.
    static let spec = CommandSpec(
        command: "canary standin bench",
        summary: """
            Measures batch ingest (1, 100, 1000 envelopes per batch) on loopback and
            prints events/s, p50 and p99; against --url (its secret in CANARY_STANDIN_SECRET),
            or an in-process stand-in.
            """,
        options: [
            .value("--url", valueName: "URL", help: "a running stand-in (default: one started in this process)"),
            .value("--profile", valueName: "P", help: "the in-process stand-in's profile: instant (default) or deployed-dev-2026-05"),
        ],
        footer: "exit codes: 0 measured, 1 a request failed, 64 usage error"
    )

    /// Runs the benchmark and returns the exit code.
    static func run(_ arguments: [String]) -> Int32 {
        var url: URL?
        let profile: StandInProfile
        switch spec.invocation(arguments, { parsed in
            (try parsed.value("--url", invalid: "expected a URL") { URL(string: $0) },
             try parsed.value("--profile", invalid: "expected instant or deployed-dev-2026-05", StandInProfile.init(rawValue:)) ?? .instant)
        }) {
        case let .exit(code): return code
        case let .run(options): (url, profile) = options
        }

        var server: StandInServer?
        defer { server?.stop() }
        do {
            if url == nil {
                let local = try StandInServer(configuration: StandInConfiguration(profile: profile))
                try local.start()
                server = local
                url = local.baseURL
            }
            guard let url else { return 70 }
            let client = server?.client() ?? StandInClient(
                baseURL: url, adminSecret: ProcessInfo.processInfo.environment[AdminSecret.environmentVariable])
            let account = try client.createAccount(email: "bench-\(UUID().uuidString.prefix(8))@standin.invalid")
            let token = try client.deviceLogin(account: account.userID).accessToken
            print("stand-in batch ingest, loopback \(url.absoluteString), profile \(server == nil ? "(remote)" : profile.rawValue)")
            print(pad("batch", 6) + pad("requests", 10) + pad("events/s", 12) + pad("p50 ms", 10) + pad("p99 ms", 10) + "bytes/req (gzip)")
            for (size, requests) in plan {
                let row = try measure(client: client, token: token, batchSize: size, requests: requests)
                print(pad("\(size)", 6) + pad("\(requests)", 10) + pad(String(format: "%.0f", row.eventsPerSecond), 12)
                    + pad(String(format: "%.2f", row.p50 * 1000), 10) + pad(String(format: "%.2f", row.p99 * 1000), 10) + "\(row.bodyBytes)")
            }
            fflush(nil)
            return 0
        } catch {
            // A failed request is the server's answer, not a usage error.
            FileHandle.standardError.write(Data("canary standin bench: \(error)\n".utf8))
            return 1
        }
    }

    private struct Row { var eventsPerSecond: Double; var p50: Double; var p99: Double; var bodyBytes: Int }

    private static func measure(client: StandInClient, token: String, batchSize: Int, requests: Int) throws -> Row {
        let run = UUID().uuidString.prefix(8)
        let bodies = try (0 ..< requests).map { request in
            try StandInClient.encodeBatch((0 ..< batchSize).map { index in
                SampleEnvelope.wpStatusChanged(eventID: "bench-\(run)-\(batchSize)-\(request)-\(index)", lamportClock: Int64(index + 1))
            })
        }
        var latencies: [Double] = []
        latencies.reserveCapacity(requests)
        let started = DispatchTime.now().uptimeNanoseconds
        for body in bodies {
            let begin = DispatchTime.now().uptimeNanoseconds
            let answer = try client.sendBatch(encoded: body, gzip: true, accessToken: token)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
            guard answer.status == 200, answer.results.count == batchSize else {
                throw BenchFailure(detail: "batch of \(batchSize) answered HTTP \(answer.status) with \(answer.results.count) results")
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let sorted = latencies.sorted()
        func percentile(_ fraction: Double) -> Double {
            sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
        }
        return Row(eventsPerSecond: Double(batchSize * requests) / elapsed, p50: percentile(0.50), p99: percentile(0.99),
                   bodyBytes: bodies.map(\.count).reduce(0, +) / max(1, bodies.count))
    }

    private struct BenchFailure: Error, CustomStringConvertible { var detail: String; var description: String { detail } }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
