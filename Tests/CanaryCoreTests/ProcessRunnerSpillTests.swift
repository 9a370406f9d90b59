import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// A command's long output costs disk, not memory: past the limit it spills whole to the command log.
final class ProcessRunnerSpillTests: XCTestCase {
    private let writesTwentyMegabytes = ["/bin/sh", "-c", "head -c 20000000 /dev/urandom; echo done >&2"]

    func testALongStdoutSpillsWholeIntoTheCommandLogAndOnlyItsTailStaysInMemory() throws {
        let root = try TemporaryDirectory("spill")
        defer { root.remove() }
        let spills = root.url.appendingPathComponent("spills")
        try FileManager.default.createDirectory(at: spills, withIntermediateDirectories: true)
        let log = root.url.appendingPathComponent("commands")
        let runner = ProcessRunner(logSink: DirectoryCommandLog(directory: log), defaultTimeout: 60,
                                   outputMemoryLimit: 1 << 20, outputTailLimit: 64 << 10, spillDirectory: spills)

        let result = try runner.run(writesTwentyMegabytes, label: "chatty")

        XCTAssertTrue(result.succeeded)
        XCTAssertEqual(result.stdoutByteCount, 20_000_000)
        XCTAssertEqual(result.stdoutData.count, 64 << 10, "only the tail is held")
        XCTAssertTrue(result.outputTruncated)
        XCTAssertEqual(result.stderr, "done\n", "a short stream is whole")
        let kept = try Data(contentsOf: log.appendingPathComponent("001-chatty.stdout"))
        XCTAssertEqual(kept.count, 20_000_000, "the log holds every byte")
        XCTAssertEqual(kept.suffix(64 << 10), result.stdoutData, "the tail is the log's end")
        XCTAssertTrue(try String(contentsOf: log.appendingPathComponent("001-chatty.argv"), encoding: .utf8)
            .contains("# output: 20000000 bytes stdout"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spills.path), [], "the spill was moved, not copied")
        XCTAssertNil(result.stdoutSpillPath)
    }

    func testWithoutACommandLogTheSpillIsRemoved() throws {
        let root = try TemporaryDirectory("spill")
        defer { root.remove() }
        let runner = ProcessRunner(defaultTimeout: 60, outputMemoryLimit: 1 << 20, outputTailLimit: 64 << 10, spillDirectory: root.url)

        let result = try runner.run(writesTwentyMegabytes)

        XCTAssertEqual(result.stdoutByteCount, 20_000_000)
        XCTAssertEqual(result.stdoutData.count, 64 << 10)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.url.path), [])
    }

    func testOutputUnderTheLimitIsHeldWholeAndNothingSpills() throws {
        let root = try TemporaryDirectory("spill")
        defer { root.remove() }
        let runner = ProcessRunner(defaultTimeout: 60, outputMemoryLimit: 1 << 20, outputTailLimit: 64 << 10, spillDirectory: root.url)

        let result = try runner.run(["/bin/sh", "-c", "head -c 1000000 /dev/zero"])

        XCTAssertEqual(result.stdoutData.count, 1_000_000)
        XCTAssertFalse(result.outputTruncated)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.url.path), [])
    }
}
