import CanaryCore
import Foundation
import Glibc
import SaaSStandIn
import XCTest

/// `canary standin` as an operator runs it: URL on the first line, clean exit on SIGTERM.
final class StandInCommandTests: XCTestCase {
    /// The `canary` executable built beside this test bundle.
    private func canary() throws -> URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("canary")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("canary executable not built next to the tests (run `swift build` first)")
    }

    private func launch(_ arguments: [String], stdout: URL) throws -> (Process, DispatchSemaphore) {
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let output = try FileHandle(forWritingTo: stdout)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = try canary()
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        addTeardownBlock {
            if process.isRunning { kill(-process.processIdentifier, SIGKILL) }
        }
        return (process, exited)
    }

    func testServesUntilSIGTERMThenExitsZero() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdout = directory.appendingPathComponent("stdout")
        let database = directory.appendingPathComponent("store.sqlite")
        let (process, exited) = try launch(["standin", "--port", "0", "--db", database.path, "--historical-rows", "4",
                                            "--profile", "deployed-dev-2026-05"], stdout: stdout)

        var firstLine: String?
        let deadline = Date(timeIntervalSinceNow: 20)
        while firstLine == nil, Date() < deadline {
            let text = (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
            if let newline = text.firstIndex(of: "\n") { firstLine = String(text[..<newline]) } else { usleep(20_000) }
        }
        let line = try XCTUnwrap(firstLine, "no URL line on stdout")
        XCTAssertTrue(line.hasPrefix("http://127.0.0.1:"), line)
        let client = StandInClient(baseURL: try XCTUnwrap(URL(string: line)))
        XCTAssertEqual(try client.health()["environment"], .string("standin-deployed-dev-2026-05"))
        XCTAssertEqual(try client.historicalDigest().count, 4)

        kill(process.processIdentifier, SIGTERM)
        XCTAssertEqual(exited.wait(timeout: .now() + 10), .success, "did not stop on SIGTERM")
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: database.path), "--db is kept")
    }

    func testBadFlagsExit64AndHelpExitsZero() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("standin-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (arguments, status) in [(["standin", "--port", "99999"], Int32(64)), (["standin", "--bogus"], 64),
                                    (["standin", "--profile", "nope"], 64), (["standin", "--db"], 64), (["standin", "--help"], 0)] {
            let (process, exited) = try launch(arguments, stdout: directory.appendingPathComponent(UUID().uuidString))
            XCTAssertEqual(exited.wait(timeout: .now() + 10), .success)
            XCTAssertEqual(process.terminationStatus, status, arguments.joined(separator: " "))
        }
    }
}
