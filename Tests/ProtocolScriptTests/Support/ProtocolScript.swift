import CanaryCore
import Foundation

/// The protocol script as a test runs it: the built `canary`, artifacts and work under `root`, no terminal.
struct ProtocolScript {
    /// The package root.
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The script the README names.
    static var path: String { repo.appendingPathComponent("scripts/run-sync-identity-boundary-canary.sh").path }
    /// The `canary` built beside this test bundle.
    static var canary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("canary").path
    }

    /// Where this test's artifacts (`artifacts/`) and scenario directories (`work/`) go.
    let root: URL

    /// The CLI under test: `SPEC_KITTY_BIN`, else the pinned one (installed on first use).
    static func cli() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SPEC_KITTY_BIN"], !explicit.isEmpty { return explicit }
        return try SpecKittyLocator.shared.binary(repoRoot: repo).path
    }

    /// Runs the script with `arguments` and extra environment; stdin is /dev/null (no terminal).
    func run(_ arguments: [String], environment: [String: String], timeout: TimeInterval = 900) throws -> CommandResult {
        var variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SPEC_KITTY_") && !$0.key.hasPrefix("CANARY_") }
        variables["CANARY_BIN"] = Self.canary
        variables["CANARY_ARTIFACTS_DIR"] = root.appendingPathComponent("artifacts").path
        variables["CANARY_WORK_ROOT"] = root.appendingPathComponent("work").path
        variables.merge(environment) { _, new in new }
        return try ProcessRunner().run(["/bin/bash", Self.path] + arguments, environment: ProcessEnvironment(exactly: variables),
                                       workingDirectory: Self.repo, timeout: timeout)
    }
}
