import CanaryCore
import Foundation
import XCTest

/// The XCTest observer that turns scenario tests into the run document and JUnit XML.
///
/// Only the canary's own scenario cases (`ScenarioTestCase`) are recorded;
/// other tests in the same bundle, the observer's own tests among them, pass
/// through unseen. At the end of the bundle it writes `runs/run-<N>.json` and
/// `.xml` into the evidence directory and prints where; a run whose files
/// cannot be written ends the process with exit 1 and the reason last.
public final class CanaryTestObserver: NSObject, XCTestObservation, @unchecked Sendable {
    private let recorder = RunRecorder()
    private let environment: [String: String]
    private let metadata: () -> RunMetadata
    private let sinkOverride: RunSink?
    private let recognize: (XCTestCase) -> (any ScenarioReporting)?
    private let output: (String) -> Void
    private let clock: () -> Date
    private let terminate: (Int32) -> Void
    private let onBundleFinish: (() -> Void)?
    private let workers: () -> Int
    private let lock = Lock()
    private var bundleStartedAt: Date?

    /// Creates an observer; tests inject what counts as a scenario, the environment, the sink, the console and the clock.
    ///
    /// `terminate` ends the process when the run files cannot be written.
    /// (A scenario's start and still-running lines come from `ScenarioSchedule`, which runs it.)
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        metadata: @escaping () -> RunMetadata = { RunMetadataBox.shared.current },
        sink: RunSink? = nil,
        recognize: @escaping (XCTestCase) -> (any ScenarioReporting)? = { $0 as? ScenarioTestCase },
        output: @escaping (String) -> Void = ProgressConsole.write,
        clock: @escaping () -> Date = Date.init,
        terminate: @escaping (Int32) -> Void = { exit($0) },
        workers: @escaping () -> Int = { (try? ScenarioSchedule.shared.width.get()) ?? 1 },
        onBundleFinish: (() -> Void)? = nil
    ) {
        self.workers = workers
        self.onBundleFinish = onBundleFinish
        self.environment = environment
        self.metadata = metadata
        sinkOverride = sink
        self.recognize = recognize
        self.output = output
        self.clock = clock
        self.terminate = terminate
        super.init()
    }

    /// The recorded results so far (for tests).
    public var results: [ScenarioResult] { recorder.results }

    public func testBundleWillStart(_ testBundle: Bundle) {
        lock.withLock {
            if bundleStartedAt == nil { bundleStartedAt = clock() }
        }
    }

    public func testCaseWillStart(_ testCase: XCTestCase) {
        guard let scenario = recognize(testCase) else { return }
        lock.withLock { if bundleStartedAt == nil { bundleStartedAt = clock() } }
        let (className, name) = Self.names(of: testCase)
        recorder.begin(key: Self.key(testCase), className: className, name: name, scenario: scenario.scenario, at: clock())
    }

    public func testCase(_ testCase: XCTestCase, didFailWithDescription description: String, inFile filePath: String?, atLine lineNumber: Int) {
        guard let scenario = recognize(testCase) else { return }
        recorder.fail(key: Self.key(testCase), .init(
            message: description, file: filePath, line: lineNumber, mode: scenario.takePendingFailureMode()))
    }

    public func testCaseDidFinish(_ testCase: XCTestCase) {
        guard let scenario = recognize(testCase) else { return }
        // A skipped test also says hasSucceeded: ask about the skip first.
        let skipped = testCase.testRun?.hasBeenSkipped ?? false
        guard let result = recorder.finish(key: Self.key(testCase), skipped: skipped, at: clock(),
                                           evidence: scenario.boundaryEvidence, commands: scenario.commandRecords,
                                           interval: scenario.scenarioInterval)
        else { return }
        let verdict = result.failureMode.map { "FAIL \($0.rawValue)" } ?? "pass"
        output(String(format: "canary: scenario %d %@: %@ (%.1fs)", result.id.rawValue, result.name, verdict, result.durationSeconds))
    }

    public func testBundleDidFinish(_ testBundle: Bundle) {
        var problem: String?
        do {
            try writeRunFiles()
        } catch {
            problem = "canary: could not write the run files: \(error)"
        }
        onBundleFinish?()
        // XCTest's own exit code counts test failures only: a run that leaves
        // no document must not read as green, so the reason is the last line.
        if let problem {
            output(problem)
            terminate(1)
        }
    }

    /// Writes the run files for what was recorded; does nothing when no scenario ran.
    public func writeRunFiles() throws {
        let results = recorder.results
        guard !results.isEmpty else { return }
        let run = try RunEnvironment(environment: environment)
        let bundle = run.evidenceDirectory ?? defaultBundle(key: run.runKey)
        let sink = sinkOverride ?? DirectoryRunSink(bundle: EvidenceBundle(directory: bundle))
        let startedAt = lock.withLock { bundleStartedAt } ?? results.map(\.startedAt).min() ?? clock()
        var completedMerge: ParallelRunMerger?
        var merged = (runID: ULID.shared.next(), results: results, records: recorder.records,
                      startedAt: startedAt, finishedAt: clock())

        if sinkOverride == nil, let parent = ParallelRunMerger.parallelParentArguments() {
            let merger = ParallelRunMerger(bundle: bundle, key: run.runKey ?? ParallelRunMerger.defaultRunKey())
            let merge = try merger.add(
                .init(results: results, records: recorder.records, startedAt: startedAt, finishedAt: merged.finishedAt),
                selected: ParallelRunMerger.selectedScenarios(parentArguments: parent),
                newRunID: { ULID.shared.next() })
            guard merge.outstanding.isEmpty else {
                output("canary: parallel worker recorded scenario(s) \(results.map(\.id.rawValue)); waiting for \(merge.outstanding.map(\.rawValue).sorted())")
                return
            }
            merged = (merge.runID, merge.results, merge.records, merge.startedAt, merge.finishedAt)
            completedMerge = merger
        }

        let names = RunAssembler.fileNames(runNumber: run.runNumber)
        let files = try RunAssembler.assemble(
            runID: merged.runID, runNumber: run.runNumber, startedAt: merged.startedAt, finishedAt: merged.finishedAt,
            results: merged.results, records: merged.records, metadata: metadata(),
            evidencePath: sink.location + "/" + names.json, host: ProcessInfo.processInfo.hostName, workers: workers())
        try sink.write(files.json, named: names.json)
        try sink.write(Data(files.junit.utf8), named: names.junit)
        let verdict = files.document.outcome.rawValue + (files.document.partial ? " (partial: \(merged.results.count) of 4 scenarios)" : "")
        // The workers' shards are drafts of what is now written once: they go.
        completedMerge?.removeShards()
        output("canary: run \(run.runNumber) \(verdict); run document \(sink.location)/\(names.json), JUnit \(sink.location)/\(names.junit)")
    }

    /// `.build/canary-evidence/<key>` under the working directory (the package root under `swift test`).
    private func defaultBundle(key: String?) -> URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/canary-evidence")
            .appendingPathComponent(key ?? ParallelRunMerger.defaultRunKey())
    }

    private static func key(_ testCase: XCTestCase) -> String {
        String(describing: ObjectIdentifier(testCase))
    }

    /// `("Module.Class", "testMethod")` from XCTest's `Module.Class.testMethod` name.
    static func names(of testCase: XCTestCase) -> (String, String) {
        let full = testCase.name
        guard let dot = full.lastIndex(of: ".") else { return (String(reflecting: type(of: testCase)), full) }
        return (String(full[..<dot]), String(full[full.index(after: dot)...]))
    }
}
