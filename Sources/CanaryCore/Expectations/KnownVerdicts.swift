/// What the canary must say about each CLI version we have evidence for.
public enum KnownVerdicts {
    /// Every known cell. A version's cells are measured against the real CLI; each red cell cites its evidence.
    public static let table: [KnownVerdict] = [
        .pass("3.2.7", .freshAuthenticatedMission, "a fresh login's lifecycle is delivered under its own account"),
        .fail("3.2.7", .legacyQueueRowMigration, .boundaryForeignRowsLeaked, evidence: [
            // Arm B: never-synced projects bind to whoever is current at the first `sync now`.
            "arm B account: ", "recorded under S1 account", "sent to S1 account",
            "arm B team: ",
            "arm B server: ", "sent to S2 account none",
            "credential crossed: S1's access token",
            // Arm A: the foreign identity's rows of this project migrate sealed and break its sync.
            "arm A (legacy rows): cli.command_failed", "journal payload document has an unsupported encoding",
        ], """
        the journal carries no identity: A's unsynced events go to B (account), to A's other team (team) and to S2 \
        (server), where `sync now` before a login presents S1's access token; legacy rows of the checkout's own \
        project migrate sealed and make `sync now` fail
        """),
        .pass("3.2.7", .daemonOwnerMismatchRefusal, "a forged owner record is refused and names every injected field"),
        .pass("3.2.7", .reviewRejectionForceRequiredContract, "the rollback reaches the server with force and a reason"),
    ] + olderGenerations

    /// 3.2.0rc13 .. 3.2.3, measured with `canary matrix` against the strict stand-in (arm B needs the 3.2.6+ journal).
    static let olderGenerations: [KnownVerdict] = ["3.2.0rc13", "3.2.0rc15", "3.2.0rc16", "3.2.0rc22", "3.2.0", "3.2.3"].flatMap { version in
        [
            freshAndRollback(version, .freshAuthenticatedMission),
            .fail(version, .legacyQueueRowMigration, .boundaryForeignRowsLeaked, evidence: [
                "arm A (legacy rows): boundary.foreign_rows_leaked", "during `spec-kitty init", "canary-legacy-",
            ], "the logged-in user's queue takes in every legacy row, and `init` sends the foreign identity's rows under this account"),
            .fail(version, .daemonOwnerMismatchRefusal, .boundaryDeliveredDuringRefusal, evidence: [
                "while the boundary was refused the server received",
            ], "an ordinary command delivers its events at exit while the owner record disagrees"),
            freshAndRollback(version, .reviewRejectionForceRequiredContract),
        ]
    }

    /// Scenarios 1 and 4 on the older generations: green from rc22 on, red before for the reasons of their era.
    private static func freshAndRollback(_ version: String, _ scenario: ScenarioID) -> KnownVerdict {
        switch version {
        case "3.2.0rc13":
            .fail(version, scenario, .syncTeamspaceMigrationRequired, evidence: ["TeamSpace Migration Required"],
                  "`sync now` is blocked by the TeamSpace migration panel (FORBIDDEN_KEY)")
        case "3.2.0rc15", "3.2.0rc16":
            .fail(version, scenario, .syncRejectedBySaaS, evidence: ["Additional properties are not allowed"],
                  "the envelopes copy payload fields to the top level, which a strict server refuses (#1188)")
        default:
            .pass(version, scenario, "delivered under its own account")
        }
    }

    /// The cells known for `version` (empty when none are), matched as versions so any spelling finds them.
    public static func cells(for version: String) -> [KnownVerdict] {
        guard let wanted = try? SpecKittyVersion(version) else { return table.filter { $0.version == version } }
        return table.filter { (try? SpecKittyVersion($0.version)) == wanted }
    }

    /// How `run` departs from the known cells of its CLI version: one line per false green, false red,
    /// wrong failure mode, missing evidence or unknown scenario; empty when it matches.
    public static func discrepancies(_ run: CanaryRunResult, known: [KnownVerdict]? = nil) -> [String] {
        let cells = known ?? cells(for: run.cliVersion)
        guard !cells.isEmpty else { return ["no known verdicts for spec-kitty-cli \(run.cliVersion): measure them and add them to KnownVerdicts.table"] }
        var found: [String] = []
        for cell in cells {
            guard let result = run.scenarios.first(where: { $0.id == cell.scenario }) else {
                found.append("scenario \(cell.scenario.rawValue): not in the run")
                continue
            }
            let label = "scenario \(cell.scenario.rawValue) on \(cell.version)"
            switch (cell.failureMode, result.status) {
            case (nil, .pass):
                break
            case (nil, .fail):
                found.append("\(label): false red: \(result.failureMode?.rawValue ?? "?"): \(result.details ?? "")")
            case (let mode?, .pass):
                found.append("\(label): false green: known \(mode.rawValue) (\(cell.reason)), the canary said pass")
            case (let mode?, .fail):
                if result.failureMode != mode {
                    found.append("\(label): \(result.failureMode?.rawValue ?? "?") where \(mode.rawValue) is known: \(result.details ?? "")")
                }
                let details = result.details ?? ""
                for line in cell.evidence where !details.contains(line) {
                    found.append("\(label): the details do not cite \"\(line)\"")
                }
            }
        }
        return found
    }
}
