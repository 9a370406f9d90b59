import CanaryCore
import CanaryGate
import Foundation
import XCTest

// Fakes and builders for the gate's tests: every step implementation in memory, no files, no network.

/// An error with a fixed description.
struct FakeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: Builders

enum Build {
    static func version(_ text: String) -> SpecKittyVersion {
        do { return try SpecKittyVersion(text) } catch { preconditionFailure("bad test version \(text)") }
    }

    static let substantiveFix = FixFacts(
        commit: "1a2b3c4d5e6f7a8b", source: "tracker record",
        files: [FixFileChange(path: "src/specify_cli/sync/queue.py", addedLines: 12, removedLines: 3),
                FixFileChange(path: "tests/sync/test_queue.py", addedLines: 40, removedLines: 0)],
        testsAddedOrChanged: true, codeChangedBeyondLogging: true
    )

    static let diagnosticFix = FixFacts(
        commit: "9f8e7d6c5b4a3f2e", source: "tracker record",
        files: [FixFileChange(path: "src/specify_cli/sync/emitter.py", addedLines: 4, removedLines: 0)],
        testsAddedOrChanged: false, codeChangedBeyondLogging: true
    )

    static func closedBlockers() -> [BlockerFinding] {
        [BlockerFinding(issue: .rollbackBlocker, state: .closed, fix: substantiveFix),
         BlockerFinding(issue: .queuedEventsBlocker, state: .closed, fix: substantiveFix)]
    }

    static let cli = InstalledCLI(version: "3.2.6rc2", binary: "/venvs/3.2.6rc2/bin/spec-kitty")

    static func selection(_ chosen: String?, line: String? = "3.2") -> ReleaseCandidateSelection {
        ReleaseCandidateSelection(
            chosen: chosen.map(version), line: line.map { try? ReleaseLine($0) } ?? nil, candidateCount: 1,
            reason: "\(chosen ?? "nothing") is the newest of 1 release candidates in line 3.2"
        )
    }

    static let health = SaaSHealth(
        httpStatus: 200, status: "ok", service: "spec-kitty-saas", version: "2026.11.3", gitSHA: "abcdef1234567890",
        buildTimestamp: "2026-11-20T10:00:00Z", eventsVersion: "5.1.0", environment: "standin"
    )

    static func readiness(httpStatus: Int = 200, status: String = "ready", terminalFailed: Int? = 0, businessRule: Int? = 22) -> SaaSReadiness {
        SaaSReadiness(
            httpStatus: httpStatus, status: status,
            drainQueue: DrainQueueCounts(
                status: "ok", oldestPendingAgeSeconds: 0, retryableCount: 0, terminalFailedCount: terminalFailed,
                businessRuleRejectedCount: businessRule
            ),
            snapshot: #"{"status": "\#(status)"}"#
        )
    }

    static let rows = HistoricalRowsSnapshot(count: 22, digest: "d1e5c0ffee")

    static func preflight(
        imports: ImportCheckResult = ImportCheckResult(modules: ImportCheckResult.syncModules, passed: true),
        trace: CLITrace = CLITrace(verdict: .unreadable, commit: nil, tag: nil, explanation: "installed from the package index"),
        health: SaaSHealth? = Build.health, readiness: SaaSReadiness? = Build.readiness(), rows: HistoricalRowsSnapshot? = Build.rows,
        saasError: String? = nil, cli: InstalledCLI = Build.cli
    ) -> PreflightObservation {
        PreflightObservation(
            cli: cli, imports: imports, metadata: InstalledCLIMetadata(cliVersion: cli.version, eventsVersion: "5.1.2", directURL: nil),
            trace: trace, saasURL: "http://127.0.0.1:8765", health: health, readiness: readiness, historicalRows: rows,
            saasError: saasError
        )
    }

    static let scenarioNames = [1: "Fresh Authenticated Mission", 2: "Legacy Queue Row Migration",
                                3: "Daemon Owner Mismatch Refusal", 4: "Review Rejection Force-Required Contract"]

    static func runFile(_ number: Int, failing: [Int: String?] = [:], outcome: String? = nil) -> GateRunFile {
        let scenarios = (1 ... 4).map { id -> GateRunFile.Scenario in
            if let mode = failing[id] {
                return GateRunFile.Scenario(id: id, name: scenarioNames[id], status: "fail", failureMode: mode, details: "details \(id)")
            }
            return GateRunFile.Scenario(id: id, name: scenarioNames[id], status: "pass")
        }
        return GateRunFile(
            outcome: outcome ?? (failing.isEmpty ? "pass" : "fail"), runNumber: number, cliVersion: "3.2.6rc2",
            eventsPackageVersion: "5.1.2", scenarios: scenarios
        )
    }

    /// The run document `summary` summarises, encoded as the harness writes it.
    static func runDocument(_ summary: GateRunFile) -> Data {
        let start = Date(timeIntervalSince1970: 1_779_189_118)
        let scenarios = summary.scenarios.map { scenario -> ScenarioResult in
            let id = ScenarioID(rawValue: scenario.id) ?? .freshAuthenticatedMission
            guard scenario.status != "pass" else { return .passed(id, startedAt: start, finishedAt: start) }
            return .failed(id, mode: scenario.failureMode.flatMap(FailureMode.init(rawValue:)) ?? .harnessError,
                           details: scenario.details ?? "", startedAt: start, finishedAt: start)
        }
        // Cannot fail for the summaries the tests build: one to four distinct scenarios, runs 1 to 4.
        let document = try! CanaryRunResult(
            runID: "01KRZYYXFZHZYHPPXJBVWV273E", runNumber: summary.runNumber ?? 1, cliVersion: summary.cliVersion ?? "3.2.6rc2",
            eventsPackageVersion: summary.eventsPackageVersion ?? "5.1.2", startedAt: start, finishedAt: start, scenarios: scenarios,
            saasURL: "http://127.0.0.1:9", targetEnvironment: .standin, serverProfile: nil, evidencePath: "", host: "test")
        return try! RunDocumentCoding.encode(document)
    }

    static func canaryRun(
        _ mode: CanaryRunMode, runs: [GateRunFile]? = nil, exitStatus: Int32? = nil, bundle: String? = "/bundles/3.2.6rc2-attempt1",
        manifest: ManifestVerification? = ManifestVerification(verifiedFiles: 4, problems: []),
        rows: HistoricalRowsCheck? = HistoricalRowsCheck(start: Build.rows, end: Build.rows)
    ) -> CanaryRunObservation {
        let files = runs ?? (1 ... mode.expectedRuns).map { runFile($0) }
        let passing = files.allSatisfy { $0.outcome == "pass" }
        return CanaryRunObservation(
            mode: mode, expectedCLIVersion: "3.2.6rc2",
            script: CanaryScriptOutcome(
                exitStatus: exitStatus ?? (passing ? 0 : 1), evidenceDirectory: bundle,
                summaryLine: "canary: summary" + (bundle.map { " evidence: \($0)" } ?? "")
            ),
            runs: files, manifest: manifest, historicalRows: mode == .fourRun ? rows : nil,
            readinessAfter: Build.readiness(), scriptLog: "/attempt/\(mode == .single ? "single-run" : "four-run").log"
        )
    }

    static func teamspaceRun(_ number: Int, exit: Int32 = 0, junit: GateJUnitTotals? = GateJUnitTotals(tests: 6, failures: 0, errors: 0, skipped: 0)) -> TeamspaceRunResult {
        TeamspaceRunResult(
            run: number, exitStatus: exit, logPath: "/tmp/teamspace-canary-run-\(number).log",
            junitPath: "/tmp/teamspace-canary-run-\(number).xml", junit: junit
        )
    }
}

// MARK: Step fakes

/// An in-memory tracker that records every post, close and reopen.
final class MemoryTracker: IssueTracker, @unchecked Sendable {
    struct Posted: Equatable {
        let issue: IssueRef
        let body: String
    }

    let issues: Locked<[IssueRef: TrackedIssue]>
    let posted = Locked<[Posted]>([])
    let actions = Locked<[String]>([])
    var failPosting = false

    init(_ issues: [TrackedIssue]) {
        self.issues = Locked(Dictionary(uniqueKeysWithValues: issues.map { ($0.ref, $0) }))
    }

    static func standard(rollback: IssueState = .closed, queued: IssueState = .closed, fix: FixFacts? = Build.substantiveFix) -> MemoryTracker {
        MemoryTracker([
            TrackedIssue(ref: .rollbackBlocker, state: rollback, fix: fix),
            TrackedIssue(ref: .queuedEventsBlocker, state: queued, fix: fix),
            TrackedIssue(ref: .e2eGate, state: .open),
            TrackedIssue(ref: .releaseTracking, state: .open),
        ])
    }

    var trackerDescription: String { "memory" }

    func issue(_ ref: IssueRef) throws -> TrackedIssue {
        guard let issue = issues.withLock({ $0[ref] }) else { throw IssueTrackerError.unknownIssue(ref, tracker: "memory") }
        return issue
    }

    func postComment(_ body: String, on ref: IssueRef) throws -> String {
        if failPosting { throw FakeError("HTTP 502 from the tracker") }
        let count = posted.withLock { list -> Int in
            list.append(Posted(issue: ref, body: body))
            return list.count
        }
        actions.withLock { $0.append("comment \(ref)") }
        return "memory://\(ref)/comments/\(count)"
    }

    func close(_ ref: IssueRef) throws {
        try setState(ref, .closed)
        actions.withLock { $0.append("close \(ref)") }
    }

    func reopen(_ ref: IssueRef) throws {
        try setState(ref, .open)
        actions.withLock { $0.append("reopen \(ref)") }
    }

    private func setState(_ ref: IssueRef, _ state: IssueState) throws {
        let old = try issue(ref)
        issues.withLock { $0[ref] = TrackedIssue(ref: ref, state: state, comments: old.comments, fix: old.fix) }
    }
}

struct FakeInstaller: Installer {
    var imports = ImportCheckResult(modules: ImportCheckResult.syncModules, passed: true)
    var failure: String?

    var installerDescription: String { "fake installer" }

    func install(version: SpecKittyVersion, output: (@Sendable (String) -> Void)?) throws -> InstalledCLI {
        output?("installing \(version)\n")
        if let failure { throw FakeError(failure) }
        return InstalledCLI(version: version.description, binary: "/venvs/\(version)/bin/spec-kitty")
    }

    func checkImports(_ modules: [String], of cli: InstalledCLI) throws -> ImportCheckResult { imports }

    func metadata(of cli: InstalledCLI) throws -> InstalledCLIMetadata {
        InstalledCLIMetadata(cliVersion: cli.version, eventsVersion: "5.1.2", directURL: nil)
    }
}

/// A SaaS whose historical rows can be changed between reads.
final class FakeSaaS: SaaSProbe, @unchecked Sendable {
    let baseURL = "http://127.0.0.1:8765"
    var healthReading = Build.health
    var readinessReading = Build.readiness()
    let rowsSequence: Locked<[HistoricalRowsSnapshot]>

    init(rows: [HistoricalRowsSnapshot] = [Build.rows]) {
        rowsSequence = Locked(rows)
    }

    func health() throws -> SaaSHealth { healthReading }
    func readiness() throws -> SaaSReadiness { readinessReading }
    func historicalRows() throws -> HistoricalRowsSnapshot {
        rowsSequence.withLock { list in list.count > 1 ? list.removeFirst() : list[0] }
    }
}

/// A canary runner that answers with prepared bundles and writes them into `files`.
final class FakeCanary: CanaryRunner, @unchecked Sendable {
    let files: MemoryFiles
    let calls = Locked<[CanaryRunMode]>([])
    var runsFor: [CanaryRunMode: [GateRunFile]] = [:]
    var tamperWith: String?

    init(files: MemoryFiles) {
        self.files = files
    }

    var runnerDescription: String { "fake canary" }

    func run(_ mode: CanaryRunMode, cli: InstalledCLI, saasURL: String, output: (@Sendable (String) -> Void)?) throws -> CanaryScriptOutcome {
        let attempt = calls.withLock { list -> Int in
            list.append(mode)
            return list.count
        }
        let bundle = "/artifacts/sync_identity_boundary/\(cli.version)-attempt\(attempt)"
        let runs = runsFor[mode] ?? (1 ... mode.expectedRuns).map { Build.runFile($0) }
        var manifest = ""
        for run in runs {
            // Real run documents, as the harness writes them: the gate reads them strictly.
            let name = "runs/run-\(run.runNumber ?? 1).json"
            let data = Build.runDocument(run)
            files.put("\(bundle)/\(name)", data)
            manifest += "\(SHA256.hex(of: data))  \(name)\n"
        }
        files.put("\(bundle)/MANIFEST.sha256", Data(manifest.utf8))
        if let tamperWith {
            // A valid document that passes the verdict, so only the manifest can tell it was changed.
            let edited = GateRunFile(outcome: "pass", runNumber: 1, cliVersion: "3.2.6rc2", eventsPackageVersion: "edited", scenarios: Build.runFile(1).scenarios)
            files.put("\(bundle)/\(tamperWith)", Build.runDocument(edited))
        }
        // Chunks split mid-line, as a pipe delivers them; progress lines start with "canary: ".
        output?("canary output for \(mode.rawValue)\ncanary: run 1/\(mode.expectedRuns): sta")
        output?("rted\nnot progress\ncanary: run 1/\(mode.expectedRuns): pass (1s)\n")
        let passed = runs.filter { $0.outcome == "pass" }.count
        return CanaryScriptOutcome(
            exitStatus: passed == runs.count ? 0 : 1, evidenceDirectory: bundle,
            summaryLine: "canary: \(passed)/\(runs.count) runs pass evidence: \(bundle)"
        )
    }
}

struct FakeTeamspace: TeamspaceRunner {
    var failOnRun: Int?
    let calls = Locked<[Int]>([])

    var runnerDescription: String { "fake teamspace" }

    func run(_ run: Int, logPath: String, junitPath: String, environment: [String: String]) throws -> TeamspaceRunResult {
        calls.withLock { $0.append(run) }
        let failed = run == failOnRun
        return TeamspaceRunResult(
            run: run, exitStatus: failed ? 1 : 0, logPath: logPath, junitPath: junitPath,
            junit: GateJUnitTotals(tests: 6, failures: failed ? 1 : 0, errors: 0, skipped: 0)
        )
    }
}

/// Files kept in a dictionary, for bundle reading and manifest checks.
final class MemoryFiles: GateFileReading, @unchecked Sendable {
    private let storage = Locked<[String: Data]>([:])

    func put(_ path: String, _ data: Data) { storage.withLock { $0[path] = data } }

    func contents(of path: String) throws -> Data {
        guard let data = storage.withLock({ $0[path] }) else { throw FakeError("no such file \(path)") }
        return data
    }

    func entries(of directory: String) -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let names = storage.withLock { $0.keys.filter { $0.hasPrefix(prefix) } }
            .map { String($0.dropFirst(prefix.count).split(separator: "/").first ?? "") }
        return Array(Set(names)).sorted()
    }

    func exists(_ path: String) -> Bool {
        storage.withLock { files in files[path] != nil || files.keys.contains { $0.hasPrefix(path + "/") } }
    }

    func bundleEntries(below directory: String) throws -> [BundleEntry] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return storage.withLock { files in
            files.filter { $0.key.hasPrefix(prefix) }.map { BundleEntry(path: String($0.key.dropFirst(prefix.count)), kind: .file($0.value)) }
        }.sorted { $0.path < $1.path }
    }
}

/// An attempt directory in memory.
final class MemoryArtifacts: GateArtifactStore, @unchecked Sendable {
    let files = Locked<[String: String]>([:])
    let location = "/attempts/attempt-1"

    func path(of name: String) -> String { "\(location)/\(name)" }
    func exists(_ name: String) -> Bool { files.withLock { $0[name] != nil } }

    func write(_ text: String, named name: String) throws -> String {
        files.withLock { $0[name] = text }
        return path(of: name)
    }

    func append(_ text: String, to name: String) throws -> String {
        files.withLock { $0[name, default: ""] += text }
        return path(of: name)
    }

    func text(_ name: String) -> String? { files.withLock { $0[name] } }
}

/// A process runner that answers from a script of canned results, recording each command.
final class FakeProcesses: GateProcessRunning, @unchecked Sendable {
    let commands = Locked<[GateCommandLine]>([])
    private let answer: @Sendable (GateCommandLine) -> CommandResult

    init(_ answer: @escaping @Sendable (GateCommandLine) -> CommandResult) {
        self.answer = answer
    }

    func run(_ command: GateCommandLine, output: (@Sendable (String) -> Void)?) throws -> CommandResult {
        commands.withLock { $0.append(command) }
        let result = answer(command)
        output?(result.stdout)
        return result
    }
}

/// Asserts `state` is STOPPED from `stage` with exactly `reason`, and returns the report.
@discardableResult
func assertStopped(
    _ state: GateState, at stage: GateStage, reason: String, file: StaticString = #filePath, line: UInt = #line
) -> GateStopReport? {
    guard case let .stopped(report) = state else {
        XCTFail("expected STOPPED, got \(state.name)", file: file, line: line)
        return nil
    }
    XCTAssertEqual(report.stoppedAt, stage, file: file, line: line)
    XCTAssertEqual(report.reason, reason, file: file, line: line)
    XCTAssertFalse(report.nextAction.isEmpty, "a stop must say what to do next", file: file, line: line)
    return report
}
