import CanaryCore
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
    /// Prints one progress line.
    let progress: @Sendable (String) -> Void

    /// How often a long step says it is still running.
    static let heartbeat: TimeInterval = 20

    /// The limit of one version's `swift test`: four scenarios of up to ~40 CLI calls each.
    static let runLimit: TimeInterval = 45 * 60

    /// The column of `version`.
    func run(_ version: SpecKittyVersion) -> MatrixColumn {
        let name = version.description
        let directory = outputDirectory.appendingPathComponent(name, isDirectory: true)
        let runFile = directory.appendingPathComponent("runs/run-1.json")
        if FileManager.default.fileExists(atPath: runFile.path) {
            progress("\(name): reusing the recorded run \(runFile.path)")
            return column(version: name, runFile: runFile, duration: nil, exit: "reused")
        }
        progress("\(name): installing (cached venv .venv-spec-kitty/\(name))")
        let binary: String
        do {
            let outcome = try ProgressHeartbeat.during("\(name): installing", every: Self.heartbeat, output: progress) {
                try LoggedProcess.run(
                    [repoRoot.appendingPathComponent("scripts/bootstrap-spec-kitty.sh").path],
                    environment: ProcessInfo.processInfo.environment.merging(["SPEC_KITTY_VERSION": name]) { $1 },
                    directory: repoRoot, log: directory.appendingPathComponent("bootstrap.log"), captureStdout: true, timeout: 15 * 60)
            }
            guard outcome.exitCode == 0, let last = outcome.stdout.split(whereSeparator: \.isNewline).last else {
                return .missing(version: name, reason: "harness: installing spec-kitty-cli==\(name) failed (\(outcome.exitCode.map { "exit \($0)" } ?? "timed out")); see \(directory.path)/bootstrap.log")
            }
            binary = String(last)
        } catch {
            return .missing(version: name, reason: "harness: could not run the bootstrap script: \(error)")
        }
        if let reason = preflight(binary: binary, version: name, directory: directory) {
            progress("\(name): \(reason)")
            return .unsupported(version: name, reason: reason)
        }
        progress("\(name): running the four scenarios (log \(directory.path)/swift-test.log)")
        let started = Date()
        let outcome: LoggedProcess.Outcome
        // --ignore-lock: without it SwiftPM's build-directory lock makes a second
        // concurrent `swift test --skip-build` wait, and --jobs 2 would run one at a time.
        do {
            outcome = try ProgressHeartbeat.during("\(name): running the four scenarios", every: Self.heartbeat, output: progress) {
                try LoggedProcess.run(
                    ["swift", "test", "--skip-build", "--ignore-lock"] + (scratchPath.map { ["--scratch-path", $0] } ?? []) + ["--filter", "IdentityBoundary"],
                    environment: testEnvironment(binary: binary, directory: directory),
                    directory: repoRoot, log: directory.appendingPathComponent("swift-test.log"), timeout: Self.runLimit)
            }
        } catch {
            return .missing(version: name, reason: "harness: could not start swift test: \(error)")
        }
        let duration = Date().timeIntervalSince(started)
        let exit = outcome.timedOut ? "timed out after \(Int(Self.runLimit)) s" : "exit \(outcome.exitCode.map(String.init) ?? "?")"
        return column(version: name, runFile: runFile, duration: duration, exit: exit)
    }

    private func column(version: String, runFile: URL, duration: Double?, exit: String) -> MatrixColumn {
        do {
            guard let data = FileManager.default.contents(atPath: runFile.path) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: runFile.path])
            }
            let run = try RunDocumentCoding.decodeRun(data)
            let column = MatrixColumn.from(run: run, version: version, durationSeconds: duration)
            let verdicts = column.cells.map { "\($0.scenario.rawValue):\($0.verdict)" }.joined(separator: " ")
            progress("\(version): \(column.passCount)/\(column.cells.count) pass (\(exit)\(duration.map { String(format: ", %.0f s", $0) } ?? "")) \(verdicts)")
            // Where the version's verdicts are known, a departure is a false green or a false red of the canary.
            if !KnownVerdicts.cells(for: version).isEmpty {
                let departures = KnownVerdicts.discrepancies(run)
                progress("\(version): " + (departures.isEmpty ? "every verdict as known" : "departs from the known verdicts: " + departures.joined(separator: "; ")))
            }
            return column
        } catch {
            progress("\(version): no run document (\(exit))")
            return .missing(version: version, reason: "harness: the run left no readable run document \(runFile.path) (\(exit)): \(error)",
                            durationSeconds: duration)
        }
    }

    /// The protocol script's preflight: `auth --help` and `sync --help` in a throwaway home.
    private func preflight(binary: String, version: String, directory: URL) -> String? {
        let probeHome = FileManager.default.temporaryDirectory.appendingPathComponent("canary-matrix-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probeHome, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probeHome) }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": probeHome.path,
            "SPEC_KITTY_HOME": probeHome.path, "NO_COLOR": "1", "SPEC_KITTY_NO_UPGRADE_CHECK": "1", "SPEC_KITTY_NON_INTERACTIVE": "1",
        ]
        var probes: [String: Int32?] = [:]
        for surface in MatrixUnsupportedCheck.surfaces {
            let outcome = try? LoggedProcess.run([binary, surface, "--help"], environment: environment, directory: probeHome,
                                                 log: directory.appendingPathComponent("preflight-\(surface)-help.log"), timeout: 120)
            probes[surface] = outcome?.exitCode
        }
        return MatrixUnsupportedCheck.reason(version: version, probes: probes)
    }

    /// The inherited environment, pointed at this version and a fresh embedded stand-in.
    private func testEnvironment(binary: String, directory: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        // A real server or a shared stand-in would mix the versions' witnesses.
        for name in ["SPEC_KITTY_SAAS_URL", "CANARY_STANDIN_URL", "CANARY_STANDIN_SECRET", "CANARY_SESSION_DIR", "CANARY_RUN_KEY"] { environment[name] = nil }
        environment["SPEC_KITTY_BIN"] = binary
        environment["CANARY_STANDIN_PROFILE"] = profile
        environment["CANARY_EVIDENCE_DIR"] = directory.path
        environment["CANARY_RUN_NUMBER"] = "1"
        environment["CANARY_WORK_ROOT"] = directory.appendingPathComponent("work").path
        return environment
    }
}
