import CanaryCore
import Foundation

/// The real runner: `scripts/run-sync-identity-boundary-canary.sh`, against the URL the gate targets.
///
/// The gate always passes `SPEC_KITTY_SAAS_URL`, even for a stand-in it
/// started itself, so the historical-rows check reads the server the runs wrote to.
/// For a stand-in, `environment` adds `CANARY_STANDIN_URL`: the script then uses that
/// stand-in (starting none of its own, asking no confirmation) and its scenarios get
/// the admin API they log in through.
public struct ScriptCanaryRunner: CanaryRunner {
    /// The protocol script.
    public let script: String
    /// The repository root the script runs in (relative evidence paths resolve here).
    public let workingDirectory: String
    /// Variables added to the script's environment (under the gate's own).
    public let environment: [String: String]
    private let processes: GateProcessRunning

    /// Creates a runner of `script` in `workingDirectory`.
    public init(
        script: String, workingDirectory: String, environment: [String: String] = [:],
        processes: GateProcessRunning = GateProcessRunner()
    ) {
        self.script = script
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.processes = processes
    }

    /// "<script>".
    public var runnerDescription: String { script }

    /// Runs the script and reads the outcome it wrote as JSON; a failing exit status is an outcome, not an error.
    public func run(
        _ mode: CanaryRunMode, cli: InstalledCLI, saasURL: String, output: (@Sendable (String) -> Void)?
    ) throws -> CanaryScriptOutcome {
        let outcomeFile = (NSTemporaryDirectory() as NSString).appendingPathComponent("canary-outcome-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(atPath: outcomeFile) }
        let command = GateCommandLine(
            ["bash", script] + mode.scriptArguments,
            environment: environment.merging([
                "SPEC_KITTY_BIN": cli.binary, "SPEC_KITTY_SAAS_URL": saasURL, "SPEC_KITTY_ENABLE_SAAS_SYNC": "1",
                CanaryScriptOutcome.fileVariable: outcomeFile,
            ]) { _, gate in gate },
            workingDirectory: workingDirectory,
            // Four runs of up to 8 minutes each, with set-up, fit well inside these limits.
            timeout: mode == .single ? 30 * 60 : 120 * 60
        )
        let result = try processes.run(command, output: output)
        return CanaryScriptOutcome.read(
            outcomeFile: FileManager.default.contents(atPath: outcomeFile), exitStatus: result.exitStatus, base: workingDirectory)
    }
}
