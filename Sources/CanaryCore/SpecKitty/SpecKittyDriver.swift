import Foundation

/// Typed `spec-kitty` (and git) commands for one scenario workspace.
///
/// Every call runs in the checkout, with the scenario's environment, through
/// one `ProcessRunner`, under a per-call limit, and is appended to `results`
/// in order. Commands return their `CommandResult` whatever the exit code:
/// the scenario decides what a failure means. Only the set-up helpers, which
/// nothing can proceed without, throw on failure.
public final class SpecKittyDriver: @unchecked Sendable {
    /// The CLI under test.
    public let binary: URL
    /// The scenario directory.
    public let workspace: Workspace
    /// The environment of every call (`retarget(serverURL:)` changes its server).
    public var environment: ProcessEnvironment { lock.withLock { currentEnvironment } }
    /// Runs (and logs) every call.
    public let runner: ProcessRunner
    /// The CLI's version, when known: decides runtime-root paths.
    public let version: SpecKittyVersion?
    /// Limit for a call that names none.
    public var defaultTimeout: TimeInterval
    /// The window every CLI call holds shared.
    public let daemonWindow: DaemonWindow

    private let lock = Lock()
    private var recorded: [CommandResult] = []
    private var currentEnvironment: ProcessEnvironment

    /// A driver for `workspace`.
    public init(
        binary: URL,
        workspace: Workspace,
        environment: ProcessEnvironment,
        runner: ProcessRunner,
        version: SpecKittyVersion? = nil,
        defaultTimeout: TimeInterval = 180,
        daemonWindow: DaemonWindow = .host
    ) {
        self.daemonWindow = daemonWindow
        self.binary = binary
        self.workspace = workspace
        currentEnvironment = environment
        self.runner = runner
        self.version = version
        self.defaultTimeout = defaultTimeout
    }

    /// Every call so far, in order.
    public var results: [CommandResult] {
        lock.withLock { recorded }
    }

    /// Points every later call at `serverURL` (`SPEC_KITTY_SAAS_URL`); the caller rewrites `config.toml`.
    public func retarget(serverURL: String) {
        lock.withLock { currentEnvironment.variables["SPEC_KITTY_SAAS_URL"] = serverURL }
    }

    // MARK: Raw calls

    /// `spec-kitty <arguments>` in the checkout.
    @discardableResult
    ///
    /// The call holds the host's daemon window shared: it never overlaps a step of
    /// another scenario that has a sync daemon alive (the CLI's scan is host-wide).
    public func specKitty(_ arguments: [String], timeout: TimeInterval? = nil) throws -> CommandResult {
        try daemonWindow.sharing { try execute([binary.path] + arguments, timeout: timeout) }
    }

    /// `git <arguments>` in the checkout.
    @discardableResult
    public func git(_ arguments: [String], timeout: TimeInterval? = nil) throws -> CommandResult {
        try execute(["git"] + arguments, timeout: timeout)
    }

    /// The checkout as a git repository whose calls are recorded here.
    public var repository: GitRepository {
        GitRepository { arguments in try self.git(arguments) }
    }

    // MARK: Auth

    /// `auth login --headless` (`--force` replaces a session the CLI still holds): the device flow, the only non-interactive login.
    public func authLoginHeadless(force: Bool = false, timeout: TimeInterval = 120) throws -> CommandResult {
        try specKitty(["auth", "login", "--headless"] + (force ? ["--force"] : []), timeout: timeout)
    }

    /// `auth logout`.
    public func authLogout() throws -> CommandResult {
        try specKitty(["auth", "logout"])
    }

    /// `auth status` (text only: 3.2.7 has no `--json` here).
    public func authStatus() throws -> CommandResult {
        try specKitty(["auth", "status"])
    }

    // MARK: Project set-up

    /// `init --ai <ai> --non-interactive` in the checkout.
    public func initProject(ai: String = "claude") throws -> CommandResult {
        try specKitty(["init", "--ai", ai, "--non-interactive"])
    }

    /// `sync opt-in`: per-project consent; events captured before it are never delivered.
    public func syncOptIn() throws -> CommandResult {
        try specKitty(["sync", "opt-in"])
    }

    /// The whole checkout set-up of `spec-kitty-cli.md`, stopping at the first failure:
    /// git init and first commit, `init` and commit, a unique remote, `sync opt-in`,
    /// then a feature branch.
    ///
    /// - Returns: the project identity `init` wrote.
    @discardableResult
    public func prepareCheckout(
        featureBranch: String = "canary/feature",
        remoteURL: String = Workspace.makeCanaryRemoteURL(),
        optIn: Bool = true
    ) throws -> ProjectIdentity {
        let repository = repository
        try repository.initialize()
        try require(initProject(), step: "spec-kitty init")
        try repository.commitAll(message: "spec-kitty init")
        try repository.addRemote(remoteURL)
        if optIn { try require(syncOptIn(), step: "spec-kitty sync opt-in") }
        try repository.checkoutNewBranch(featureBranch)
        return try workspace.projectIdentity()
    }

    /// `git add -A && git commit`; nil when there was nothing to commit.
    @discardableResult
    public func commitAll(message: String) throws -> CommandResult? {
        try repository.commitAll(message: message)
    }

    // MARK: Mission lifecycle

    /// `agent mission create <label> --mission-type <type> --json`.
    ///
    /// Throws when the CLI fails or names no slug: no later step can run.
    public func missionCreate(_ label: String, missionType: String = "software-dev") throws -> MissionCreation {
        let output = try JSONCommandResult(specKitty(["agent", "mission", "create", label, "--mission-type", missionType, "--json"]))
        try require(output.result, step: "agent mission create")
        guard let slug = output.string("mission_slug") else {
            throw SpecKittyError.unexpectedOutput(field: "mission_slug", result: output.result)
        }
        let featureDirectory = output.string("feature_dir").map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? workspace.checkout.appendingPathComponent("kitty-specs/\(slug)", isDirectory: true)
        return MissionCreation(output: output, slug: slug, featureDirectory: featureDirectory)
    }

    /// Writes spec, tasks and the work package into the mission and commits them.
    ///
    /// Run it before `setupPlan`: 3.2.7 blocks setup-plan until a substantive spec is committed.
    public func seedMissionArtifacts(
        in featureDirectory: URL,
        artifacts: MissionArtifacts = MissionArtifacts()
    ) throws {
        try artifacts.writeSpec(into: featureDirectory)
        try artifacts.writeTasks(into: featureDirectory)
        if !artifacts.declaresCreateIntent { try artifacts.writeOwnedFile(in: workspace.checkout) }
        try commitAll(message: "Seed canary mission artifacts")
    }

    /// `agent mission setup-plan --mission <slug> --json` (exit 0 even when `result` is `blocked`).
    public func setupPlan(mission: String) throws -> JSONCommandResult {
        try JSONCommandResult(specKitty(["agent", "mission", "setup-plan", "--mission", mission, "--json"]))
    }

    /// `agent mission finalize-tasks --mission <slug> --json`.
    public func finalizeTasks(mission: String) throws -> JSONCommandResult {
        try JSONCommandResult(specKitty(["agent", "mission", "finalize-tasks", "--mission", mission, "--json"]))
    }

    /// `agent tasks mark-status <task> --status <status> --mission <slug> --json`.
    public func markStatus(_ taskID: String, status: String = "done", mission: String) throws -> JSONCommandResult {
        try JSONCommandResult(specKitty(["agent", "tasks", "mark-status", taskID, "--status", status, "--mission", mission, "--json"]))
    }

    /// `agent tasks move-task …` as described by `request`.
    public func moveTask(_ request: MoveTaskRequest) throws -> JSONCommandResult {
        try JSONCommandResult(specKitty(request.arguments))
    }

    // MARK: Sync

    /// `sync now [--report <file>] [--strict|--no-strict]`, with its output parsed.
    public func syncNow(report: URL? = nil, strict: Bool? = nil, timeout: TimeInterval? = nil) throws -> SyncNowOutcome {
        var arguments = ["sync", "now"]
        if let report { arguments += ["--report", report.path] }
        if let strict { arguments.append(strict ? "--strict" : "--no-strict") }
        let result = try specKitty(arguments, timeout: timeout)
        let reportData = report.flatMap { FileManager.default.contents(atPath: $0.path) }
        return SyncNowOutcome(
            result: result,
            summary: SyncNowSummary.parse(result.stdout + "\n" + result.stderr),
            report: reportData.flatMap { try? SyncNowReport.parse($0) }
        )
    }

    /// `sync status --check [--json]`; parse with `SyncStatusReport.parse(result.stdout)`.
    public func syncStatusCheck(json: Bool) throws -> CommandResult {
        try specKitty(["sync", "status", "--check"] + (json ? ["--json"] : []))
    }

    /// `sync project-store-preview --source … --migration-id <id> --json`: what 3.2.x
    /// would do with legacy stores (read-only inventory).
    public func syncProjectStorePreview(sources: [URL], migrationID: String) throws -> JSONCommandResult {
        let sourceArguments = sources.flatMap { ["--source", $0.path] }
        return try JSONCommandResult(specKitty(
            ["sync", "project-store-preview"] + sourceArguments + ["--migration-id", migrationID, "--json"]
        ))
    }

    /// Stops every sync daemon of this workspace by pid (3.2.7 has no `daemon stop` command).
    @discardableResult
    public func stopDaemons(grace: TimeInterval = 5) -> [pid_t] {
        SyncDaemonProcesses.stopAll(runtimeRoot: workspace.runtimeRoot(for: version), grace: grace)
    }

    // MARK: Internals

    private func execute(_ argv: [String], timeout: TimeInterval?) throws -> CommandResult {
        let result = try runner.run(
            argv,
            environment: environment,
            workingDirectory: workspace.checkout,
            timeout: timeout ?? defaultTimeout,
            label: Self.label(for: argv)
        )
        lock.withLock { recorded.append(result) }
        return result
    }

    private func require(_ result: CommandResult, step: String) throws {
        guard result.succeeded else { throw SpecKittyError.stepFailed(step: step, result: result) }
    }

    /// `spec-kitty-agent-tasks-move-task-WP01-to-planned`-style labels for log files.
    static func label(for argv: [String]) -> String {
        let tool = (argv.first.map { ($0 as NSString).lastPathComponent }) ?? "command"
        let words = argv.dropFirst().filter { !$0.hasPrefix("/") && $0.count <= 40 }.prefix(6)
        return ([tool] + words).joined(separator: "-")
    }
}
