/// How the matrix spends one budget of scenario workers: versions side by side, and scenarios side by side within each.
///
/// The budget counts scenarios running at once across the whole matrix (the
/// same `CANARY_JOBS` a single run uses), so a matrix never loads the host
/// more than that many runs would. Versions get the budget first (each
/// column also installs its CLI and starts its own stand-in, which overlap
/// best), and what is left is shared out as scenario width.
public struct MatrixWorkerBudget: Equatable, Sendable {
    /// How many versions run at once.
    public var versionsAtOnce: Int
    /// How many scenarios each running version runs at once (its `CANARY_JOBS`).
    public var scenariosPerVersion: Int

    /// A split as given.
    public init(versionsAtOnce: Int, scenariosPerVersion: Int) {
        self.versionsAtOnce = versionsAtOnce
        self.scenariosPerVersion = scenariosPerVersion
    }

    /// The split of `workers` over `versions` versions of four scenarios.
    public init(workers: Int, versions: Int) {
        let workers = max(1, workers)
        versionsAtOnce = max(1, min(versions, workers))
        scenariosPerVersion = max(1, min(ScenarioID.allCases.count, workers / versionsAtOnce))
    }
}
