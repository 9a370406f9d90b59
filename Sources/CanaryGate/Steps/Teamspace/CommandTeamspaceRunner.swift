import CanaryCore
import Foundation

/// Runs a configurable shell command as the Teamspace suite; `{run}`, `{log}` and `{junit}` are filled in.
public struct CommandTeamspaceRunner: TeamspaceRunner {
    /// The default: this package's TeamspaceMVP tests.
    ///
    /// `--parallel` because `swift test --xunit-output` only reports XCTest
    /// cases when tests run in parallel; without it the report would be empty.
    public static let defaultCommand = "swift test --parallel --filter TeamspaceMVP --xunit-output {junit}"

    /// The command template.
    public let command: String
    /// Where it runs.
    public let workingDirectory: String
    /// Variables added to the command's environment (under the ones each run is given).
    public let environment: [String: String]
    private let processes: GateProcessRunning

    /// Creates a runner for `command`, run with `/bin/sh -c` in `workingDirectory`.
    public init(
        command: String = CommandTeamspaceRunner.defaultCommand, workingDirectory: String,
        environment: [String: String] = [:], processes: GateProcessRunning = GateProcessRunner()
    ) {
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.processes = processes
    }

    /// The command template.
    public var runnerDescription: String { command }

    /// The command with its placeholders filled and shell-quoted.
    public func expandedCommand(run: Int, logPath: String, junitPath: String) -> String {
        command.replacingOccurrences(of: "{run}", with: String(run))
            .replacingOccurrences(of: "{log}", with: GateCommandLine.quote(logPath))
            .replacingOccurrences(of: "{junit}", with: GateCommandLine.quote(junitPath))
    }

    /// Runs once, writes stdout and stderr to the log, and counts the JUnit report.
    public func run(_ run: Int, logPath: String, junitPath: String, environment: [String: String]) throws -> TeamspaceRunResult {
        for path in [logPath, junitPath] {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true
            )
        }
        // A report left by an earlier attempt must not pass for this run's.
        try? FileManager.default.removeItem(atPath: junitPath)
        let line = expandedCommand(run: run, logPath: logPath, junitPath: junitPath)
        var variables = self.environment.merging(environment) { _, run in run }
        variables["TEAMSPACE_RUN_NUMBER"] = String(run)
        let result = try processes.run(
            GateCommandLine(["sh", "-c", line], environment: variables, workingDirectory: workingDirectory, timeout: 60 * 60)
        )
        let log = "$ \(line)\n# exit \(result.exitStatus)\n--- stdout ---\n\(result.stdout)\n--- stderr ---\n\(result.stderr)"
        try AtomicFile.replace(Data(log.utf8), at: URL(fileURLWithPath: logPath))
        let junit = (try? Data(contentsOf: URL(fileURLWithPath: junitPath))).flatMap(GateJUnitTotals.parse)
        return TeamspaceRunResult(run: run, exitStatus: result.exitStatus, logPath: logPath, junitPath: junitPath, junit: junit)
    }
}
