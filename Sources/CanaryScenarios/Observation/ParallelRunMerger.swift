import CanaryCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Merges the results of `swift test --parallel` workers, each a process of its own.
///
/// Every worker leaves a shard in `<bundle>/.workers/<run key>/` under an
/// exclusive lock; the worker whose shard completes the set of scenarios the
/// run selected writes the run files. Until then the merged draft is printed,
/// not written, so evidence is still written only once.
public struct ParallelRunMerger {
    /// What one worker leaves behind.
    public struct Shard: Codable, Sendable {
        /// Scenario results of the worker.
        public var results: [ScenarioResult]
        /// Test case records of the worker.
        public var records: [TestCaseRecord]
        /// When the worker's bundle started.
        public var startedAt: Date
        /// When it finished.
        public var finishedAt: Date

        /// Creates a shard.
        public init(results: [ScenarioResult], records: [TestCaseRecord], startedAt: Date, finishedAt: Date) {
            self.results = results
            self.records = records
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    /// The merged view after this worker's shard was added.
    public struct Merge: Sendable {
        /// The run id shared by all workers of the run.
        public var runID: String
        /// All results so far.
        public var results: [ScenarioResult]
        /// All records so far.
        public var records: [TestCaseRecord]
        /// Earliest start.
        public var startedAt: Date
        /// Latest finish.
        public var finishedAt: Date
        /// Scenarios selected but not reported yet.
        public var outstanding: Set<ScenarioID>
    }

    /// The shard directory of this run.
    public let directory: URL

    /// A merger for the run `key` inside the bundle at `bundle`.
    public init(bundle: URL, key: String) {
        directory = bundle.appendingPathComponent(".workers").appendingPathComponent(key)
    }

    /// Adds `shard` and returns the merge; `selected` is what the run's filters chose.
    public func add(_ shard: Shard, selected: Set<ScenarioID>, newRunID: () -> String) throws -> Merge {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lockPath = directory.appendingPathComponent(".lock").path
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw EvidenceError.io(operation: "open", path: lockPath, errno: errno) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw EvidenceError.io(operation: "flock", path: lockPath, errno: errno) }
        defer { flock(descriptor, LOCK_UN) }

        let idURL = directory.appendingPathComponent("run-id")
        let runID: String
        if let data = FileManager.default.contents(atPath: idURL.path), let text = String(data: data, encoding: .utf8) {
            runID = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            runID = newRunID()
            try Data(runID.utf8).write(to: idURL, options: .atomic)
        }
        try RunDocumentCoding.encode(shard).write(
            to: directory.appendingPathComponent("shard-\(getpid())-\(UUID().uuidString).json"), options: .atomic)

        var shards: [Shard] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("shard-") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            shards.append(try RunDocumentCoding.decode(Shard.self, from: data))
        }
        let results = shards.flatMap(\.results)
        return Merge(
            runID: runID, results: results, records: shards.flatMap(\.records),
            startedAt: shards.map(\.startedAt).min() ?? shard.startedAt,
            finishedAt: shards.map(\.finishedAt).max() ?? shard.finishedAt,
            outstanding: selected.subtracting(results.map(\.id)))
    }

    /// Removes this run's shards, and `.workers/` when no other run's are left.
    public func removeShards() {
        try? FileManager.default.removeItem(at: directory)
        let workers = directory.deletingLastPathComponent()
        if (try? FileManager.default.contentsOfDirectory(atPath: workers.path))?.isEmpty ?? false {
            try? FileManager.default.removeItem(at: workers)
        }
    }

    /// The scenarios a `swift test` command line selects, matching its `--filter`/`--skip` like SwiftPM does.
    public static func selectedScenarios(parentArguments: [String]) -> Set<ScenarioID> {
        var filters: [String] = []
        var skips: [String] = []
        var iterator = parentArguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--filter", let value = iterator.next() { filters.append(value) }
            else if argument.hasPrefix("--filter=") { filters.append(String(argument.dropFirst("--filter=".count))) }
            else if argument == "--skip", let value = iterator.next() { skips.append(value) }
            else if argument.hasPrefix("--skip=") { skips.append(String(argument.dropFirst("--skip=".count))) }
        }
        func matches(_ pattern: String, _ identifier: String) -> Bool {
            identifier.range(of: pattern, options: .regularExpression) != nil
        }
        return Set(ScenarioID.allCases.filter { scenario in
            (filters.isEmpty || filters.contains { matches($0, scenario.testIdentifier) })
                && !skips.contains { matches($0, scenario.testIdentifier) }
        })
    }

    /// The parent's argument vector when it is a `swift test --parallel` (else nil).
    public static func parallelParentArguments() -> [String]? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(getppid())/cmdline") else { return nil }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard arguments.contains("--parallel"), arguments.contains(where: { $0.hasSuffix("swift-test") || $0 == "test" }) else {
            return nil
        }
        return arguments
    }

    /// A run key for workers of the same parent: its pid and start time, so a reused pid gives a new key.
    public static func defaultRunKey() -> String {
        let parent = getppid()
        let stat = (try? String(contentsOfFile: "/proc/\(parent)/stat", encoding: .utf8)) ?? ""
        // Field 22 (start time) counts from after the parenthesised command name.
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        let start = fields.count > 19 ? String(fields[19]) : "0"
        return "ppid-\(parent)-\(start)"
    }
}
