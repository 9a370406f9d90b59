import CanaryCore
import Foundation
import XCTest

/// The XCTest observer that turns scenario tests into the run document and JUnit XML.
///
/// Only cases adopting `ScenarioReporting` are recorded; other tests in the
/// same bundle pass through unseen. At the end of the bundle it writes
/// `runs/run-<N>.json` and `.xml` into the evidence directory and prints where.
public final class CanaryTestObserver: NSObject, XCTestObservation, @unchecked Sendable {
    private let recorder = RunRecorder()
    private let environment: [String: String]
    private let metadata: () -> RunMetadata
    private let sinkOverride: RunSink?
    private let output: (String) -> Void
    private let clock: () -> Date
    private let onBundleFinish: (() -> Void)?
    private let lock = NSLock()
    private var bundleStartedAt: Date?

    /// Creates an observer; tests inject the environment, the sink, the console and the clock.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        metadata: @escaping () -> RunMetadata = { RunMetadataBox.shared.current },
        sink: RunSink? = nil,
        output: @escaping (String) -> Void = CanaryTestObserver.console,
        clock: @escaping () -> Date = Date.init,
        onBundleFinish: (() -> Void)? = nil
    ) {
        self.onBundleFinish = onBundleFinish
        self.environment = environment
        self.metadata = metadata
        sinkOverride = sink
        self.output = output
        self.clock = clock
    }

    /// Writes a progress line to stdout and, when `CANARY_PROGRESS_FILE` names one, appends it there.
    ///
    /// `swift test` holds its test process's output until the process ends
    /// when stdout is a pipe, so the protocol script follows the file instead.
    public static func console(_ line: String) {
        let data = Data((line + "\n").utf8)
        FileHandle.standardOutput.write(data)
        guard let path = ProcessInfo.processInfo.environment["CANARY_PROGRESS_FILE"], !path.isEmpty,
              let file = FileHandle(forWritingAtPath: path) else { return }
        defer { try? file.close() }
        _ = try? file.seekToEnd()
        try? file.write(contentsOf: data)
    }

    /// The recorded results so far (for tests).
    public var results: [ScenarioResult] { recorder.results }

    public func testBundleWillStart(_ testBundle: Bundle) {
        lock.lock()
        defer { lock.unlock() }
        if bundleStartedAt == nil { bundleStartedAt = clock() }
    }

    public func testCaseWillStart(_ testCase: XCTestCase) {
        guard let scenario = testCase as? ScenarioReporting else { return }
        lock.lock()
        if bundleStartedAt == nil { bundleStartedAt = clock() }
        lock.unlock()
        let (className, name) = Self.names(of: testCase)
        recorder.begin(key: Self.key(testCase), className: className, name: name, scenario: scenario.scenario, at: clock())
        output("canary: scenario \(scenario.scenario.rawValue) \(scenario.scenario.name): started")
    }

    public func testCase(_ testCase: XCTestCase, didFailWithDescription description: String, inFile filePath: String?, atLine lineNumber: Int) {
        guard let scenario = testCase as? ScenarioReporting else { return }
        recorder.fail(key: Self.key(testCase), .init(
            message: description, file: filePath, line: lineNumber, mode: scenario.takePendingFailureMode()))
    }

    public func testCaseDidFinish(_ testCase: XCTestCase) {
        guard let scenario = testCase as? ScenarioReporting else { return }
        // A skipped test also says hasSucceeded: ask about the skip first.
        let skipped = testCase.testRun?.hasBeenSkipped ?? false
        guard let result = recorder.finish(key: Self.key(testCase), skipped: skipped, at: clock(),
                                           evidence: scenario.boundaryEvidence, commands: scenario.commandRecords)
        else { return }
        let verdict = result.failureMode.map { "FAIL \($0.rawValue)" } ?? "pass"
        output(String(format: "canary: scenario %d %@: %@ (%.1fs)", result.id.rawValue, result.name, verdict, result.durationSeconds))
    }

    public func testBundleDidFinish(_ testBundle: Bundle) {
        do {
            try writeRunFiles()
        } catch {
            output("canary: could not write the run files: \(error)")
        }
        onBundleFinish?()
    }

    /// Writes the run files for what was recorded; does nothing when no scenario ran.
    public func writeRunFiles() throws {
        let results = recorder.results
        guard !results.isEmpty else { return }
        let run = try RunEnvironment(environment: environment)
        let bundle = run.evidenceDirectory ?? defaultBundle(key: run.runKey)
        let sink = sinkOverride ?? DirectoryRunSink(directory: bundle.appendingPathComponent("runs"))
        let startedAt = lock.withLock { bundleStartedAt } ?? results.map(\.startedAt).min() ?? clock()
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
        }

        let names = RunAssembler.fileNames(runNumber: run.runNumber)
        let files = try RunAssembler.assemble(
            runID: merged.runID, runNumber: run.runNumber, startedAt: merged.startedAt, finishedAt: merged.finishedAt,
            results: merged.results, records: merged.records, metadata: metadata(),
            evidencePath: sink.location + "/" + names.json, host: ProcessInfo.processInfo.hostName)
        try sink.write(files.json, named: names.json)
        try sink.write(Data(files.junit.utf8), named: names.junit)
        let verdict = files.document.outcome.rawValue + (files.document.partial ? " (partial: \(merged.results.count) of 4 scenarios)" : "")
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
