import CanaryCore
import CanaryGate
import Foundation

/// Turns parsed options into the real or local step implementations, and finds what would stop a run (exit 2).
struct GateComposition {
    let options: GateOptions
    let repositoryRoot: String
    let workDirectory: String
    let trackerPath: String?
    let configuration: GateConfiguration
    let processes = GateProcessRunner()

    init(options: GateOptions, repositoryRoot: String) {
        self.options = options
        self.repositoryRoot = repositoryRoot
        workDirectory = options.workDirectory.map(Self.absolute) ?? "\(repositoryRoot)/artifacts/gate"
        if case let .file(path) = options.tracker {
            trackerPath = path.map(Self.absolute) ?? "\(workDirectory)/gate-tracker.json"
        } else {
            trackerPath = nil
        }
        var configuration = GateConfiguration(baseline: options.baseline, line: options.line)
        configuration.candidate = options.candidate
        configuration.teamspaceDirectory = Self.absolute(options.teamspaceDirectory)
        configuration.reopenBlockersOnFailure = options.reopenBlockers
        self.configuration = configuration
    }

    var bootstrapScript: String { "\(repositoryRoot)/scripts/bootstrap-spec-kitty.sh" }
    var canaryScript: String { "\(repositoryRoot)/scripts/run-sync-identity-boundary-canary.sh" }

    /// Everything that would make a real run fail before its first step.
    func preflightProblems() -> [String] {
        var problems: [String] = []
        let files = FileManager.default
        if let trackerPath, !files.fileExists(atPath: trackerPath) {
            problems.append("no tracker file at \(trackerPath): create one with `canary gate --init-tracker --tracker \(trackerPath)` and record the issues' states and fixes, or use --tracker github")
        }
        if options.tracker == .github, let reason = GitHubIssueTracker.unavailabilityReason(processes: processes) {
            problems.append("--tracker github: \(reason)")
        }
        if let binary = options.cliBinary {
            if !files.isExecutableFile(atPath: binary) { problems.append("--cli-bin \(binary) is not an executable") }
        } else if !files.fileExists(atPath: bootstrapScript) {
            problems.append("\(bootstrapScript) is missing")
        }
        if !files.fileExists(atPath: canaryScript) {
            problems.append("\(canaryScript) is missing (the four-run protocol script)")
        }
        if let clone = options.cliRepository, !files.fileExists(atPath: "\(clone)/.git") {
            problems.append("--cli-repo \(clone) is not a git clone")
        }
        // The CLI's daemon scan is host-wide: beside a daemon the gate did not start, every red would be the host's.
        if let refusal = HostSyncDaemon.refusal(DaemonWindow.host.sharing { HostSyncDaemon.scan() }) { problems.append(refusal) }
        return problems
    }

    /// What the gate will target, before it is started.
    var saasTargetDescription: String {
        options.saasURL ?? "embedded stand-in (started by the gate in-process, store in the attempt directory, "
            + "handed to the runs as CANARY_STANDIN_URL)"
    }

    /// The step implementations for `target`.
    func steps(saas target: SaaSTarget) -> GateSteps {
        let tracker: IssueTracker = trackerPath.map { FileIssueTracker(path: $0) }
            ?? GitHubIssueTracker(owner: options.githubOwner, processes: processes)
        let index: PackageIndex = switch options.index {
        case .pip: PipPackageIndex(processes: processes)
        case let .fixed(versions): FixedPackageIndex(versions)
        }
        let installer: Installer = options.cliBinary.map { ExistingCLIInstaller(binary: Self.absolute($0), processes: processes) }
            ?? BootstrapInstaller(script: bootstrapScript, venvRoot: options.venvRoot.map(Self.absolute), processes: processes)
        let clone = options.cliRepository.map(Self.absolute)
        return GateSteps(
            tracker: tracker,
            fixInspector: clone.map { GitCloneFixInspector(repository: $0, processes: processes) },
            index: index,
            installer: installer,
            traceability: CLITraceabilityCheck(cloneDirectory: clone, processes: processes),
            saas: HTTPSaaSProbe(baseURL: target.url, historicalDigestPath: target.historicalDigestPath),
            canary: ScriptCanaryRunner(script: canaryScript, workingDirectory: repositoryRoot,
                                       environment: target.runEnvironment, processes: processes),
            teamspace: CommandTeamspaceRunner(command: options.teamspaceCommand, workingDirectory: repositoryRoot,
                                              environment: target.runEnvironment, processes: processes)
        )
    }

    /// The checkout holding Package.swift and scripts/, searched upwards from `start`.
    static func findRepositoryRoot(from start: String) -> String? {
        var directory = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let path = directory.path
            if FileManager.default.fileExists(atPath: "\(path)/Package.swift"),
               FileManager.default.fileExists(atPath: "\(path)/scripts") {
                return path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == path { return nil }
            directory = parent
        }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardizedFileURL.path
    }
}
