import CanaryCore
import Foundation
import SaaSStandIn
#if canImport(Glibc)
import Glibc
#endif

/// Everything one scenario run needs: its directory and isolated home, the CLI driver, its account, the target server.
///
/// Every method that can fail throws a classified `ScenarioFailure`, so a
/// flow reads as the steps of `scenarios.md` and the verdict names the step.
public final class ScenarioFixture: @unchecked Sendable {
    /// The scenario being run.
    public let scenario: ScenarioID
    /// Its directory, home and checkout.
    public let workspace: Workspace
    /// The CLI driver; every call is recorded.
    public let driver: SpecKittyDriver
    /// The server the CLI is pointed at (`pointCLI(at:)` changes it).
    public var target: ServerTarget { stateLock.withLock { currentTarget } }
    /// The CLI's version.
    public let cliVersion: String
    /// Evidence gathered so far; flows add to it.
    public private(set) var evidence = BoundaryEvidence()
    /// The account, once `login()` ran.
    public private(set) var account: ScenarioAccount?
    /// The project identity, once `prepareCheckout()` ran.
    public private(set) var project: ProjectIdentity?
    private let runner: ProcessRunner
    private let lock = Lock()
    /// Guards `currentTarget` and `children` apart from `lock`, so an evidence change may read either.
    private let stateLock = Lock()
    private var currentTarget: ServerTarget
    private let options: Options
    private var children: [ScenarioFixture] = []

    /// Options a fixture is made with.
    public struct Options: Sendable {
        /// Limit of each CLI call.
        public var commandTimeout: TimeInterval
        /// Whether to let the CLI start its background daemon.
        public var allowDaemon = false
        /// Where scenario directories go.
        public var workRoot: URL
        /// Whether this fixture names the run's CLI and server in the run document (negative controls do not).
        public var recordsRunMetadata = true

        /// Options from the environment: `CANARY_CLI_TIMEOUT` (seconds), `CANARY_WORK_ROOT`.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Options {
            let timeout = environment["CANARY_CLI_TIMEOUT"].flatMap(TimeInterval.init) ?? 240
            let root = environment["CANARY_WORK_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
                ?? ((environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/spec-kitty-canary")
            return Options(commandTimeout: timeout, workRoot: URL(fileURLWithPath: root))
        }
    }

    /// Sets up the scenario directory and driver; fails with `harness.error` when the CLI cannot be had.
    ///
    /// `directory` (a child fixture's) replaces the fresh directory under the work root.
    public init(scenario: ScenarioID, target: ServerTarget, options: Options = .fromEnvironment(), repoRoot: URL = ScenarioFixture.repoRoot,
                directory: URL? = nil) throws {
        self.scenario = scenario
        currentTarget = target
        self.options = options
        let stamp = Timestamp.iso8601(Date()).replacingOccurrences(of: ":", with: "")
        let root = directory?.deletingLastPathComponent() ?? options.workRoot
        do {
            workspace = try Workspace.create(
                root: root, name: directory?.lastPathComponent ?? "scenario-\(scenario.rawValue)-\(stamp)-\(UUID().uuidString.prefix(8).lowercased())")
        } catch {
            throw ScenarioFailure(.harnessError, "could not create the scenario directory under \(root.path): \(error)")
        }
        runner = ProcessRunner(logSink: DirectoryCommandLog(directory: workspace.directory.appendingPathComponent("commands")),
                               defaultTimeout: options.commandTimeout)
        let binary: URL
        do {
            binary = try SpecKittyLocator.shared.binary(repoRoot: repoRoot)
        } catch {
            throw ScenarioFailure(.harnessError, "no spec-kitty CLI: \(error)")
        }
        let environment = SpecKittyEnvironment(home: workspace.home, serverURL: target.url.absoluteString,
                                               cliBinDirectory: binary.deletingLastPathComponent())
        let versionText: String
        do {
            versionText = try SpecKittyLocator.shared.version(of: binary, runner: runner, environment: environment.processEnvironment)
        } catch {
            throw ScenarioFailure(.cliCommandFailed, "`\(binary.path) --version` failed: \(error)")
        }
        cliVersion = versionText
        let version = try? SpecKittyVersion(versionText)
        driver = SpecKittyDriver(binary: binary, workspace: workspace, environment: environment.processEnvironment,
                                 runner: runner, version: version, defaultTimeout: options.commandTimeout)
        guard version?.hasSyncSurface ?? true else {
            throw ScenarioFailure(.cliUnsupported, "spec-kitty-cli \(versionText) has no auth or sync commands: the identity-boundary canary does not apply")
        }
        do {
            try workspace.writeConfig(
                SpecKittyConfig(backgroundDaemon: options.allowDaemon ? nil : "manual",
                                serverURL: (version?.readsServerURLFromConfig ?? false) ? target.url.absoluteString : nil),
                for: version)
        } catch {
            throw ScenarioFailure(.harnessError, "could not write config.toml: \(error)")
        }
        if options.recordsRunMetadata { RunMetadataBox.shared.update { metadata in
            metadata.cliVersion = versionText
            metadata.eventsPackageVersion = SpecKittyLocator.eventsVersion(besides: binary) ?? "unknown"
            metadata.saasURL = target.url.absoluteString
            metadata.targetEnvironment = target.environmentName
            metadata.serverProfile = target.profile
        } }
        updateEvidence { $0.scenarioDirectory = self.workspace.directory.path }
    }

    /// The package root, found from this source file's place in it.
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: Evidence

    /// Changes the evidence under the lock.
    public func updateEvidence(_ change: (inout BoundaryEvidence) -> Void) {
        lock.withLock { change(&evidence) }
    }

    /// Every command so far as run-document records, this fixture's then its children's.
    public var commandRecords: [CommandRecord] {
        driver.results.map(\.record) + stateLock.withLock { children }.flatMap(\.commandRecords)
    }

    /// The sum of the CLI calls' own durations (git excluded), children's included.
    public var cliSeconds: Double {
        driver.results.filter { $0.argv.first == driver.binary.path }.map(\.duration).reduce(0, +)
            + stateLock.withLock { children }.map(\.cliSeconds).reduce(0, +)
    }

    // MARK: Children

    /// A fixture of its own (home, checkout, driver) in `<this directory>/<name>`, for a scenario
    /// that needs more than one identity or project; its commands and leftovers count as this one's.
    public func child(_ name: String) throws -> ScenarioFixture {
        var options = options
        options.recordsRunMetadata = false
        let child = try ScenarioFixture(scenario: scenario, target: target, options: options,
                                        directory: workspace.directory.appendingPathComponent(name, isDirectory: true))
        stateLock.withLock { children.append(child) }
        return child
    }

    /// Points the CLI at `target` from now on: `SPEC_KITTY_SAAS_URL` and `[sync].server_url`, as an
    /// operator moving a checkout to another server would. The session the CLI holds is left as it is.
    public func pointCLI(at target: ServerTarget) throws {
        stateLock.withLock { currentTarget = target }
        driver.retarget(serverURL: target.url.absoluteString)
        try harness("point config.toml at \(target.url.absoluteString)") {
            try workspace.writeConfig(SpecKittyConfig(backgroundDaemon: options.allowDaemon ? nil : "manual",
                                                      serverURL: target.url.absoluteString), for: driver.version)
        }
    }

    // MARK: Server

    /// Reads `/health/ready/`; a server that is not ready fails the scenario with `saas.not_ready`.
    @discardableResult
    public func requireReady(_ moment: String) throws -> JSONValue {
        let client = StandInClient(baseURL: target.url, timeout: 15)
        let readiness: StandInReadiness
        do {
            readiness = try client.readiness()
        } catch {
            throw ScenarioFailure(.saasNotReady, "\(moment): \(target.url.absoluteString)/health/ready/ unreachable: \(error)")
        }
        updateEvidence {
            if moment == "before" { $0.readinessBefore = readiness.body } else { $0.readinessAfter = readiness.body }
        }
        let terminal = readiness.drainQueue?.terminalFailedCount ?? 0
        guard readiness.httpStatus == 200, readiness.status == "ready", terminal == 0 else {
            throw ScenarioFailure(.saasNotReady, "\(moment) the scenario: /health/ready/ answered \(readiness.httpStatus) status '\(readiness.status)', terminal_failed_count \(terminal)")
        }
        return readiness.body
    }

    /// The stand-in admin client; real servers have none.
    public var witness: StandInClient? { target.standIn }

    // MARK: Login

    /// Makes the scenario's account and logs the CLI in with `auth login --headless`, then checks the session names a team.
    ///
    /// On a stand-in the account is created through the admin API and named
    /// as the next device-code approval; a lock across processes keeps two
    /// parallel logins from taking each other's approval.
    ///
    /// `existing` logs in as an account the stand-in already has (its team as it is now);
    /// `force` passes `--force`, which the CLI needs while it still holds a session.
    @discardableResult
    public func login(as existing: StandInAccount? = nil, force: Bool = false) throws -> ScenarioAccount {
        let account: ScenarioAccount
        var teamName = ""
        let target = target
        if let client = target.standIn {
            let created: StandInAccount
            do {
                created = try existing ?? client.createAccount(
                    email: "scenario-\(scenario.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@canary.invalid",
                    name: "Canary scenario \(scenario.rawValue)")
            } catch {
                throw ScenarioFailure(.saasNotReady, "the stand-in refused to create an account: \(error)")
            }
            account = ScenarioAccount(userID: created.userID, email: created.email, teamSlug: created.team.slug, teamID: created.team.id)
            teamName = created.team.name
            let result = try withLoginLock {
                try client.setLoginHint(account: created.userID)
                return try driver.authLoginHeadless(force: force, timeout: driver.defaultTimeout)
            }
            guard result.succeeded else { throw loginFailure(result) }
        } else {
            account = try adoptSession()
        }
        self.account = account
        updateEvidence { $0.account = account.email }
        let status = try run("auth status") { try self.driver.authStatus() }
        guard status.succeeded, Self.sessionNamesTeam(status.stdout, slug: account.teamSlug, name: teamName) || target.standIn == nil else {
            throw ScenarioFailure(.authLoginFailed, "the session names no team \(account.teamSlug): `auth status` said\n\(status.tail(lines: 15))")
        }
        return account
    }

    /// Whether `auth status` lists the team: 3.2.6+ print its `slug:`; older CLIs list
    /// only its name, as `- <name> (…) (owner) (private, default)`.
    public static func sessionNamesTeam(_ authStatus: String, slug: String, name: String) -> Bool {
        if authStatus.contains("slug: \(slug)") { return true }
        guard !name.isEmpty else { return false }
        return authStatus.split(whereSeparator: \.isNewline).contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- \(name) (") && trimmed.contains("(private")
        }
    }

    private func loginFailure(_ result: CommandResult) -> ScenarioFailure {
        if result.timedOut { return ScenarioFailure.from(step: "auth login --headless", result) }
        return ScenarioFailure(.authLoginFailed, "`\(result.commandLine)` \(result.terminationDescription)\n\(result.tail(lines: 15))")
    }

    /// Copies a pre-authenticated session (`CANARY_SESSION_DIR/auth/`) into the isolated home.
    private func adoptSession() throws -> ScenarioAccount {
        guard let source = target.sessionDirectory else {
            throw ScenarioFailure(.authLoginFailed, "a real server needs a pre-authenticated session: set CANARY_SESSION_DIR to a SPEC_KITTY_HOME made by `auth login` on this machine")
        }
        let destination = workspace.runtimeRoot(for: driver.version).appendingPathComponent("auth")
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent("auth"), to: destination)
        } catch {
            throw ScenarioFailure(.authLoginFailed, "could not copy the session from \(source.path)/auth: \(error)")
        }
        return ScenarioAccount(userID: "remote", email: "remote", teamSlug: "")
    }

    private func withLoginLock<T>(_ body: () throws -> T) throws -> T {
        // One lock per work root, children included: the stand-in's login hint is one slot.
        try FileManager.default.createDirectory(at: options.workRoot, withIntermediateDirectories: true)
        let path = options.workRoot.appendingPathComponent(".login.lock").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    // MARK: Checkout and mission

    /// Whether this CLI needs `sync opt-in` before it captures anything (3.2.6+, or an unknown version).
    public var needsOptIn: Bool { driver.version?.hasProjectStore ?? true }

    /// git init, `init`, a unique remote, `sync opt-in` (unless `optIn` is false or the CLI does not need it), a feature branch.
    ///
    /// Before 3.2.6 consent exists but is not needed, and 3.2.0's opt-in
    /// refuses (exit 2) over the legacy rows `init` itself queued: running it
    /// there would fail the scenario on a step the generation does not have.
    @discardableResult
    public func prepareCheckout(optIn: Bool = true) throws -> ProjectIdentity {
        if optIn, !needsOptIn {
            updateEvidence { $0.notes["opt_in"] = "skipped: spec-kitty-cli \(self.cliVersion) captures without consent" }
        }
        do {
            let identity = try driver.prepareCheckout(optIn: optIn && needsOptIn)
            project = identity
            updateEvidence {
                $0.projectUUID = identity.uuid
                $0.projectSlug = identity.slug
            }
            return identity
        } catch let SpecKittyError.stepFailed(step, result) {
            throw ScenarioFailure.from(step: step, result)
        } catch let error as ScenarioFailure {
            throw error
        } catch {
            throw ScenarioFailure(.harnessError, "checkout set-up failed: \(error)")
        }
    }

    /// create, seed and commit, setup-plan, finalize-tasks; then optionally mark T001 done.
    public func createMission(label: String, markSubtaskDone: Bool = true) throws -> MissionContext {
        let creation: MissionCreation
        do {
            creation = try driver.missionCreate(label)
        } catch let SpecKittyError.stepFailed(step, result) {
            throw ScenarioFailure.from(step: step, result)
        } catch let SpecKittyError.unexpectedOutput(field, result) {
            throw ScenarioFailure(.cliCommandFailed, "agent mission create gave no \(field)\n\(result.tail(lines: 15))")
        } catch {
            throw ScenarioFailure(.harnessError, "mission create: \(error)")
        }
        let mission = MissionContext(slug: creation.slug, featureDirectory: creation.featureDirectory)
        updateEvidence { $0.missionSlug = mission.slug }
        if creation.output.result.stdout.contains("store is locked") || creation.output.result.stderr.contains("store is locked") {
            // A CLI-side race (spec-kitty-cli.md): recorded, not a harness error.
            updateEvidence { $0.notes["mission_create_store_locked"] = "event journal capture failed: project sync store is locked" }
        }
        try harness("seed mission artifacts") { try self.driver.seedMissionArtifacts(in: mission.featureDirectory, artifacts: self.missionArtifacts) }
        var plan = try run("agent mission setup-plan") { try self.driver.setupPlan(mission: mission.slug).result }
        try requireSuccess(plan, step: "agent mission setup-plan")
        if let reason = Self.planTemplateBlock(plan.stdout) {
            // 3.2.0 and its RCs write their plan template and block until an agent
            // fills it; the canary is that agent: fill it and run setup-plan again.
            // Left uncommitted: setup-plan commits plan.md itself and fails
            // ("Failed to commit plan") when there is nothing to commit.
            updateEvidence { $0.notes["setup_plan_first_pass"] = reason }
            try harness("write plan.md") { try self.missionArtifacts.writePlan(into: mission.featureDirectory) }
            plan = try run("agent mission setup-plan") { try self.driver.setupPlan(mission: mission.slug).result }
            try requireSuccess(plan, step: "agent mission setup-plan (after filling plan.md)")
        }
        if let result = JSONValue.parseObject(plan.stdout)?["result"]?.stringValue, result == "blocked" {
            throw ScenarioFailure(.cliCommandFailed, "agent mission setup-plan reported blocked\n\(plan.tail(lines: 15))")
        }
        try harness("commit setup-plan") { _ = try self.driver.commitAll(message: "setup-plan") }
        let finalize = try run("agent mission finalize-tasks") { try self.driver.finalizeTasks(mission: mission.slug).result }
        try requireSuccess(finalize, step: "agent mission finalize-tasks")
        try harness("commit finalize-tasks") { _ = try self.driver.commitAll(message: "finalize-tasks") }
        if markSubtaskDone {
            let mark = try run("agent tasks mark-status") { try self.driver.markStatus("T001", mission: mission.slug).result }
            try requireSuccess(mark, step: "agent tasks mark-status T001 done")
        }
        return mission
    }

    /// The planning files for this CLI: before 3.2.6 without `create_intent`, which those CLIs refuse.
    public var missionArtifacts: MissionArtifacts {
        var artifacts = MissionArtifacts()
        artifacts.declaresCreateIntent = needsOptIn
        return artifacts
    }

    /// The `blocked_reason` of a `setup-plan --json` that waits for its own plan template to be
    /// filled (`plan_substantive: false`), or nil.
    public static func planTemplateBlock(_ stdout: String) -> String? {
        guard let answer = JSONValue.parseObject(stdout), answer["result"]?.stringValue == "blocked",
              answer["plan_substantive"]?.boolValue == false else { return nil }
        return answer["blocked_reason"]?.stringValue ?? "plan.md content is not substantive"
    }

    /// `move-task` that must succeed.
    @discardableResult
    public func move(_ mission: MissionContext, to lane: String, configure: (inout MoveTaskRequest) -> Void = { _ in }) throws -> CommandResult {
        var request = MoveTaskRequest(mission.workPackage, to: lane, mission: mission.slug)
        configure(&request)
        let result = try run("move-task \(lane)") { try self.driver.moveTask(request).result }
        try requireSuccess(result, step: "agent tasks move-task \(mission.workPackage) --to \(lane)")
        return result
    }

    // MARK: Sync

    /// `sync status --check --json` (or text), parsed; unparseable output is `boundary.status_unparseable`.
    public func statusCheck(json: Bool = true, record: Bool = true) throws -> (result: CommandResult, report: SyncStatusReport) {
        let result = try run("sync status --check") { try self.driver.syncStatusCheck(json: json) }
        let report = try Self.parseStatus(result)
        if record {
            updateEvidence { evidence in
                evidence.syncStatusCheckExitCode = result.exitCode
                evidence.syncStatusCheckStdout = result.stdout
                evidence.syncStatusCheckStderr = result.stderr
                evidence.activeQueueDBPath = json ? report.activeQueue.path : evidence.activeQueueDBPath
                if !json { evidence.activeQueueTextPath = report.activeQueue.path }
                evidence.activeEventCount = report.activeQueue.eventCount
                evidence.activeBodyUploadCount = report.activeQueue.bodyUploadCount
                evidence.legacyQueueDBPath = report.legacyQueue.path
                evidence.legacyEventCount = report.legacyQueue.eventCount
                evidence.legacyBodyUploadCount = report.legacyQueue.bodyUploadCount
                evidence.legacyRowsInScope = report.legacyQueue.rowsInScope
            }
        }
        return (result, report)
    }

    /// Parses a finished `sync status --check`: a timeout is `cli.timeout`, output lacking a required field `boundary.status_unparseable`.
    public static func parseStatus(_ result: CommandResult) throws -> SyncStatusReport {
        if result.timedOut { throw ScenarioFailure.from(step: "sync status --check", result) }
        do {
            return try SyncStatusReport.parse(result.stdout)
        } catch {
            throw ScenarioFailure(.boundaryStatusUnparseable, "`\(result.commandLine)` (\(result.terminationDescription)): \(error)\n\(result.tail(lines: 15))")
        }
    }

    /// `sync now --report <dir>/scenario-N-sync-report.json`.
    public func syncNow(_ name: String = "sync-report") throws -> SyncNowOutcome {
        let report = workspace.directory.appendingPathComponent("scenario-\(scenario.rawValue)-\(name).json")
        return try run("sync now") { try self.driver.syncNow(report: report) }
    }

    /// `sync now` that must deliver without refusal (pending counts as accepted).
    @discardableResult
    public func requireSyncDelivers() throws -> SyncNowOutcome {
        try requireSyncOutcome(syncNow())
    }

    /// Judges a finished `sync now`: refused events, known signatures, then the exit code.
    @discardableResult
    public func requireSyncOutcome(_ outcome: SyncNowOutcome) throws -> SyncNowOutcome {
        let result = outcome.result
        if result.timedOut { throw ScenarioFailure.from(step: "sync now", result) }
        if let counts = outcome.summary.eventSync ?? outcome.report?.counts {
            updateEvidence { $0.notes["sync_now"] = "delivered \(counts.delivered) duplicate \(counts.duplicate) pending \(counts.pending) rejected \(counts.rejected) transient \(counts.transient) terminal-failed \(counts.terminalFailed) (selected \(counts.selected))" }
            if counts.rejected > 0 || counts.terminalFailed > 0 {
                let errors = outcome.report?.failures.compactMap(\.error).prefix(3).joined(separator: "; ") ?? ""
                throw ScenarioFailure(.syncRejectedBySaaS, "sync now: rejected \(counts.rejected), terminal-failed \(counts.terminalFailed): \(errors)\n\(result.tail(lines: 10))")
            }
        }
        if let legacy = outcome.summary.legacy {
            let categories = legacy.categories.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            updateEvidence { $0.notes["sync_now"] = "synced \(legacy.synced) duplicates \(legacy.duplicates) pending \(legacy.pending.map(String.init) ?? "-") errors \(legacy.errors)\(categories.isEmpty ? "" : " (\(categories))") remaining \(legacy.remainingInQueue.map(String.init) ?? "-")" }
        } else if outcome.summary.queueEmpty {
            // Older CLIs delivered at each command's exit: the witness is the proof.
            updateEvidence { $0.notes["sync_now"] = "Queue is empty, nothing to sync." }
        }
        let verdict = FailureClassifier.classify(step: "sync now", result.observation)
        if verdict.mode != .cliCommandFailed, result.exitCode != 0 || verdict.mode == .syncEventLoopUnavailable
            || verdict.mode == .syncTeamspaceMigrationRequired {
            throw ScenarioFailure(verdict.mode, verdict.details)
        }
        guard result.exitCode == 0 else {
            let http = outcome.report?.failures.compactMap { failure in failure.httpStatus.map { "HTTP \($0)" } }.first ?? ""
            throw ScenarioFailure(.cliCommandFailed, "sync now \(result.terminationDescription) \(http)\n\(result.tail(lines: 15))")
        }
        return outcome
    }

    // MARK: Witness

    /// Envelopes the stand-in accepted under this scenario's account.
    public func witnessedEnvelopes(eventType: String? = nil) throws -> [StandInEnvelope] {
        guard let client = target.standIn, let account else { return [] }
        return try harness("read the witness") { try client.envelopes(account: account.userID, eventType: eventType) }
    }

    /// Fills `saas_counts` from the server, where it offers them.
    public func recordCounts() {
        guard let client = target.standIn, let account, let counts = try? client.counts(account: account.userID) else { return }
        updateEvidence { $0.saasCounts = counts }
    }

    // MARK: Steps

    /// Runs a CLI step; a launch failure is the harness's fault.
    public func run<T>(_ step: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ScenarioFailure {
            throw error
        } catch {
            throw ScenarioFailure(.harnessError, "\(step): could not run: \(error)")
        }
    }

    /// Runs a harness-side step (files, git, admin API); any error is `harness.error`.
    public func harness<T>(_ step: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ScenarioFailure {
            throw error
        } catch let SpecKittyError.stepFailed(name, result) {
            throw ScenarioFailure(.harnessError, "\(step): \(name) \(result.terminationDescription)\n\(result.tail(lines: 10))")
        } catch {
            throw ScenarioFailure(.harnessError, "\(step): \(error)")
        }
    }

    /// Fails with the classified mode unless `result` succeeded.
    public func requireSuccess(_ result: CommandResult, step: String) throws {
        guard !result.succeeded else { return }
        throw ScenarioFailure.from(step: step, result)
    }

    // MARK: Teardown

    /// Ends whatever the scenario left running and reports it: CLI children, daemons of this home.
    ///
    /// - Returns: a description of what had to be stopped, or nil when nothing was left.
    public func endLeftovers() -> String? {
        var left: [String] = []
        let live = runner.liveChildren()
        if !live.isEmpty {
            runner.terminateAll()
            left.append("CLI process group(s) \(live.map(String.init).joined(separator: ", "))")
        }
        let daemons = driver.stopDaemons()
        if !daemons.isEmpty {
            left.append("sync daemon pid(s) \(daemons.map(String.init).joined(separator: ", "))")
        }
        left += stateLock.withLock { children }.compactMap { child in child.endLeftovers().map { "\(child.workspace.directory.lastPathComponent): \($0)" } }
        return left.isEmpty ? nil : left.joined(separator: "; ")
    }
}

extension JSONValue {
    /// Parses `text` as a JSON object, or nil.
    static func parseObject(_ text: String) -> JSONValue? {
        guard let start = text.firstIndex(of: "{"), let value = try? JSONValue.parse(Data(text[start...].utf8)),
              case .object = value else { return nil }
        return value
    }
}
