import CanaryCore
import CanaryGate
import Foundation

/// `canary gate`: walks the release-gate state machine.
enum GateCommand {
    /// Runs the command and returns the process exit code (0 GATE_COMPLETE, 1 STOPPED, 2 preflight, 64 usage).
    static func run(_ arguments: [String]) -> Int32 {
        let options: GateOptions
        do {
            options = try GateOptions.parse(arguments)
        } catch {
            printError("canary gate: \(error)\nRun `canary gate --help` for the options.")
            return UsageError.exitCode
        }
        if options.help {
            print(GateOptions.helpText)
            return 0
        }
        let start = options.repositoryRoot.map(GateComposition.absolute) ?? FileManager.default.currentDirectoryPath
        guard let root = options.repositoryRoot.map(GateComposition.absolute) ?? GateComposition.findRepositoryRoot(from: start) else {
            printError("canary gate: cannot find this package's checkout (Package.swift and scripts/) from \(start); pass --repo-root")
            return 2
        }
        let composition = GateComposition(options: options, repositoryRoot: root)

        if options.initTracker {
            return initTracker(at: composition.trackerPath)
        }
        let problems = composition.preflightProblems()
        if options.dryRun {
            let preview = SaaSTarget(url: options.saasURL ?? "http://embedded-stand-in", targetDescription: composition.saasTargetDescription)
            print(GatePlan.render(
                configuration: composition.configuration, steps: composition.steps(saas: preview),
                saasTarget: composition.saasTargetDescription, workDirectory: composition.workDirectory, problems: problems
            ), terminator: "")
            return problems.isEmpty ? 0 : 2
        }
        guard problems.isEmpty else {
            printError("canary gate: cannot start:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
            return 2
        }

        let artifacts: DirectoryArtifactStore
        let target: SaaSTarget
        do {
            artifacts = try DirectoryArtifactStore.nextAttempt(in: composition.workDirectory)
            target = try startTarget(options, storeDirectory: artifacts.path(of: "standin"), repositoryRoot: root)
        } catch {
            printError("canary gate: cannot start: \(error)")
            return 2
        }
        defer { target.stop() }
        printError("canary gate: target \(target.targetDescription)")

        let runner = GateRunner(
            configuration: composition.configuration, steps: composition.steps(saas: target), artifacts: artifacts,
            progress: { printError($0) }, echoStepOutput: options.verbose, heartbeatInterval: 20
        )
        let outcome = runner.run()
        print(GateReportRenderer.render(outcome, configuration: composition.configuration), terminator: "")
        return outcome.exitCode
    }

    private static func startTarget(_ options: GateOptions, storeDirectory: String, repositoryRoot: String) throws -> SaaSTarget {
        if let url = options.saasURL { return SaaSTarget(url: url, targetDescription: url) }
        return try EmbeddedStandInLauncher(repositoryRoot: repositoryRoot).launch(storeDirectory: storeDirectory)
    }

    private static func initTracker(at path: String?) -> Int32 {
        guard let path else {
            printError("canary gate: --init-tracker needs a file tracker")
            return 2
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            printError("canary gate: \(path) already exists; it is not overwritten")
            return 2
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true
            )
            try FileIssueTracker.writeTemplate(to: path)
        } catch {
            printError("canary gate: cannot write \(path): \(error)")
            return 2
        }
        print("canary gate: wrote \(path) (spec-kitty#1141, spec-kitty#1182, spec-kitty-e2e#41, spec-kitty#1038, all OPEN)")
        return 0
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
