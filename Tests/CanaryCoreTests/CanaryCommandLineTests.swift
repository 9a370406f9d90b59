import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// Every `canary` command takes `--x=v` as `--x v`, and a usage error exits 64 in every one.
final class CanaryCommandLineTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("canary-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        // Sealed bundles are read-only; make them removable first.
        for case let url as URL in FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) ?? .init() {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `canary arguments` to completion through the one process runner; returns its exit status and stdout.
    private func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (status: Int32, stdout: String) {
        let result = try ProcessRunner(defaultTimeout: 30).run([try BuiltCanary.url().path] + arguments)
        if result.timedOut { XCTFail("canary \(arguments.joined(separator: " ")) did not exit", file: file, line: line) }
        return (result.exitStatus, result.stdout)
    }

    private func assertStatus(_ arguments: [String], _ status: Int32, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try run(arguments, file: file, line: line).status, status, arguments.joined(separator: " "), file: file, line: line)
    }

    func testFinalizeVerifyAndReportTakeTheEqualsSpelling() throws {
        let bundle = directory.appendingPathComponent("bundle")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try assertStatus(["finalize", "--runs=1", bundle.path], 0)
        try assertStatus(["verify", bundle.path], 0)
        // No run file: the verdict is a failure (1), not a usage error.
        try assertStatus(["report", "--runs=1", bundle.path], 1)
        try assertStatus(["report", bundle.path, "--runs", "1"], 1)
    }

    func testClaimAttemptTakesItsTwoArguments() throws {
        let claimed = try run(["claim-attempt", directory.path, "tag"])
        XCTAssertEqual(claimed.status, 0)
        XCTAssertEqual(claimed.stdout, directory.appendingPathComponent("tag-attempt1").path + "\n")
        try assertStatus(["claim-attempt", "--", directory.path, "tag"], 0)
    }

    func testUsageErrorsExit64InEveryCommand() throws {
        for arguments in [
            ["nope"],
            ["report"], ["report", "--runs=9", "b"], ["report", "b", "--runs"], ["finalize", "b", "--bogus"],
            ["verify"], ["verify", "a", "b"], ["verify", "--bogus", "a"],
            ["claim-attempt", directory.path], ["claim-attempt", directory.path, ""], ["claim-attempt", "--root=x", "y"],
            ["host-check", "extra"], ["host-check", "--bogus"],
            ["matrix", "--jobs=17", "3.2.7"], ["matrix", "3.2.7", "--profile"], ["matrix"],
            ["gate", "--bogus"], ["gate", "--line=3.2rc1"], ["gate", "--dry-run=yes"],
        ] {
            try assertStatus(arguments, UsageError.exitCode)
        }
    }

    func testHelpExitsZeroInEveryCommand() throws {
        for command in ["report", "finalize", "verify", "claim-attempt", "host-check", "matrix", "gate"] {
            let help = try run([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.stdout.hasPrefix("usage: canary \(command)"), help.stdout)
        }
        // Options before --help are parsed as usual, --x=v included.
        try assertStatus(["gate", "--work-dir=/nowhere", "--line=3.2", "-h"], 0)
        try assertStatus(["matrix", "--jobs=2", "-h"], 0)
    }
}
