import Foundation

/// Where a run's time went: its wall time against the CLI calls inside it, and how many scenarios ran at once.
///
/// With scenarios side by side the CLI seconds exceed the wall time; their
/// ratio is the overlap the schedule bought, and `workers` says what it was allowed.
public struct RunTiming: Codable, Equatable, Sendable {
    /// From the run's start to its end.
    public var wallSeconds: Double
    /// The sum of the `spec-kitty` calls' own durations, every scenario's (git excluded).
    public var cliSeconds: Double
    /// How many `spec-kitty` calls the scenarios made.
    public var cliCalls: Int
    /// How many scenarios ran at once at most (`CANARY_JOBS`, bounded by the scenarios selected).
    public var workers: Int
    /// The CPU time (user + system) of those calls; nil when none was measured (older documents).
    ///
    /// Divided by the host's cores it is the least wall time any schedule can
    /// reach: the part of `cliSeconds` that is not waiting.
    public var cliCPUSeconds: Double?

    /// Creates a timing block.
    public init(wallSeconds: Double, cliSeconds: Double, cliCalls: Int, workers: Int, cliCPUSeconds: Double? = nil) {
        self.wallSeconds = wallSeconds
        self.cliSeconds = cliSeconds
        self.cliCalls = cliCalls
        self.workers = workers
        self.cliCPUSeconds = cliCPUSeconds
    }

    /// The timing of `scenarios` run between `startedAt` and `finishedAt` on `workers` workers.
    public init(startedAt: Date, finishedAt: Date, scenarios: [ScenarioResult], workers: Int) {
        let calls = scenarios.flatMap(\.commands).filter(Self.isCLICall)
        let cpu = calls.compactMap(\.cpuSeconds)
        self.init(wallSeconds: Self.rounded(max(0, finishedAt.timeIntervalSince(startedAt))),
                  cliSeconds: Self.rounded(calls.map(\.seconds).reduce(0, +)), cliCalls: calls.count,
                  workers: max(1, min(workers, max(1, scenarios.count))),
                  cliCPUSeconds: cpu.isEmpty ? nil : Self.rounded(cpu.reduce(0, +)))
    }

    /// Whether `record` is a call of the CLI under test (its executable is named `spec-kitty`).
    public static func isCLICall(_ record: CommandRecord) -> Bool {
        record.argv.first.map { ($0 as NSString).lastPathComponent == "spec-kitty" } ?? false
    }

    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_seconds"
        case cliSeconds = "cli_seconds"
        case cliCalls = "cli_calls"
        case workers
        case cliCPUSeconds = "cli_cpu_seconds"
    }
}
