import CanaryCore
import CanaryGate
import Foundation
import SaaSStandIn

/// `canary standin soak`: a bounded soak and fuzz of a stand-in child on loopback.
///
/// Malformed HTTP, bodies a real server refuses, a connection flood, readers
/// of a large witness, and bursts cut by kill -9. After every probe `/health/`
/// must answer; after every kill the restarted server must hold every event
/// it acknowledged; the witness must serve every accepted envelope byte for
/// byte as it was sent. It stops by itself in well under a minute.
enum StandInSoakCommand {
    /// The declared options; the help text and the parser both come from it.
    static let spec = CommandSpec(
        command: "canary standin soak",
        summary: """
            Starts `canary standin` on loopback with short timeouts (request 2 s, idle 3 s,
            64 connections), tries malformed requests, refused bodies, a connection flood,
            concurrent witness readers and three bursts cut by kill -9, and prints what it
            tried, what held, and a summary.
            """,
        options: [.flag("--keep", help: "keep the soak directory (store and the stand-in's logs)")],
        footer: "exit codes: 0 everything held, 1 something did not, 64 usage error"
    )

    /// Seconds the soak's stand-in gives a started request.
    static let requestTimeout = 2.0
    /// Connections the soak's stand-in serves at once.
    static let maxConnections = 64

    /// Runs the soak and returns the exit code.
    static func run(_ arguments: [String]) -> Int32 {
        let keep: Bool
        switch spec.invocation(arguments, { $0.flag("--keep") }) {
        case let .exit(code): return code
        case let .run(flag): keep = flag
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-soak-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            FileHandle.standardError.write(Data("canary standin soak: cannot create \(directory.path): \(error)\n".utf8))
            return 1
        }
        let executable = CanaryExecutable.path
        let server = SoakServer(executable: executable, directory: directory, flags: [
            "--request-timeout", "\(Int(requestTimeout))", "--idle-timeout", "3", "--max-connections", "\(maxConnections)",
        ])
        defer {
            server.stop()
            if !keep { try? FileManager.default.removeItem(at: directory) }
        }
        let started = Date()
        do {
            var soak = try Soak(server: server)
            try soak.run()
            soak.report.summary.forEach { print($0) }
            print(String(format: "soak: %.1f s%@", Date().timeIntervalSince(started), keep ? ", kept \(directory.path)" : ""))
            return soak.report.passed ? 0 : 1
        } catch {
            print("soak: stopped: \(error)")
            return 1
        }
    }
}

/// One soak: the probes in order, each followed by a health and crash check.
private struct Soak {
    let server: SoakServer
    var report = SoakReport()
    private var client: StandInClient
    private var token: String
    /// Envelope bytes sent and acknowledged, by event id, for the witness comparison.
    private var acknowledged: [String: Data] = [:]

    init(server: SoakServer) throws {
        self.server = server
        try server.start()
        print("soak: stand-in \(server.baseURL!.absoluteString), store \(server.storePath)")
        client = server.client()!
        let account = try client.createAccount(email: "soak@standin.invalid")
        token = try client.deviceLogin(account: account.userID).accessToken
    }

    mutating func run() throws {
        adminWithoutSecret()
        malformedRequests()
        refusedBodies()
        connectionFlood()
        for round in 1 ... 3 { try burstCutByKill(round: round) }
        concurrentWitnessReaders()
        compareWitness()
    }

    // MARK: The admin API's secret

    private mutating func adminWithoutSecret() {
        let account = "GET /__standin__/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, request) in [
            ("admin-no-secret", account + "\r\n"),
            ("admin-wrong-secret", account + "\(AdminSecret.header): \(AdminSecret.generate())\r\n\r\n"),
        ] {
            let outcome = RawHTTPExchange(port: server.port, deadline: 3).send([Data(request.utf8)])
            finish(name, "list every account \(name == "admin-no-secret" ? "without the secret" : "with a wrong secret")",
                   outcome.description, held: outcome == .status(401))
        }
    }

    // MARK: Malformed HTTP

    private mutating func malformedRequests() {
        let health = Data("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        let batchHead = "POST /api/v1/events/batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
        raw("crlf-flood", "8 MiB of CRLF before a request line", [Data.crlf(pairs: 4 << 20), health], within: 5)
        raw("garbage", "64 KiB of random bytes", [Data((0 ..< 65536).map { _ in UInt8.random(in: 0 ... 255) })], within: 5)
        raw("header-flood", "a 1 MiB header line", [Data("GET /health/ HTTP/1.1\r\nX-Flood: ".utf8) + Data(repeating: 0x61, count: 1 << 20)
                + Data("\r\n\r\n".utf8)], within: 5)
        raw("bad-chunk-size", "a chunk size that is not hex", [Data((batchHead + "Transfer-Encoding: chunked\r\n\r\nzz\r\n").utf8)], within: 5)
        var chunked = Data((batchHead + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n").utf8)
        let chunk = Data("1000\r\n".utf8) + Data(repeating: 0x20, count: 4096) + Data("\r\n".utf8)
        for _ in 0 ..< 4096 { chunked.append(chunk) }
        chunked.append(Data("0\r\n\r\n".utf8))
        raw("chunked-16mib", "a 16 MiB chunked body of 4 KiB chunks", [chunked], within: 10, anyAnswer: true)
        raw("slowloris", "a header line every 0.5 s, past the request timeout",
            [Data("GET /health/ HTTP/1.1\r\n".utf8)] + Array(repeating: Data("X-Slow: a\r\n".utf8), count: 12),
            within: StandInSoakCommand.requestTimeout + 3, pause: 0.5)
    }

    /// Sends `parts` raw; the server must answer 4xx (or `anyAnswer`) or close, within `within` seconds.
    private mutating func raw(_ name: String, _ tried: String, _ parts: [Data], within: TimeInterval,
                              pause: TimeInterval = 0, anyAnswer: Bool = false) {
        let began = Date()
        let outcome = RawHTTPExchange(port: server.port, deadline: within + 1).send(parts, pause: pause)
        let seconds = Date().timeIntervalSince(began)
        let held: Bool = switch outcome {
        case let .status(code): (anyAnswer || (400 ..< 500).contains(code)) && seconds <= within
        case .closed: seconds <= within
        case .timedOut, .refused: false
        }
        finish(name, tried, String(format: "%@ in %.2f s", outcome.description, seconds), held: held)
    }

    // MARK: Bodies a real server refuses

    private mutating func refusedBodies() {
        let envelope = { (id: String) in SampleEnvelope.wpStatusChanged(eventID: id).compactText }
        func batch(_ envelopes: String...) -> Data { Data(("{\"events\":[" + envelopes.joined(separator: ",") + "]}").utf8) }
        refused("gzip-bomb", "256 MiB of zeros, gzip-compressed", body: (try? Gzip.deflate(Data(count: 256 << 20))) ?? Data(), gzip: true)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        refused("deep-nesting", "a payload nested 100000 deep",
                body: batch(envelope("soak-deep").replacingOccurrences(of: "\"evidence\":null", with: "\"evidence\":\(deep)")), gzip: false)
        refused("huge-number", "lamport_clock 1e400",
                body: batch(envelope("soak-huge").replacingOccurrences(of: "\"lamport_clock\":1", with: "\"lamport_clock\":1e400")), gzip: false)
        var invalid = batch(envelope("soak-utf8"))
        invalid.replaceSubrange(invalid.firstRange(of: Data("canary-project".utf8))!, with: Data([0x63, 0xFF, 0xFE, 0x61]))
        refused("invalid-utf8", "a string with the bytes FF FE", body: invalid, gzip: false)
        refused("gzip-trailing-junk", "a gzip member followed by junk",
                body: ((try? Gzip.deflate(batch(envelope("soak-junk")))) ?? Data()) + Data("junk".utf8), gzip: true)

        // 2^53 + 1 is exact in JSON but not in a double: refused, or kept to the byte.
        let bigText = envelope("soak-bigint").replacingOccurrences(of: "\"lamport_clock\":1", with: "\"lamport_clock\":9007199254740993")
        let began = Date()
        let answer = try? client.sendBatch(encoded: batch(bigText), gzip: false, accessToken: token)
        let accepted = answer?.status == 200 && answer?.results.first?.status != "rejected"
        if accepted { acknowledged["soak-bigint"] = Data(bigText.utf8) }
        let outcome = answer.map { accepted ? "accepted (its bytes are compared below)" : "HTTP \($0.status)" } ?? "no answer"
        finish("big-integer", "lamport_clock 9007199254740993 (2^53 + 1)",
               String(format: "%@ in %.2f s", outcome, Date().timeIntervalSince(began)), held: answer.map { accepted || $0.status == 400 } ?? false)
    }

    /// Sends `body` as a batch; the server must refuse it (400 or 413) and record it as a refused send.
    private mutating func refused(_ name: String, _ tried: String, body: Data, gzip: Bool) {
        let sendsBefore = (try? client.sends().count) ?? -1
        let began = Date()
        let answer = Result { try client.sendBatch(encoded: body, gzip: gzip, accessToken: token) }
        let seconds = Date().timeIntervalSince(began)
        let sends = (try? client.sends()) ?? []
        let recorded = sends.count == sendsBefore + 1 && sends.last?.outcome == "refused"
        switch answer {
        case let .success(answer):
            let held = [400, 413].contains(answer.status) && recorded
            finish(name, tried, String(format: "HTTP %d in %.2f s, %@", answer.status, seconds,
                                       recorded ? "recorded as a refused send" : "NOT recorded as a refused send"), held: held)
        case let .failure(error):
            finish(name, tried, "no answer: \(error)", held: false)
        }
    }

    // MARK: Load

    private mutating func connectionFlood() {
        let count = StandInSoakCommand.maxConnections + 32
        let idle = (0 ..< count).compactMap { _ in RawHTTPExchange.openIdle(port: server.port) }
        let whileFull = health()
        idle.forEach { $0.close() }
        Thread.sleep(forTimeInterval: 0.2)
        let answered = whileFull.map { String(format: "/health/ answered HTTP %d in %.0f ms while full", $0.status, $0.seconds * 1000) }
            ?? "/health/ did not answer while full"
        finish("connection-flood", "\(idle.count) idle connections (the cap is \(StandInSoakCommand.maxConnections))", answered,
               held: whileFull != nil && idle.count == count)
    }

    private mutating func burstCutByKill(round: Int) throws {
        let senders = 4
        let ackedSoFar = Locked<[String: Data]>([:])
        let stop = Locked(false)
        let token = token, baseURL = server.baseURL!, secret = server.adminSecret
        let group = DispatchGroup()
        for sender in 0 ..< senders {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let client = StandInClient(baseURL: baseURL, adminSecret: secret)
                var number = 0
                while !stop.current {
                    let envelopes = (0 ..< 25).map { index -> (String, Data) in
                        number += 1
                        let id = "soak-r\(round)-s\(sender)-\(number)-\(index)"
                        return (id, Data(Soak.unusualEnvelope(id).utf8))
                    }
                    var body = Data("{\"events\": [".utf8)
                    for (index, envelope) in envelopes.enumerated() {
                        if index > 0 { body.append(Data(", ".utf8)) }
                        body.append(envelope.1)
                    }
                    body.append(Data("]}".utf8))
                    guard let answer = try? client.sendBatch(encoded: (try? Gzip.deflate(body)) ?? body, gzip: true, accessToken: token),
                          answer.status == 200 else { continue }
                    let sent = Dictionary(uniqueKeysWithValues: envelopes)
                    ackedSoFar.withLock { acked in
                        for result in answer.results where result.status != "rejected" {
                            if let id = result.eventID, let bytes = sent[id] { acked[id] = bytes }
                        }
                    }
                }
            }
        }
        Thread.sleep(forTimeInterval: 0.8)
        server.kill9()
        report.kills += 1
        stop.withLock { $0 = true }
        group.wait()
        let acked = ackedSoFar.current
        try server.start()
        client = server.client()!
        let stored = Set((try? client.envelopes().map(\.eventID)) ?? [])
        let lost = acked.keys.filter { !stored.contains($0) }
        report.acknowledged += acked.count
        report.lost += lost.count
        acknowledged.merge(acked) { first, _ in first }
        finish("burst-kill-\(round)", "\(senders) senders of 25-envelope batches, kill -9 after 0.8 s, restart on the same store",
               "\(acked.count) acknowledged, \(lost.count) lost\(lost.isEmpty ? "" : " (e.g. \(lost.prefix(3).joined(separator: ", ")))")",
               held: lost.isEmpty && !acked.isEmpty)
    }

    /// An envelope written the way no encoder here would: spaces, an escaped character, keys as they come.
    static func unusualEnvelope(_ id: String) -> String {
        SampleEnvelope.wpStatusChanged(eventID: id).compactText
            .replacingOccurrences(of: "\"git_branch\":\"feature/canary\"", with: "\"git_branch\" : \"feature/caf\\u00e9\"")
            .replacingOccurrences(of: "{\"admission_generation\"", with: "{ \"admission_generation\"")
    }

    private mutating func concurrentWitnessReaders() {
        let stop = Locked(false)
        let baseURL = server.baseURL!, secret = server.adminSecret
        let group = DispatchGroup()
        for _ in 0 ..< 8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let reader = StandInClient(baseURL: baseURL, adminSecret: secret)
                while !stop.current { _ = try? reader.envelopes() }
            }
        }
        var slowest = 0.0
        var missed = 0
        let end = Date().addingTimeInterval(3)
        while Date() < end {
            if let answer = health() { slowest = max(slowest, answer.seconds) } else { missed += 1 }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop.withLock { $0 = true }
        group.wait()
        report.slowestHealth = max(report.slowestHealth, slowest)
        report.healthMisses += missed
        finish("witness-readers", "8 readers of every envelope (\(acknowledged.count)) for 3 s, /health/ every 100 ms",
               String(format: "/health/ slowest %.0f ms, %d missed", slowest * 1000, missed), held: missed == 0)
    }

    private mutating func compareWitness() {
        var differing: [String] = []
        for (id, sent) in acknowledged.sorted(by: { $0.key < $1.key }) {
            let served = try? client.envelopeBytes(eventID: id)
            if served != sent { differing.append(id) }
        }
        report.witnessCompared += acknowledged.count
        report.witnessDiffering += differing.count
        finish("witness-bytes", "every acknowledged envelope read back through /__standin__/envelopes/raw",
               "\(acknowledged.count - differing.count) of \(acknowledged.count) identical\(differing.isEmpty ? "" : " (e.g. \(differing.prefix(3).joined(separator: ", ")))")",
               held: differing.isEmpty)
    }

    // MARK: Checks after each probe

    private func health() -> (status: Int, seconds: Double)? {
        let began = Date()
        let outcome = RawHTTPExchange(port: server.port, deadline: 2)
            .send([Data("GET /health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)])
        guard case let .status(code) = outcome else { return nil }
        return (code, Date().timeIntervalSince(began))
    }

    private mutating func finish(_ probe: String, _ tried: String, _ outcome: String, held: Bool) {
        var held = held
        var outcome = outcome
        if let exit = server.unexpectedExit {
            report.crashes += 1
            held = false
            outcome += "; the stand-in CRASHED (\(exit))"
            try? server.start()
            if let restarted = server.client() { client = restarted }
        }
        let answer = health()
        print(report.record(.init(probe: probe, tried: tried, outcome: outcome, held: held && answer?.status == 200,
                                  healthSeconds: answer?.seconds)))
    }
}

private extension Data {
    /// `pairs` CRLF pairs.
    static func crlf(pairs: Int) -> Data {
        Data([UInt8]((0 ..< pairs * 2).map { $0 % 2 == 0 ? 0x0D : 0x0A }))
    }
}
