import Foundation

/// The verdict of a protocol (one or four runs), read from the run files on disk.
///
/// Exit codes lie (a crashed observer exits 0); the files are the evidence,
/// so the verdict is computed from them alone.
public struct ProtocolVerdict: Equatable, Sendable {
    /// What was found for one expected run.
    public enum RunState: Equatable, Sendable {
        /// The run file decoded.
        case read(CanaryRunResult)
        /// The run file is missing or invalid.
        case unreadable(reason: String)
    }

    /// The expected runs, 1...count, in order.
    public let runs: [(number: Int, state: RunState)]
    /// The bundle directory.
    public let evidencePath: String

    public static func == (lhs: ProtocolVerdict, rhs: ProtocolVerdict) -> Bool {
        lhs.evidencePath == rhs.evidencePath && lhs.runs.map(\.number) == rhs.runs.map(\.number)
            && lhs.runs.map(\.state) == rhs.runs.map(\.state)
    }

    /// Builds the verdict from already-read run states.
    public init(runs: [(number: Int, state: RunState)], evidencePath: String) {
        self.runs = runs
        self.evidencePath = evidencePath
    }

    /// Reads `runs/run-1.json` ... `run-<count>.json` of `bundle`.
    public static func read(bundle: URL, expectedRuns count: Int) -> ProtocolVerdict {
        let runs = (1 ... max(1, count)).map { number -> (Int, RunState) in
            let url = bundle.appendingPathComponent("runs/run-\(number).json")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (number, .unreadable(reason: "\(url.lastPathComponent) was not written"))
            }
            do {
                return (number, .read(try RunDocumentCoding.decodeRun(data)))
            } catch {
                return (number, .unreadable(reason: "\(url.lastPathComponent): \(error)"))
            }
        }
        return ProtocolVerdict(runs: runs, evidencePath: bundle.path)
    }

    /// Whether every expected run was read and passes all four scenarios (a partial run never does).
    public var passed: Bool {
        runs.allSatisfy { if case let .read(run) = $0.state { Self.counts(run) } else { false } }
    }

    /// Whether `run` counts as a passing run of the protocol: it passed, and it is not partial.
    static func counts(_ run: CanaryRunResult) -> Bool { run.outcome == .pass && !run.partial }

    /// The process exit code: 0 when every run passes, else 1.
    public var exitCode: Int32 { passed ? 0 : 1 }

    /// One line per run, one per failing scenario, the overhead figures, then the summary line.
    public var report: [String] {
        var lines: [String] = []
        for (number, state) in runs {
            switch state {
            case let .unreadable(reason):
                lines.append("run \(number): no verdict: \(reason)")
            case let .read(run):
                let passing = run.scenarios.filter { $0.status == .pass }.count
                let partial = run.partial ? " partial: \(run.scenarios.count) of \(ScenarioID.allCases.count) ran, which never passes the protocol" : ""
                lines.append("run \(number): \(run.outcome.rawValue) (\(passing)/\(ScenarioID.allCases.count) scenarios\(partial)) run_id \(run.runID) CLI \(run.cliVersion)")
                for scenario in run.scenarios where scenario.status == .fail {
                    let why = scenario.details?.split(separator: "\n").first.map(String.init) ?? ""
                    lines.append("  scenario \(scenario.id.rawValue) \(scenario.name): \(scenario.failureMode?.rawValue ?? "?"): \(why)")
                }
                let missing = Set(ScenarioID.allCases).subtracting(run.scenarios.map(\.id)).sorted()
                if !missing.isEmpty {
                    lines.append("  missing scenario(s): \(missing.map { String($0.rawValue) }.joined(separator: ", "))")
                }
                lines.append("  " + Self.overhead(of: run))
            }
        }
        lines.append(summary)
        return lines
    }

    /// `canary: 4/4 runs pass (16/16 scenarios) evidence: <dir>`.
    public var summary: String {
        let read = runs.compactMap { if case let .read(run) = $0.state { run } else { nil } }
        let passingRuns = read.filter(Self.counts).count
        let passingScenarios = read.flatMap(\.scenarios).filter { $0.status == .pass }.count
        let prefix = passed ? "canary:" : "canary: FAIL"
        return "\(prefix) \(passingRuns)/\(runs.count) runs pass (\(passingScenarios)/\(runs.count * ScenarioID.allCases.count) scenarios) evidence: \(evidencePath)"
    }

    /// Harness overhead of one run: its scenarios' time against the sum of their CLI calls (near 1.0:
    /// the harness adds little), and its wall time against it (below 1.0: scenarios overlapped).
    public static func overhead(of run: CanaryRunResult) -> String {
        let wall = run.finishedAt.timeIntervalSince(run.startedAt)
        let scenarioWall = run.scenarios.map(\.durationSeconds).reduce(0, +)
        let cli = run.scenarios.flatMap(\.commands).map(\.seconds).reduce(0, +)
        guard cli > 0 else { return String(format: "wall %.1fs, no CLI calls recorded", wall) }
        return String(format: "wall %.1fs, scenarios %.1fs, CLI calls %.1fs (%d calls): scenarios/CLI %.3f, wall/CLI %.3f",
                      wall, scenarioWall, cli, run.scenarios.flatMap(\.commands).count, scenarioWall / cli, wall / cli)
            + (run.timing.map { ", \($0.workers) scenario(s) at once" } ?? "")
            + (run.timing?.cliCPUSeconds.map { String(format: ", CLI CPU %.1fs", $0) } ?? "")
    }
}
