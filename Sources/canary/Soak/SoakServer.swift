import CanaryCore
import CanaryGate
import Foundation
import SaaSStandIn

/// The stand-in under soak: a `canary standin` child on one store, killed with SIGKILL and restarted at will.
///
/// A child, not an in-process server, so kill -9 is real: what the store
/// kept is exactly what survives a crash. Started by the one process runner.
final class SoakServer {
    /// Why the stand-in could not be started.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    let executable: String
    let directory: URL
    let flags: [String]
    private let runner = ProcessRunner()
    private(set) var process: LaunchedProcess?
    private(set) var baseURL: URL?
    /// The running server's admin secret.
    private(set) var adminSecret: String?
    private var starts = 0

    /// A server that will keep its store and logs in `directory`.
    init(executable: String, directory: URL, flags: [String]) {
        self.executable = executable
        self.directory = directory
        self.flags = flags
    }

    /// The store every start opens.
    var storePath: String { directory.appendingPathComponent("store.sqlite").path }

    /// The port of the running server.
    var port: UInt16 { UInt16(baseURL?.port ?? 0) }

    /// A client of the running server that presents its secret.
    func client() -> StandInClient? {
        baseURL.map { StandInClient(baseURL: $0, adminSecret: adminSecret) }
    }


    /// Starts the child and waits (up to 30 s) for the URL it prints first.
    func start() throws {
        starts += 1
        let stdout = directory.appendingPathComponent("stdout-\(starts).log")
        let stderr = directory.appendingPathComponent("stderr-\(starts).log")
        let secretFile = directory.appendingPathComponent("admin-secret-\(starts)").path
        let child = try runner.launch([executable, "standin", "--port", "0", "--db", storePath, "--secret-file", secretFile] + flags,
                                      standardOutput: .file(stdout.path), standardError: .file(stderr.path))
        process = child
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let line = (try? String(contentsOf: stdout, encoding: .utf8))?.split(separator: "\n").first,
               line.hasPrefix("http"), let url = URL(string: String(line)) {
                baseURL = url
                adminSecret = try AdminSecret.read(from: secretFile)
                return
            }
            guard child.exited == nil else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let reason = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        stop()
        throw StartFailure(description: "the stand-in did not start: \(reason.suffix(500))")
    }

    /// SIGKILL, as a crash would: nothing gets to flush or close.
    func kill9() {
        process?.killNow()
        process?.end(grace: 0)
        process = nil
        baseURL = nil
    }

    /// Ends the child and its process group by id: SIGTERM, then SIGKILL after 5 s.
    func stop() {
        process?.end(grace: 5)
        process = nil
        baseURL = nil
    }

    /// How the child ended, when it ended on its own (a crash); nil while it runs or after kill9/stop.
    var unexpectedExit: String? {
        guard let ended = process?.exited else { return nil }
        switch ended {
        case let .exited(code): return "exit \(code)"
        case let .signaled(number): return "signal \(number)"
        }
    }
}
