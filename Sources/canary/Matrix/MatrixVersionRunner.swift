import CanaryCore
import CanaryGate
import Foundation

/// Installs, preflights and runs one CLI version of the matrix, and turns what it left into a column.
struct MatrixVersionRunner {
    /// The package root (holds `scripts/` and `Package.swift`).
    let repoRoot: URL
    /// The matrix's output directory.
    let outputDirectory: URL
    /// The stand-in profile.
    let profile: String
    /// SwiftPM's scratch path, when not the default.
    let scratchPath: String?
    /// Each column's `CANARY_JOBS`: its share of the matrix's worker budget.
    let scenarioJobs: Int
    /// Prints one progress line.
    let progress: @Sendable (String) -> Void

    /// How often a long step says it is still running.
    static let heartbeat: TimeInterval = 20

    /// The limit of one version's `swift test`: four scenarios of up to ~40 CLI calls each.
    static let runLimit: TimeInterval = 45 * 60

    /// The column of `version`: installed here, then one run of the protocol script, the one orchestration path.
    ///
    /// What the run left is read back through ``MatrixColumnDirectory``, as `canary matrix --merge` reads it.
    func run(_ version: SpecKittyVersion) -> MatrixColumn {
        let name = version.description
        let column = MatrixColumnDirectory(root: outputDirectory, version: name)
        let directory = column.directory
        if let bundle = column.recordedBundle {
            progress("\(name): reusing the recorded run in \(bundle.directory.path)")
            return report(column.read(), exit: "reused", duration: nil)
        }
        progress("\(name): installing (cached venv .venv-spec-kitty/\(name))")
        let binary: String
        do {
            let outcome = try ProgressHeartbeat.during("\(name): installing", every: Self.heartbeat, output: progress) {
                try LoggedProcess.run(
                    [repoRoot.appendingPathComponent("scripts/bootstrap-spec-kitty.sh").path],
                    environment: ProcessInfo.processInfo.environment.merging(["SPEC_KITTY_VERSION": name]) { $1 },
                    directory: repoRoot, log: column.bootstrapLog, captureStdout: true, timeout: 15 * 60)
            }
            guard outcome.exitCode == 0, let last = outcome.stdout.split(whereSeparator: \.isNewline).last else {
                return .missing(version: name, reason: "harness: installing spec-kitty-cli==\(name) failed (\(outcome.exitCode.map { "exit \($0)" } ?? "timed out")); see \(column.bootstrapLog.path)")
            }
            binary = String(last)
        } catch {
            return .missing(version: name, reason: "harness: could not run the bootstrap script: \(error)")
        }
        // A stale outcome of an earlier, interrupted matrix must not be read as this run's.
        try? FileManager.default.removeItem(at: column.outcomeFile)
        progress("\(name): one run of the protocol script (log \(column.scriptLog.path))")
        let started = Date()
        let finished: LoggedProcess.Outcome
        do {
            finished = try ProgressHeartbeat.during("\(name): running the four scenarios", every: Self.heartbeat, output: progress) {
                try LoggedProcess.run(
                    ["/bin/bash", repoRoot.appendingPathComponent("scripts/run-sync-identity-boundary-canary.sh").path,
                     "--single", "--yes", "--tag", name],
                    environment: scriptEnvironment(binary: binary, directory: directory, outcomeFile: column.outcomeFile),
                    directory: repoRoot, log: column.scriptLog, timeout: Self.runLimit)
            }
        } catch {
            return .missing(version: name, reason: "harness: could not start the protocol script: \(error)")
        }
        let duration = Date().timeIntervalSince(started)
        let exit = finished.timedOut ? "timed out after \(Int(Self.runLimit)) s" : "exit \(finished.exitCode ?? -1)"
        let reading = column.read(exitStatus: finished.exitCode ?? -1, exitDescription: exit, durationSeconds: duration)
        return report(reading, exit: exit, duration: duration)
    }

    /// Says what the column came to, and where the version's verdicts are known, whether it departs from them.
    private func report(_ reading: MatrixColumnDirectory.Reading, exit: String, duration: Double?) -> MatrixColumn {
        let column = reading.column
        let version = column.version
        guard let run = reading.run else {
            progress("\(version): \(column.source.rawValue): \(column.note ?? "")")
            return column
        }
        let verdicts = column.cells.map { "\($0.scenario.rawValue):\($0.verdict)" }.joined(separator: " ")
        progress("\(version): \(column.passCount)/\(column.cells.count) pass (\(exit)\(duration.map { String(format: ", %.0f s", $0) } ?? "")) \(verdicts)")
        // Where the version's verdicts are known, a departure is a false green or a false red of the canary.
        if !KnownVerdicts.cells(for: version).isEmpty {
            let departures = KnownVerdicts.discrepancies(run)
            progress("\(version): " + (departures.isEmpty ? "every verdict as known" : "departs from the known verdicts: " + departures.joined(separator: "; ")))
        }
        return column
    }

    /// The inherited environment, pointed at this version, this column's directory and a stand-in of the script's own.
    private func scriptEnvironment(binary: String, directory: URL, outcomeFile: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        // A real server or a shared stand-in would mix the versions' witnesses.
        for name in ["SPEC_KITTY_SAAS_URL", "CANARY_STANDIN_URL", "CANARY_STANDIN_SECRET", "CANARY_SESSION_DIR", "CANARY_RUN_KEY",
                     "CANARY_EVIDENCE_DIR", "CANARY_RUN_NUMBER", "CANARY_RUN_COMMAND"] { environment[name] = nil }
        environment["SPEC_KITTY_BIN"] = binary
        // This very executable: the script skips its own build, which the matrix did once.
        environment["CANARY_BIN"] = CanaryExecutable.path
        environment["CANARY_STANDIN_PROFILE"] = profile
        environment["CANARY_ARTIFACTS_DIR"] = directory.path
        environment["CANARY_WORK_ROOT"] = directory.appendingPathComponent("work").path
        environment["CANARY_OUTCOME_FILE"] = outcomeFile.path
        environment[ScenarioJobs.variable] = String(scenarioJobs)
        if let scratchPath {
            environment["CANARY_RUN_COMMAND"] = "swift test --skip-build --ignore-lock --scratch-path '\(scratchPath)' --filter IdentityBoundary"
        }
        return environment
    }
}
