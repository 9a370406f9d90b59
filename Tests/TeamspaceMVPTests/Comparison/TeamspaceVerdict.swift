/// Whether the Teamspace shows what the CLI reports: what differs, and what was seen but excused.
struct TeamspaceVerdict: Equatable, Sendable {
    /// Each way the Teamspace differs from the CLI's report, naming the event concerned.
    var failures: [String] = []
    /// Differences the CLI itself announced (so they are the CLI's report, not a loss), kept as evidence.
    var notes: [String] = []

    /// True when nothing differs.
    var materialized: Bool { failures.isEmpty }
}
