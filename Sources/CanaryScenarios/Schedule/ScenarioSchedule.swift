import CanaryCore
import Foundation

/// The scenarios of one test process, run side by side up to a width; each scenario test takes its outcome in XCTest's order.
///
/// XCTest runs one test at a time, but a scenario mostly waits on the CLI.
/// When the bundle starts, `start(_:)` runs every selected scenario, at most
/// `width` at once, on threads of their own; each scenario test then waits for
/// its own outcome and replays it as its verdict. A scenario nobody started
/// (width 1, or a test run alone) runs inline when its test asks. Either way
/// each scenario runs exactly once and prints its own start and still-running lines.
public final class ScenarioSchedule: @unchecked Sendable {
    /// Runs one scenario to its outcome.
    public typealias Execute = @Sendable (ScenarioID) -> ScenarioOutcome

    private enum Slot {
        case waiting
        case running(since: Date)
        case finished(ScenarioOutcome)
    }

    /// The process's schedule: `CANARY_JOBS` wide, running the catalog's flows.
    public static let shared = ScenarioSchedule(
        width: Result { () throws(ScenarioJobs.Invalid) in try ScenarioJobs.width(environment: ProcessInfo.processInfo.environment) },
        execute: { ScenarioExecution.run($0, flow: ScenarioCatalog.flow(for: $0)) })

    /// How many scenarios run at once, or why the setting was refused.
    public let width: Result<Int, ScenarioJobs.Invalid>
    private let execute: Execute
    private let output: (String) -> Void
    private let condition = NSCondition()
    private var slots: [ScenarioID: Slot] = [:]
    private var heartbeat: ProgressHeartbeat?

    /// A schedule; tests inject the execution, the console and the heartbeat's pace (nil: none).
    public init(
        width: Result<Int, ScenarioJobs.Invalid>, execute: @escaping Execute,
        output: @escaping (String) -> Void = ProgressConsole.write, heartbeatInterval: TimeInterval? = 20
    ) {
        self.width = width
        self.execute = execute
        self.output = output
        heartbeat = heartbeatInterval.map { interval in
            ProgressHeartbeat(interval: interval, running: { [weak self] in
                (self?.running ?? []).map { .init(subject: "canary: scenario \($0.scenario.rawValue) \($0.scenario.name)", startedAt: $0.startedAt) }
            }, output: output)
        }
    }

    /// The scenarios running now, with their start times, in id order.
    public var running: [(scenario: ScenarioID, startedAt: Date)] {
        condition.withLock {
            slots.compactMap { id, slot in
                if case let .running(since) = slot { (id, since) } else { nil }
            }.sorted { $0.scenario < $1.scenario }
        }
    }

    /// Starts `scenarios` side by side, `width` at once in id order, and returns at once.
    ///
    /// Does nothing at width 1 (each scenario then runs inline in its test, the
    /// serial order a debugger wants), for a single scenario, or for one already started.
    public func start(_ scenarios: [ScenarioID]) {
        guard case let .success(width) = width, width > 1 else { return }
        let fresh: [ScenarioID] = condition.withLock {
            let fresh = Array(Set(scenarios)).sorted().filter { slots[$0] == nil }
            guard fresh.count > 1 else { return [] }
            fresh.forEach { slots[$0] = .waiting }
            return fresh
        }
        guard !fresh.isEmpty else { return }
        output("canary: running scenario(s) \(fresh.map { String($0.rawValue) }.joined(separator: ", ")) side by side, \(min(width, fresh.count)) at once (\(ScenarioJobs.variable)=\(width))")
        let thread = Thread { [self] in
            SideBySide.run(fresh.count, width: width) { [self] index in
                let outcome = perform(fresh[index])
                condition.withLock {
                    slots[fresh[index]] = .finished(outcome)
                    condition.broadcast()
                }
            }
        }
        thread.name = "canary-scenario-schedule"
        thread.start()
    }

    /// The outcome of `scenario`: waits for it when it was started, else runs it now on this thread.
    public func outcome(for scenario: ScenarioID) -> ScenarioOutcome {
        if case let .failure(invalid) = width {
            let now = Date()
            return ScenarioOutcome(scenario: scenario, failure: ScenarioFailure(.harnessError, "\(invalid); no scenario ran"),
                                   interval: DateInterval(start: now, end: now))
        }
        let started: Bool = condition.withLock {
            guard slots[scenario] == nil else { return true }
            slots[scenario] = .waiting
            return false
        }
        if !started {
            let outcome = perform(scenario)
            condition.withLock { slots[scenario] = .finished(outcome) }
            return outcome
        }
        condition.lock()
        defer { condition.unlock() }
        while true {
            if case let .finished(outcome) = slots[scenario] { return outcome }
            condition.wait()
        }
    }

    private func perform(_ scenario: ScenarioID) -> ScenarioOutcome {
        condition.withLock { slots[scenario] = .running(since: Date()) }
        output("canary: scenario \(scenario.rawValue) \(scenario.name): started")
        heartbeat?.start()
        let outcome = execute(scenario)
        let anyLeft = condition.withLock {
            slots[scenario] = .finished(outcome)
            return slots.values.contains { if case .finished = $0 { false } else { true } }
        }
        if !anyLeft { heartbeat?.stop() }
        return outcome
    }
}
