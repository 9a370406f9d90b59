import CanaryCore
import Foundation
import Glibc
import SaaSStandIn
import XCTest

/// One isolated CLI home and checkout, with the canary's environment.
struct Workspace {
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

    func git(_ arguments: [String]) throws {
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
