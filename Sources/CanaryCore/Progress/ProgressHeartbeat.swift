import Dispatch
import Foundation

/// Prints a line for every scenario still running, at a fixed interval, so no minute of a run is silent.
///
/// A scenario takes minutes of CLI calls and XCTest says nothing between a
/// case's start and its end; release engineers watching a CI log must be able
/// to tell a slow run from a stuck one.
public final class ProgressHeartbeat: @unchecked Sendable {
    /// A scenario in flight, as the heartbeat reports it.
    public struct Running: Equatable, Sendable {
        /// The line's subject, e.g. `scenario 2 Legacy Queue Row Migration`.
        public var subject: String
        /// When it started.
        public var startedAt: Date

        /// A running item.
        public init(subject: String, startedAt: Date) {
            self.subject = subject
            self.startedAt = startedAt
        }
    }

    private let interval: TimeInterval
    private let running: () -> [Running]
    private let output: (String) -> Void
    private let clock: () -> Date
    private let queue = DispatchQueue(label: "canary.progress-heartbeat")
    private var timer: DispatchSourceTimer?

    /// A heartbeat that asks `running` every `interval` seconds and prints through `output`.
    public init(
        interval: TimeInterval = 20, clock: @escaping () -> Date = Date.init,
        running: @escaping () -> [Running], output: @escaping (String) -> Void
    ) {
        self.interval = interval
        self.running = running
        self.output = output
        self.clock = clock
    }

    deinit { timer?.cancel() }

    /// Starts beating (idempotent).
    public func start() {
        queue.sync {
            guard timer == nil else { return }
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now() + interval, repeating: interval)
            source.setEventHandler { [weak self] in self?.beat() }
            source.resume()
            timer = source
        }
    }

    /// Stops beating; a beat in progress finishes first.
    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
        }
    }

    /// Runs `body`, naming `subject` as still running every `interval` seconds (never when nil) until it returns.
    public static func during<T>(
        _ subject: String, every interval: TimeInterval?, output: @escaping (String) -> Void, _ body: () throws -> T
    ) rethrows -> T {
        guard let interval else { return try body() }
        let running = Running(subject: subject, startedAt: Date())
        let heartbeat = ProgressHeartbeat(interval: interval, running: { [running] }, output: output)
        heartbeat.start()
        defer { heartbeat.stop() }
        return try body()
    }

    /// Prints one line per running item now.
    func beat() {
        Self.lines(for: running(), now: clock()).forEach(output)
    }

    /// `<subject>: still running (1m05s)` for each item, oldest first.
    public static func lines(for running: [Running], now: Date) -> [String] {
        running.sorted { $0.startedAt < $1.startedAt }.map {
            "\($0.subject): still running (\(duration(now.timeIntervalSince($0.startedAt))))"
        }
    }

    /// `42s`, `3m05s`: short enough for a progress line.
    public static func duration(_ seconds: TimeInterval) -> String {
        let whole = max(0, Int(seconds.rounded()))
        return whole < 60 ? "\(whole)s" : String(format: "%dm%02ds", whole / 60, whole % 60)
    }
}
