import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// Column directories as the runner leaves them, read back one at a time (the runner) and merged (`--merge`).
final class MatrixColumnDirectoryTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// What the protocol script's preflight says of 4.0.0rc7.
    private static let unsupportedSummary =
        "canary: preflight failed: cli.unsupported: spec-kitty-cli 4.0.0rc7 has no 'auth' command; the identity-boundary canary does not apply"

    /// `<root>/<version>/` as the runner leaves it: `outcome.json` as the script writes it, and the bundle's run 1.
    ///
    /// The outcome names the bundle by an absolute path of another machine, as a column
    /// downloaded from an Actions job does.
    @discardableResult
    private func column(_ version: String, exitStatus: Int32, run: CanaryRunResult?, summary: String) throws -> URL {
        let directory = root.appendingPathComponent(version, isDirectory: true)
        var evidence = "null"
        if let run {
            let bundle = directory.appendingPathComponent("\(version)-attempt1/runs", isDirectory: true)
            try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
            try RunDocumentCoding.encode(run).write(to: bundle.appendingPathComponent("run-1.json"))
            evidence = "\"/home/runner/work/canary/columns/\(version)/\(version)-attempt1\""
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let outcome = "{\"exit_status\": \(exitStatus), \"evidence_directory\": \(evidence), \"runs\": 1, \"summary\": \"\(summary)\"}\n"
        try Data(outcome.utf8).write(to: directory.appendingPathComponent(MatrixColumnDirectory.outcomeFileName))
        return directory
    }

    private func failingRun() throws -> CanaryRunResult {
        try RunDocumentFixtures.run(scenarios: ScenarioID.allCases.map { RunDocumentFixtures.scenario($0, passing: $0 != .reviewRejectionForceRequiredContract) })
    }

    /// A passing 3.2.7, a failing 3.2.3, an unsupported 4.0.0rc7, and 3.2.0 whose job left only its bootstrap log.
    private func fourColumns() throws {
        try column("3.2.7", exitStatus: 0, run: RunDocumentFixtures.run(), summary: "canary: 1/1 runs pass (4/4 scenarios) evidence: x")
        try column("3.2.3", exitStatus: 1, run: failingRun(), summary: "canary: 0/1 runs pass (3/4 scenarios) evidence: x")
        try column("4.0.0rc7", exitStatus: 2, run: nil, summary: Self.unsupportedSummary)
        let broken = root.appendingPathComponent("3.2.0", isDirectory: true)
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("pip failed\n".utf8).write(to: broken.appendingPathComponent(MatrixColumnDirectory.bootstrapLogName))
    }

    // MARK: One column

    func testEachKindOfColumnReadsAsTheRunnerMeansIt() throws {
        try fourColumns()
        func read(_ version: String) -> MatrixColumn { MatrixColumnDirectory(root: root, version: version).read().column }
        XCTAssertEqual(read("3.2.7"), .from(run: try RunDocumentFixtures.run(), version: "3.2.7"),
                       "the bundle is found in the column directory, whatever machine's path the outcome names")
        XCTAssertEqual(read("3.2.3"), .from(run: try failingRun(), version: "3.2.3"))
        XCTAssertEqual(read("3.2.3").cells.map(\.verdict), ["pass", "pass", "pass", "queue.rollback_row_missing"])
        XCTAssertEqual(read("4.0.0rc7"), .unsupported(
            version: "4.0.0rc7", reason: "spec-kitty-cli 4.0.0rc7 has no 'auth' command; the identity-boundary canary does not apply"))
        let missing = read("3.2.0")
        XCTAssertEqual(missing.source, .missing)
        XCTAssertTrue(missing.note?.contains("no outcome.json") == true, missing.note ?? "")
    }

    func testTheWrittenExitStatusReadsAsTheProcessesOwn() throws {
        // The runner passes its process's status; the merge has only the one the script wrote.
        try fourColumns()
        for (version, status) in [("3.2.7", Int32(0)), ("3.2.3", 1), ("4.0.0rc7", 2)] {
            let directory = MatrixColumnDirectory(root: root, version: version)
            XCTAssertEqual(directory.read(), directory.read(exitStatus: status, exitDescription: "exit \(status)"), version)
        }
    }

    func testAnyOtherRefusalOrAnUnreadableRunIsMissingAndSaysWhy() throws {
        try column("3.2.6", exitStatus: 2, run: nil, summary: "canary: preflight failed: harness.host_not_isolated: a daemon")
        let refused = MatrixColumnDirectory(root: root, version: "3.2.6").read().column
        XCTAssertEqual(refused.source, .missing)
        XCTAssertTrue(refused.note?.contains("harness.host_not_isolated") == true, refused.note ?? "")
        let directory = try column("3.2.5", exitStatus: 1, run: RunDocumentFixtures.run(), summary: "canary: 0/1 runs pass")
        try Data("{".utf8).write(to: directory.appendingPathComponent("3.2.5-attempt1/runs/run-1.json"))
        let unreadable = MatrixColumnDirectory(root: root, version: "3.2.5").read().column
        XCTAssertEqual(unreadable.source, .missing)
        XCTAssertTrue(unreadable.note?.contains("no readable run document") == true, unreadable.note ?? "")
    }

    // MARK: Merge

    func testAMergeIsTheRunnersColumnsInTheExpectedOrderWithTheMissingNamed() throws {
        try fourColumns()
        let expected = try ["3.2.7", "3.2.3", "4.0.0rc7", "3.2.0", "3.2.1"].map { try SpecKittyVersion($0) }
        // A shell glob hands the directories over in another order than the list.
        let given = ["4.0.0rc7", "3.2.3", "3.2.0", "3.2.7"].map { root.appendingPathComponent($0) }
        let merged = try MatrixMerge.read(directories: given, expected: expected)
        let runners = ["3.2.7", "3.2.3", "4.0.0rc7", "3.2.0"].map { version -> MatrixColumn in
            let status: Int32? = ["3.2.7": 0, "3.2.3": 1, "4.0.0rc7": 2][version]
            return MatrixColumnDirectory(root: root, version: version).read(exitStatus: status).column
        }
        XCTAssertEqual(Array(merged.prefix(4)), runners)
        XCTAssertEqual(merged.map(\.version), ["3.2.7", "3.2.3", "4.0.0rc7", "3.2.0", "3.2.1"])
        XCTAssertEqual(merged[4].source, .missing)
        XCTAssertTrue(merged[4].note?.contains("no column directory for 3.2.1") == true, merged[4].note ?? "")
        let at = RunDocumentFixtures.start
        XCTAssertEqual(try VersionMatrix(profile: "p", generatedAt: at, columns: merged).jsonData(),
                       try VersionMatrix(profile: "p", generatedAt: at, columns: runners + [merged[4]]).jsonData())
    }

    func testAColumnNobodyExpectedComesLastAndWithoutAListTheArgumentsOrder() throws {
        try fourColumns()
        let given = ["4.0.0rc7", "3.2.7"].map { root.appendingPathComponent($0) }
        XCTAssertEqual(try MatrixMerge.read(directories: given, expected: [SpecKittyVersion("3.2.7")]).map(\.version), ["3.2.7", "4.0.0rc7"])
        XCTAssertEqual(try MatrixMerge.read(directories: given, expected: []).map(\.version), ["4.0.0rc7", "3.2.7"])
    }

    func testADirectoryNotNamedAfterAVersionOrTwiceTheSameIsRefused() throws {
        try fourColumns()
        XCTAssertThrowsError(try MatrixMerge.read(directories: [root.appendingPathComponent("column-3.2.7")], expected: [])) {
            XCTAssertEqual($0 as? MatrixError, .columnDirectoryNotAVersion(self.root.appendingPathComponent("column-3.2.7").path))
        }
        let twice = [root.appendingPathComponent("3.2.7"), root.appendingPathComponent("x/../3.2.7")]
        XCTAssertThrowsError(try MatrixMerge.read(directories: twice, expected: [])) { error in
            guard case .duplicateColumn(version: "3.2.7", _, _)? = error as? MatrixError else { return XCTFail("\(error)") }
        }
    }
}
