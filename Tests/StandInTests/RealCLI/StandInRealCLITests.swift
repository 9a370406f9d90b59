import CanaryCore
import Foundation
import Glibc
import SaaSStandIn
import XCTest

/// The real `spec-kitty` CLI, unmodified, against the stand-in: login, project set-up,
/// a mission, `sync now`, `sync status --check`; then a second account in a second
/// home whose events must stay apart from the first's.
///
/// The CLI comes from `SPEC_KITTY_BIN`, else `scripts/bootstrap-spec-kitty.sh` (which
/// installs the pinned version from PyPI on first use). `STANDIN_SKIP_REAL_CLI=1` skips.
final class StandInRealCLITests: StandInTestCase {
    private var cli = ""

    override func setUpWithError() throws {
        if ProcessInfo.processInfo.environment["STANDIN_SKIP_REAL_CLI"] == "1" {
            throw XCTSkip("STANDIN_SKIP_REAL_CLI=1")
        }
        cli = try Self.locateCLI()
    }

    func testRealCLILogsInSyncsAndEachAccountStaysInsideItsOwnBoundary() throws {
        let server = try startServer(StandInConfiguration(profile: .instant))
        let admin = StandInClient(baseURL: server.baseURL)
        let root = try temporaryDirectory()

        let first = try Workspace(root: root.appendingPathComponent("first"), server: server, cli: cli)
        defer { first.assertNoDaemonLeft() }
        let firstAccount = try admin.createAccount(email: "first@standin.invalid", name: "First")
        let firstProject = try first.loginAndSetUpProject(as: firstAccount, admin: admin)
        XCTAssertTrue(try admin.requestLog(account: firstAccount.userID).contains { $0.path == "/api/v1/me" && $0.status == 200 })

        try first.run(["agent", "mission", "create", "canary-first", "--mission-type", "software-dev", "--json"])
        let report = try first.syncNow()
        let delivered = report["delivered"]?.integerValue ?? 0
        XCTAssertGreaterThanOrEqual(delivered, 1, "sync now delivered nothing: \(report)")

        // The witness: what arrived came under the first account, and only from its project.
        let firstEnvelopes = try admin.envelopes(account: firstAccount.userID)
        XCTAssertEqual(firstEnvelopes.count, delivered)
        XCTAssertEqual(Set(firstEnvelopes.map(\.projectUUID)), [firstProject])
        XCTAssertEqual(Set(try admin.envelopes(project: firstProject).map(\.account)), [firstAccount.userID])
        XCTAssertEqual(Set(try admin.receipts().map(\.account)), [firstAccount.userID], "no other identity delivered anything")
        XCTAssertTrue(firstEnvelopes.contains { $0.envelope["payload"]?["namespace"]?["mission_slug"]?.stringValue?.hasPrefix("canary-first") == true
                                                || $0.envelope["payload"]?["mission_slug"]?.stringValue?.hasPrefix("canary-first") == true },
                      "a mission event of canary-first arrived")

        let status = try first.run(["sync", "status", "--check", "--json"])
        let statusJSON = try JSONDecoder().decode(JSONValue.self, from: Data(status.stdout.utf8))
        XCTAssertEqual(statusJSON["ok"], .bool(true), status.stdout)
        XCTAssertEqual(statusJSON["target_authority"]?["resolved_server_url"], .string(server.baseURL.absoluteString))
        // 3.2.7's --json form does not ping; the text form does, through /api/v1/sync/health/.
        let ping = try first.run(["sync", "status", "--check"])
        XCTAssertTrue(ping.stdout.contains("Server reachable, authentication valid."), ping.stdout)
        XCTAssertTrue(try admin.requestLog(account: firstAccount.userID).contains { $0.path == "/api/v1/sync/health/" && $0.status == 200 })

        // A second account in a second home.
        let firstRequestsBefore = try admin.requestLog(account: firstAccount.userID).count
        let second = try Workspace(root: root.appendingPathComponent("second"), server: server, cli: cli)
        defer { second.assertNoDaemonLeft() }
        let secondAccount = try admin.createAccount(email: "second@standin.invalid", name: "Second")
        let secondProject = try second.loginAndSetUpProject(as: secondAccount, admin: admin)
        XCTAssertNotEqual(secondProject, firstProject)
        try second.run(["agent", "mission", "create", "canary-second", "--mission-type", "software-dev", "--json"])
        let secondDelivered = try second.syncNow()["delivered"]?.integerValue ?? 0
        XCTAssertGreaterThanOrEqual(secondDelivered, 1)

        let secondEnvelopes = try admin.envelopes(account: secondAccount.userID)
        XCTAssertEqual(secondEnvelopes.count, secondDelivered)
        XCTAssertEqual(Set(secondEnvelopes.map(\.projectUUID)), [secondProject])
        XCTAssertTrue(Set(secondEnvelopes.map(\.eventID)).isDisjoint(with: firstEnvelopes.map(\.eventID)))
        XCTAssertEqual(try admin.envelopes(account: firstAccount.userID), firstEnvelopes, "the first account's witness is untouched")
        XCTAssertEqual(Set(try admin.envelopes(project: firstProject).map(\.account)), [firstAccount.userID])
        XCTAssertEqual(Set(try admin.envelopes(project: secondProject).map(\.account)), [secondAccount.userID])
        XCTAssertEqual(try admin.requestLog(account: firstAccount.userID).count, firstRequestsBefore,
                       "nothing in the second home spoke as the first account")
        XCTAssertEqual(try admin.counts(account: secondAccount.userID).syncEventCount, secondDelivered)
    }

    // MARK: - Locating the CLI

    private static func locateCLI() throws -> String {
        if let path = ProcessInfo.processInfo.environment["SPEC_KITTY_BIN"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw CLIFailure("SPEC_KITTY_BIN=\(path) is not executable") }
            return path
        }
        let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = repositoryRoot.appendingPathComponent("scripts/bootstrap-spec-kitty.sh").path
        let result = try ChildProcess.run(["/bin/bash", script], environment: ProcessInfo.processInfo.environment,
                                          directory: repositoryRoot, timeout: 900)
        guard result.status == 0, let path = result.stdout.split(separator: "\n").last.map(String.init),
              FileManager.default.isExecutableFile(atPath: path)
        else { throw CLIFailure("bootstrap-spec-kitty.sh failed (\(result.status)): \(result.stderr.suffix(2000))") }
        return path
    }
}

/// One isolated CLI home and checkout, with the canary's environment.
private struct Workspace {
    let home: URL
    let checkout: URL
    let environment: [String: String]
    let cli: String

    init(root: URL, server: StandInServer, cli: String) throws {
        home = root.appendingPathComponent("home")
        checkout = root.appendingPathComponent("checkout")
        self.cli = cli
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: checkout, withIntermediateDirectories: true)
        // No background daemon: capture still works and nothing outlives the test.
        try Data("[sync]\nbackground_daemon = \"manual\"\n".utf8).write(to: home.appendingPathComponent("config.toml"))
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SPEC_KITTY_") }
        let overrides = [
            "HOME": home.path, "SPEC_KITTY_HOME": home.path, "SPEC_KITTY_SAAS_URL": server.baseURL.absoluteString,
            "SPEC_KITTY_ENABLE_SAAS_SYNC": "1", "SPEC_KITTY_NO_UPGRADE_CHECK": "1", "SPEC_KITTY_NON_INTERACTIVE": "1",
            "NO_COLOR": "1", "COLUMNS": "200",
            "GIT_AUTHOR_NAME": "Canary", "GIT_AUTHOR_EMAIL": "canary@standin.invalid",
            "GIT_COMMITTER_NAME": "Canary", "GIT_COMMITTER_EMAIL": "canary@standin.invalid",
        ]
        environment.merge(overrides) { _, override in override }
        self.environment = environment
    }

    /// Logs in as `account` (through the login hint) and sets up a consented project; returns its uuid.
    func loginAndSetUpProject(as account: StandInAccount, admin: StandInClient) throws -> String {
        try admin.setLoginHint(account: account.userID)
        let login = try run(["auth", "login", "--headless"])
        XCTAssertTrue(login.stdout.contains("Authorization granted"), login.stdout)
        XCTAssertTrue(try run(["auth", "status"]).stdout.contains(account.email))
        try git(["init", "-q", "-b", "main"])
        try git(["commit", "-q", "--allow-empty", "-m", "init"])
        try run(["init", "--ai", "claude", "--non-interactive"])
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "spec-kitty init"])
        let unique = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        try git(["remote", "add", "origin", "git@github.com:Priivacy-ai/spec-kitty-canary-\(unique).git"])
        try run(["sync", "opt-in"])
        try git(["checkout", "-q", "-b", "feature/canary"])
        let config = try String(contentsOf: checkout.appendingPathComponent(".kittify/config.yaml"), encoding: .utf8)
        guard let line = config.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("uuid:") }) else {
            throw CLIFailure("no project uuid in .kittify/config.yaml")
        }
        return line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
    }

    /// `sync now --report`: exit 0, and the report's JSON.
    func syncNow() throws -> JSONValue {
        let report = home.appendingPathComponent("sync-report-\(UUID().uuidString).json")
        let result = try run(["sync", "now", "--report", report.path])
        XCTAssertTrue(result.stdout.contains("Event sync"), result.stdout)
        return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: report))
    }

    /// Runs the CLI in the checkout; a non-zero exit throws with the output tail.
    @discardableResult
    func run(_ arguments: [String], expectStatus: Int32 = 0) throws -> ChildProcess.Result {
        let result = try ChildProcess.run([cli] + arguments, environment: environment, directory: checkout, timeout: 240)
        guard result.status == expectStatus else {
            throw CLIFailure("spec-kitty \(arguments.joined(separator: " ")) exited \(result.status)\n\(result.stdout.suffix(2000))\n\(result.stderr.suffix(2000))")
        }
        return result
    }

    private func git(_ arguments: [String]) throws {
        let result = try ChildProcess.run(["/usr/bin/env", "git"] + arguments, environment: environment, directory: checkout, timeout: 60)
        guard result.status == 0 else { throw CLIFailure("git \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)") }
    }

    /// Fails (and ends it, by pid) if a sync daemon was left behind in this home.
    func assertNoDaemonLeft(file: StaticString = #filePath, line: UInt = #line) {
        let addressFile = home.appendingPathComponent("sync-daemon")
        guard let text = try? String(contentsOf: addressFile, encoding: .utf8) else { return }
        let pid = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int32($0) }.first { $0 > 1 && kill($0, 0) == 0 }
        if let pid {
            kill(pid, SIGTERM)
            XCTFail("a spec-kitty sync daemon (pid \(pid)) was left running in \(home.path)", file: file, line: line)
        }
    }
}

/// A child process with its output in files (no pipe to fill), bounded in time, ended by
/// process group. Private to this test: the shared runner lives elsewhere.
private enum ChildProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ argv: [String], environment: [String: String], directory: URL, timeout: TimeInterval) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("standin-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: outURL), stderr = try FileHandle(forWritingTo: errURL)
        defer { try? stdout.close(); try? stderr.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            // Foundation gives the child its own process group: end the whole group.
            kill(-process.processIdentifier, SIGKILL)
            exited.wait()
            throw CLIFailure("\(argv.joined(separator: " ")) timed out after \(Int(timeout)) s")
        }
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

private struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private extension JSONValue {
    var integerValue: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }
}
