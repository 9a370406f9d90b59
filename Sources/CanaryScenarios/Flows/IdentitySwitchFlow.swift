import CanaryCore
import Foundation
import SaaSStandIn

/// Scenario 2, arm B: events recorded under one identity are never sent under another, whatever identity change the CLI allows.
///
/// Each switch runs in a checkout and home of its own (the first `sync now`
/// binds a project): the first identity records a lifecycle, the identity
/// changes as an operator would change it, `sync now` runs, and the servers'
/// send witnesses say where the first identity's events went and which
/// credentials were presented where. The CLI's own remediation is followed
/// and recorded. With `syncedFirst` the project syncs once before the switch:
/// the control, where the CLI is expected to refuse and keep the rows.
public struct IdentitySwitchFlow: Sendable {
    /// The switch to make.
    public var change: IdentitySwitch
    /// Whether the project syncs once before the switch.
    public var syncedFirst: Bool
    /// Runs once the identity has changed, before the second identity's `sync now`, with the account
    /// now logged in (controls inject server faults for it here: faults are scoped to an account).
    public var afterSwitch: (@Sendable (ScenarioAccount) throws -> Void)?

    /// Creates the flow.
    public init(_ change: IdentitySwitch, syncedFirst: Bool = false, afterSwitch: (@Sendable (ScenarioAccount) throws -> Void)? = nil) {
        self.change = change
        self.syncedFirst = syncedFirst
        self.afterSwitch = afterSwitch
    }

    /// Runs the switch in a child of `parent`; `secondServer` gives the server a server switch moves to.
    public func run(_ parent: ScenarioFixture, secondServer: () throws -> ServerTarget) -> IdentitySwitchOutcome {
        var notes: [String] = []
        do {
            return try judge(parent, secondServer: secondServer, notes: &notes)
        } catch let failure as ScenarioFailure {
            return IdentitySwitchOutcome(change: change, syncedFirst: syncedFirst, notes: notes, failure: failure)
        } catch {
            return IdentitySwitchOutcome(change: change, syncedFirst: syncedFirst, notes: notes,
                                         failure: ScenarioFailure(.harnessError, "\(error)"))
        }
    }

    private func judge(_ parent: ScenarioFixture, secondServer: () throws -> ServerTarget, notes: inout [String]) throws -> IdentitySwitchOutcome {
        let fixture = try parent.child("switch-\(change.rawValue)" + (syncedFirst ? "-synced-first" : ""))
        let firstTarget = fixture.target
        guard let first = firstTarget.standIn else {
            throw ScenarioFailure(.harnessError, "an identity switch needs a stand-in's admin API and witness")
        }

        // 1. The first identity records a lifecycle and (the control) syncs it once.
        let firstAccount = try fixture.login()
        let project = try fixture.prepareCheckout()
        let mission = try fixture.createMission(label: "canary-switch-\(change.rawValue)", markSubtaskDone: true)
        try fixture.move(mission, to: "claimed")
        if syncedFirst {
            try fixture.requireSyncOutcome(try fixture.syncNow("sync-before-switch"))
            try fixture.move(mission, to: "in_progress")
        }
        let recorded = try recordedEventIDs(fixture, project: project)
        guard !recorded.isEmpty else {
            throw ScenarioFailure(.cliCommandFailed, "the first identity's lifecycle left no event in \(fixture.workspace.projectStoreURL(projectUUID: project.uuid, for: fixture.driver.version).path): nothing could cross")
        }
        let recordedUnder = SendIdentity(server: "S1", account: firstAccount.userID, team: firstAccount.teamID)

        // 2. The identity changes as an operator would change it.
        var servers: [(label: String, target: ServerTarget)] = [("S1", firstTarget)]
        let secondAccount: ScenarioAccount
        switch change {
        case .account:
            let logout = try fixture.run("auth logout") { try fixture.driver.authLogout() }
            try fixture.requireSuccess(logout, step: "auth logout")
            secondAccount = try fixture.login()
        case .team:
            let moved = try fixture.harness("move the account to another team") { try first.switchTeam(account: firstAccount.userID) }
            notes.append("the server moved \(firstAccount.userID) from team \(firstAccount.teamSlug) to \(moved.team.slug)")
            secondAccount = try fixture.login(as: moved, force: true)
        case .server:
            let second = try secondServer()
            servers.append(("S2", second))
            try fixture.pointCLI(at: second)
            // Before any new login: no request may carry S1's credentials to S2.
            let early = try fixture.syncNow("sync-before-login")
            notes.append("sync now before a login on S2: \(early.result.terminationDescription): \(Self.lastLine(early.result))")
            secondAccount = try fixture.login(force: true)
        }

        try fixture.harness("after the switch") { try afterSwitch?(secondAccount) }

        // The second identity records an event of its own.
        try fixture.move(mission, to: syncedFirst ? "for_review" : "in_progress")
        let own = try recordedEventIDs(fixture, project: project).subtracting(recorded)

        // 3. `sync now` under the second identity, following the CLI's own remedy once.
        var outcome = try fixture.syncNow("sync-after-switch")
        notes.append("sync now after the switch: \(outcome.result.terminationDescription): \(Self.lastLine(outcome.result))")
        if Self.advisesDaemonRestart(outcome.result) {
            // The one step that may start a sync daemon: alone on the host until that daemon
            // is ended by pid, so no other scenario's CLI call or host scan sees it.
            outcome = try fixture.driver.daemonWindow.exclusively {
                defer {
                    let ended = fixture.driver.stopDaemons()
                    if !ended.isEmpty { notes.append("ended the daemon `doctor restart-daemon` started, by pid: \(ended.map(String.init).joined(separator: ", "))") }
                }
                let restart = try fixture.run("doctor restart-daemon") { try fixture.driver.specKitty(["doctor", "restart-daemon"]) }
                notes.append("followed the CLI's advice `doctor restart-daemon`: \(restart.terminationDescription)")
                let after = try fixture.syncNow("sync-after-restart-daemon")
                notes.append("sync now after restart-daemon: \(after.result.terminationDescription): \(Self.lastLine(after.result))")
                return after
            }
        }

        // 4. The witnesses: where did the first identity's events go, and whose credentials went where.
        let (sends, issued, presented) = try fixture.harness("read the witnesses") {
            var sends: [WitnessedSend] = []
            var issued: [String: [StandInIssuedToken]] = [:]
            var presented: [String: [StandInRequestLogEntry]] = [:]
            for (label, target) in servers {
                guard let client = target.standIn else { continue }
                sends += try client.sends().map { WitnessedSend(server: label, send: $0) }
                issued[label] = try client.issuedTokens()
                presented[label] = try client.requestLog()
            }
            return (sends, issued, presented)
        }
        let mine = sends.filter { !Set($0.send.eventIDs).isDisjoint(with: recorded) }
        let leaks = BoundaryWitness.leaks(of: recorded, recordedUnder: recordedUnder, in: sends, commands: fixture.driver.results)
        var result = IdentitySwitchOutcome(
            change: change, syncedFirst: syncedFirst, leaks: leaks,
            crossings: BoundaryWitness.crossings(issued: issued, presented: presented),
            teamMismatches: BoundaryWitness.teamSlugMismatches(in: mine), notes: notes)
        // A refusal must keep the rows: the boundary holds only if nothing is lost either.
        if leaks.isEmpty, outcome.result.exitCode != 0 {
            let kept = try recordedEventIDs(fixture, project: project)
            let lost = recorded.subtracting(kept)
            if !lost.isEmpty {
                result.failure = ScenarioFailure(.cliCommandFailed, "sync now refused after the \(change.rawValue) switch and \(lost.count) recorded row(s) are gone from the project store")
            }
        }
        // The second identity's own events are delivered to it, or refused in words that name the boundary.
        let second = SendIdentity(server: servers.last?.label ?? "S1", account: fixture.account?.userID, team: fixture.account?.teamID)
        result.failure = result.failure ?? Self.ownEventsProblem(own, of: second, sends: sends, syncNow: outcome.result)
        if own.isEmpty { result.notes.append("the second identity's move-task recorded no event") }
        fixture.updateEvidence { $0.notes["switch"] = result.summary }
        return result
    }

    /// What is wrong with how `sync now` treated the second identity's own events, or nil.
    static func ownEventsProblem(_ own: Set<String>, of second: SendIdentity, sends: [WitnessedSend], syncNow: CommandResult) -> ScenarioFailure? {
        guard !own.isEmpty else { return nil }
        if syncNow.exitCode == 0 {
            let delivered = Set(sends.filter { $0.identity == second && $0.send.outcome == "accepted" }.flatMap(\.send.eventIDs))
            let missing = own.subtracting(delivered)
            guard !missing.isEmpty else { return nil }
            return ScenarioFailure(.saasNotMaterialized, "sync now exited 0, yet \(missing.count) of the second identity's \(own.count) own event(s) never reached \(second): \(missing.sorted().prefix(3).joined(separator: ", "))")
        }
        let text = syncNow.stdout + "\n" + syncNow.stderr
        let namesBoundary = ["does not match", "Refusing", "boundary"].contains { text.contains($0) }
        return namesBoundary ? nil : ScenarioFailure(.cliCommandFailed, "sync now refused the second identity's own events without naming the boundary: \(lastLine(syncNow))")
    }

    /// The event ids in the project's journal.
    private func recordedEventIDs(_ fixture: ScenarioFixture, project: ProjectIdentity) throws -> Set<String> {
        let url = fixture.workspace.projectStoreURL(projectUUID: project.uuid, for: fixture.driver.version)
        return try fixture.harness("read the project store") { Set(try QueueReader(url: url).events().map(\.eventID)) }
    }

    /// Whether the CLI's answer advises `doctor restart-daemon`.
    static func advisesDaemonRestart(_ result: CommandResult) -> Bool {
        (result.stdout + result.stderr).contains("restart-daemon")
    }

    /// The line of `sync now`'s answer that says what it did (`Event sync ...`, `Refusing ...`), else its last lines.
    static func lastLine(_ result: CommandResult) -> String {
        let lines = result.stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        if let line = lines.last(where: { $0.hasPrefix("Event sync") || $0.hasPrefix("Refusing") }) { return line }
        return FailureClassifier.lastLines(result.stdout + "\n" + result.stderr, 2).replacingOccurrences(of: "\n", with: " / ")
    }
}
