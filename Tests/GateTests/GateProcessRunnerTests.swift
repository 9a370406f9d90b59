import CanaryCore
import CanaryGate
import Foundation
import XCTest

/// The real process runner against /bin/sh: output, status, environment, streaming, time limits.
final class GateProcessRunnerTests: XCTestCase {
    private let runner = GateProcessRunner()

    func testCapturesBothStreamsAndTheExitStatus() throws {
        let result = try runner.run(GateCommandLine(["sh", "-c", "echo out; echo err >&2; exit 3"]))
        XCTAssertEqual(result.exitStatus, 3)
        XCTAssertEqual(result.stdout, "out\n")
        XCTAssertEqual(result.stderr, "err\n")
        XCTAssertEqual(result.lastStdoutLine, "out")
        XCTAssertEqual(result.lastErrorLine, "err")
    }

    func testAddsEnvironmentAndRunsInTheWorkingDirectory() throws {
        let result = try runner.run(GateCommandLine(["sh", "-c", "echo $GATE_TEST_VALUE; pwd"], environment: ["GATE_TEST_VALUE": "a b"],
                                                    workingDirectory: "/tmp"))
        XCTAssertEqual(result.stdout, "a b\n/tmp\n")
        XCTAssertNotNil(ProcessInfo.processInfo.environment["PATH"], "the rest of the environment is kept")
    }

    func testStdinIsEmptySoPromptsCannotHang() throws {
        XCTAssertEqual(try runner.run(GateCommandLine(["sh", "-c", "cat; echo done"], timeout: 10)).stdout, "done\n")
    }

    func testStreamsOutputWhileRunning() throws {
        let chunks = Locked<String>("")
        _ = try runner.run(GateCommandLine(["sh", "-c", "echo one; sleep 0.3; echo two"])) { text in chunks.withLock { $0 += text } }
        XCTAssertEqual(chunks.current, "one\ntwo\n")
    }

    func testACharacterSplitAcrossReadsIsStreamedWhole() throws {
        let chunks = Locked<String>("")
        // "✓" is E2 9C 93; the child writes it in two parts, apart in time, so they arrive as two reads.
        let result = try runner.run(GateCommandLine(["sh", "-c", #"printf '\342\234'; sleep 0.3; printf '\223 ok\n'; printf '\342' >&2"#])) { text in
            chunks.withLock { $0 += text }
        }
        XCTAssertEqual(result.stdout, "✓ ok\n")
        XCTAssertEqual(chunks.current, "✓ ok\n\u{FFFD}", "a character cut by a read waits for its rest; a stream ending mid-character is still passed on")
    }

    func testAMissingProgramExits127() throws {
        XCTAssertEqual(try runner.run(GateCommandLine(["no-such-program-for-the-gate"])).exitStatus, 127)
    }

    func testATimeoutKillsTheWholeProcessGroup() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gate-orphan-\(UUID().uuidString)").path
        let started = Date()
        XCTAssertThrowsError(try runner.run(GateCommandLine(["sh", "-c", "echo started; (sleep 2; touch \(marker)) & sleep 30"], timeout: 0.5))) { error in
            guard case let GateProcessError.timedOut(command, seconds, lastLine)? = error as? GateProcessError else {
                return XCTFail("expected a timeout, got \(error)")
            }
            XCTAssertTrue(command.hasPrefix("sh -c"), command)
            XCTAssertEqual(seconds, 0.5)
            XCTAssertEqual(lastLine, "started")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        Thread.sleep(forTimeInterval: 2.5)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the grandchild must have been killed with its group")
    }

    func testCommandLinesQuoteForAShell() {
        let command = GateCommandLine(["bash", "my script.sh", "--yes", "it's"], environment: ["B": "2", "A": "x y"])
        XCTAssertEqual(command.description, #"A='x y' B=2 bash 'my script.sh' --yes 'it'\''s'"#)
    }
}
