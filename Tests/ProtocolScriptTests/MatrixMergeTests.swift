import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// A matrix split into per-version runs and merged equals the one-machine matrix, through the built `canary`.
///
/// Only 4.0.0rc7: the protocol script's preflight refuses it (`cli.unsupported`)
/// in seconds without starting a stand-in or a scenario, so the test costs an
/// install on first use and nothing after.
final class MatrixMergeTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-merge-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs `canary matrix <arguments>` from the package root, as the README and the workflows do.
    private func matrix(_ arguments: [String]) throws -> CommandResult {
        let result = try ProcessRunner(defaultTimeout: 20 * 60).run(
            [try BuiltCanary.url().path, "matrix"] + arguments, workingDirectory: ProtocolScript.repo)
        // The CLI's daemon scan is host-wide: beside a daemon the matrix did not start, the matrix refuses (exit 2).
        if result.exitCode == 2, result.stderr.contains("daemon") { throw XCTSkip("a sync daemon lives on this host: \(result.stderr)") }
        return result
    }

    private func file(_ directory: String, _ name: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(directory).appendingPathComponent(name))
    }

    /// The matrix with what differs between two assemblies of the same columns taken out: `generated_at`
    /// (set to the epoch) and every column's `duration_seconds` (set to none: a merge never has the wall
    /// time of a run it did not start). Versions, sources, cells, notes and CLI versions are kept as written.
    private func normalised(_ data: Data) throws -> Data {
        let matrix = try VersionMatrix.parse(data)
        let columns = matrix.columns.map {
            MatrixColumn(version: $0.version, cliVersion: $0.cliVersion, source: $0.source, cells: $0.cells, note: $0.note, durationSeconds: nil)
        }
        return try VersionMatrix(profile: matrix.profile, generatedAt: Date(timeIntervalSince1970: 0), columns: columns).jsonData()
    }

    /// `matrix.md` with its one timestamp (the "assembled ..." line) taken out.
    private func normalisedMarkdown(_ data: Data) throws -> String {
        let text = String(decoding: data, as: UTF8.self)
        let matrix = try VersionMatrix.parse(try file("A", VersionMatrix.jsonFileName))
        return text.replacingOccurrences(of: Timestamp.iso8601(matrix.generatedAt), with: "<time>")
            .replacingOccurrences(of: #"assembled \S+\."#, with: "assembled <time>.", options: .regularExpression)
    }

    func testAColumnRunAloneAndMergedEqualsTheOneMachineMatrix() throws {
        let one = try matrix(["4.0.0rc7", "--skip-build", "--out", root.appendingPathComponent("A").path])
        XCTAssertEqual(one.exitCode, 0, one.tail())
        let column = try matrix(["4.0.0rc7", "--skip-build", "--out=\(root.appendingPathComponent("B").path)"])
        XCTAssertEqual(column.exitCode, 0, column.tail())
        for name in [MatrixColumnDirectory.bootstrapLogName, MatrixColumnDirectory.scriptLogName, MatrixColumnDirectory.outcomeFileName] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("B/4.0.0rc7/\(name)").path), name)
        }
        let merged = try matrix(["--merge", root.appendingPathComponent("B/4.0.0rc7").path, "--expect", "4.0.0rc7",
                                 "--out", root.appendingPathComponent("C").path])
        XCTAssertEqual(merged.exitCode, 0, merged.tail())

        let single = try file("A", VersionMatrix.jsonFileName)
        XCTAssertEqual(String(decoding: try normalised(try file("C", VersionMatrix.jsonFileName)), as: UTF8.self),
                       String(decoding: try normalised(single), as: UTF8.self))
        XCTAssertEqual(try VersionMatrix.parse(single).columns.map(\.source), [.unsupported], "the column is the preflight's verdict")
        XCTAssertEqual(try normalisedMarkdown(try file("C", VersionMatrix.markdownFileName)),
                       try normalisedMarkdown(try file("A", VersionMatrix.markdownFileName)))
    }

    func testAnExpectedVersionWithoutAColumnIsNamedAndFailsTheMerge() throws {
        let column = try matrix(["4.0.0rc7", "--skip-build", "--out", root.appendingPathComponent("B").path])
        XCTAssertEqual(column.exitCode, 0, column.tail())
        let merged = try matrix(["--merge", root.appendingPathComponent("B/4.0.0rc7").path, "--expect=3.2.7,4.0.0rc7",
                                 "--out", root.appendingPathComponent("C").path])
        XCTAssertEqual(merged.exitCode, 1, merged.tail())
        let matrix = try VersionMatrix.parse(try file("C", VersionMatrix.jsonFileName))
        XCTAssertEqual(matrix.columns.map(\.version), ["3.2.7", "4.0.0rc7"])
        XCTAssertEqual(matrix.columns.map(\.source), [.missing, .unsupported])
        XCTAssertTrue(matrix.columns[0].note?.contains("no column directory for 3.2.7") == true, matrix.columns[0].note ?? "")
    }
}
