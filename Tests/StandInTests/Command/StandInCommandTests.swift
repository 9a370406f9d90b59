import CanaryCore
import CanaryTestSupport
import Foundation
import Glibc
import SaaSStandIn
import XCTest

/// `canary standin` as an operator runs it: URL on the first line, clean exit on SIGTERM.
final class StandInCommandTests: XCTestCase {
    private func launch(_ arguments: [String], stdout: URL) throws -> LaunchedProcess {
        let process = try ProcessRunner().launch([try BuiltCanary.url().path] + arguments, standardOutput: .file(stdout.path))
        addTeardownBlock { process.end(grace: 0) }
        return process
    }

    func testServesUntilSIGTERMThenExitsZero() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdout = directory.appendingPathComponent("stdout")
        let database = directory.appendingPathComponent("store.sqlite")
        let secretFile = directory.appendingPathComponent("admin-secret")
        // Both spellings, as every canary command takes them: `--x v` and `--x=v`.
        let process = try launch(["standin", "--port", "0", "--db=\(database.path)", "--historical-rows=4",
                                  "--profile", "deployed-dev-2026-05", "--secret-file=\(secretFile.path)"], stdout: stdout)

        var firstLine: String?
        let deadline = Date(timeIntervalSinceNow: 20)
        while firstLine == nil, Date() < deadline {
            let text = (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
            if let newline = text.firstIndex(of: "\n") { firstLine = String(text[..<newline]) } else { usleep(20_000) }
        }
        let line = try XCTUnwrap(firstLine, "no URL line on stdout")
        XCTAssertTrue(line.hasPrefix("http://127.0.0.1:"), line)
        let url = try XCTUnwrap(URL(string: line))
        let secret = try AdminSecret.read(from: secretFile.path)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: secretFile.path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600, "the secret is its owner's alone")
        XCTAssertEqual(try String(contentsOf: stdout, encoding: .utf8).split(separator: "\n").count, 1,
                       "with --secret-file the secret is not printed")
        let client = StandInClient(baseURL: url, adminSecret: secret)
        XCTAssertEqual(try client.health()["environment"], .string("standin-deployed-dev-2026-05"))
        XCTAssertEqual(try client.historicalDigest().count, 4)
        XCTAssertNoThrow(try client.accounts(), "the secret opens the admin API")
        XCTAssertThrowsError(try StandInClient(baseURL: url).accounts(), "no secret, no admin API")
        XCTAssertThrowsError(try StandInClient(baseURL: url, adminSecret: AdminSecret.generate()).accounts(), "nor with another one")

        kill(process.pid, SIGTERM)
        XCTAssertEqual(process.waitForExit(timeout: 10), .exited(0), "did not stop on SIGTERM with exit 0")
        XCTAssertTrue(FileManager.default.fileExists(atPath: database.path), "--db is kept")
    }

    func testValidatePayloadsRunsAStrictConsumerAndEndsItsValidatorOnSIGTERM() throws {
        _ = try EventsValidatorFixture.settings()  // installed (or skipped) before the command looks
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdout = directory.appendingPathComponent("stdout")
        let process = try launch(["standin", "--validate-payloads"], stdout: stdout)

        var firstLine: String?
        let deadline = Date(timeIntervalSinceNow: 60)
        while firstLine == nil, Date() < deadline, process.exited == nil {
            let text = (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
            if let newline = text.firstIndex(of: "\n") { firstLine = String(text[..<newline]) } else { usleep(20_000) }
        }
        let client = StandInClient(baseURL: try XCTUnwrap(URL(string: try XCTUnwrap(firstLine, "no URL line on stdout"))))
        XCTAssertEqual(try client.health()["spec_kitty_events"], .string(PayloadValidation.pinnedEventsVersion))
        let token = try client.deviceLogin().accessToken
        let unforced = SampleEnvelope.wpStatusChanged(eventID: "cmd-1", from: "in_progress", to: "planned")
            .replacingPayload("reason", with: .string("move-task: in_progress -> planned"))
        XCTAssertEqual(try client.sendBatch([unforced], accessToken: token).status, 400)
        let validators = Self.children(of: process.pid)
        XCTAssertEqual(validators.count, 1, "one long-lived validator helper")

        kill(process.pid, SIGTERM)
        XCTAssertEqual(process.waitForExit(timeout: 10), .exited(0), "did not stop on SIGTERM with exit 0")
        for pid in validators { XCTAssertTrue(EventsValidatorFixture.waitUntilGone(pid), "validator \(pid) outlived the stand-in") }
    }

    /// The pids whose parent is `parent`, from /proc.
    private static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent
        }
    }

    func testBadFlagsExit64AndHelpExitsZero() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (arguments, status) in [(["standin", "--port", "99999"], Int32(64)), (["standin", "--bogus"], 64),
                                    (["standin", "--profile", "nope"], 64), (["standin", "--db"], 64), (["standin", "--help"], 0),
                                    (["standin", "--port=99999"], 64), (["standin", "--validate-payloads=yes"], 64),
                                    (["standin", "bench", "--bogus"], 64), (["standin", "bench", "--profile=nope"], 64),
                                    (["standin", "bench", "--url"], 64), (["standin", "bench", "--help"], 0),
                                    (["standin", "soak", "--keep=yes"], 64), (["standin", "soak", "extra"], 64),
                                    (["standin", "soak", "--help"], 0)] {
            let process = try launch(arguments, stdout: directory.appendingPathComponent(UUID().uuidString))
            XCTAssertEqual(process.waitForExit(timeout: 10), .exited(status), arguments.joined(separator: " "))
        }
    }

    func testBenchTakesTheEqualsSpellingAndAnUnreachableURLIsNotAUsageError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Port 1 on loopback refuses at once: the options were accepted, the first request fails (exit 1, not 64).
        let process = try launch(["standin", "bench", "--url=http://127.0.0.1:1", "--profile=instant"],
                                 stdout: directory.appendingPathComponent("stdout"))
        XCTAssertEqual(process.waitForExit(timeout: 20), .exited(1))
    }
}
