import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class ProcessRunnerTests: XCTestCase {
    private var runner: ProcessRunner!

    override func setUp() {
        super.setUp()
        runner = ProcessRunner(defaultTimeout: 30, terminationGrace: 1, drainGrace: 0.5)
    }

    override func tearDown() {
        // Whatever a test left behind is a failure of that test, and must not leak.
        let leaked = runner.liveChildren()
        runner.terminateAll()
        XCTAssertEqual(leaked, [], "process groups still alive at teardown")
        super.tearDown()
    }

    func testExitCodeAndOutput() throws {
        let result = try runner.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"])
        XCTAssertEqual(result.exitCode, 3)
        XCTAssertNil(result.signal)
        XCTAssertFalse(result.succeeded)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.stdout, "out\n")
        XCTAssertEqual(result.stderr, "err\n")
        XCTAssertEqual(result.argv, ["/bin/sh", "-c", "echo out; echo err >&2; exit 3"])
        XCTAssertGreaterThanOrEqual(result.finished, result.started)
    }

    /// What a call cost in CPU is told apart from what it waited: a busy child reports its
    /// CPU time (its reaped children's included, as the CLI's git calls are), a sleeping one next to none.
    func testCPUTimeIsTheChildsOwnAndNotItsWaiting() throws {
        let busy = try runner.run(["/bin/sh", "-c", "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'"])
        let busyCPU = try XCTUnwrap(busy.cpuSeconds)
        XCTAssertGreaterThan(busyCPU, 0.05, "a counting loop in a grandchild uses CPU")
        XCTAssertLessThanOrEqual(busyCPU, busy.duration + 0.05, "one process at a time uses no more CPU than wall time")

        let idle = try runner.run(["/bin/sh", "-c", "sleep 0.5"])
        XCTAssertGreaterThanOrEqual(idle.duration, 0.5)
        XCTAssertLessThan(try XCTUnwrap(idle.cpuSeconds), 0.2, "sleeping is not CPU")
        XCTAssertEqual(idle.record.cpuSeconds, idle.cpuSeconds, "the run document's record carries it")
    }

    func testDeathBySignalIsReported() throws {
        let result = try runner.run(["/bin/sh", "-c", "kill -KILL $$"])
        XCTAssertEqual(result.signal, SIGKILL)
        XCTAssertNil(result.exitCode)
        XCTAssertEqual(result.terminationDescription, "signal 9")
    }

    func testStdinIsDevNull() throws {
        let result = try runner.run(["/bin/sh", "-c", "readlink /proc/self/fd/0; cat; echo end"], timeout: 5)
        XCTAssertEqual(result.stdout, "/dev/null\nend\n")
        XCTAssertFalse(result.timedOut)
    }

    func testChattyChildOnBothStreamsDoesNotDeadlock() throws {
        let megabyte = 1 << 20
        let script = "head -c \(megabyte) /dev/zero | tr '\\0' e >&2 & head -c \(megabyte) /dev/zero | tr '\\0' o; wait"
        let result = try runner.run(["/bin/sh", "-c", script], timeout: 20)
        XCTAssertTrue(result.succeeded, result.terminationDescription)
        XCTAssertEqual(result.stdoutData.count, megabyte)
        XCTAssertEqual(result.stderrData.count, megabyte)
        XCTAssertTrue(result.stdoutData.allSatisfy { $0 == UInt8(ascii: "o") })
        XCTAssertTrue(result.stderrData.allSatisfy { $0 == UInt8(ascii: "e") })
    }

    func testOutputIsHandedOverWhileTheChildRuns() throws {
        var chunks: [(at: Date, text: String, isStandardError: Bool)] = []
        let started = Date()
        let result = try runner.run(["/bin/sh", "-c", "echo one; sleep 0.4; echo two >&2"], timeout: 10) { chunk, isStandardError in
            chunks.append((Date(), String(decoding: chunk, as: UTF8.self), isStandardError))
        }
        XCTAssertEqual(chunks.map(\.text), ["one\n", "two\n"])
        XCTAssertEqual(chunks.map(\.isStandardError), [false, true])
        XCTAssertLessThan(chunks[0].at.timeIntervalSince(started), 0.35, "the first line arrives before the child ends")
        XCTAssertEqual(result.stdout, "one\n", "streamed output is still in the result")
        XCTAssertEqual(result.stderr, "two\n")
    }

    func testTimeoutKillsTheWholeProcessGroupIncludingAGrandchild() throws {
        let started = Date()
        let result = try runner.run(["/bin/sh", "-c", "sleep 100 & echo $!; sleep 100"], timeout: 0.5)
        XCTAssertTrue(result.timedOut)
        XCTAssertFalse(result.succeeded)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let grandchild = try XCTUnwrap(pid_t(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(waitUntilGone(grandchild), "grandchild \(grandchild) survived the timeout")
        XCTAssertEqual(runner.liveChildren(), [])
        XCTAssertThrowsError(try result.requireSuccess()) { error in
            guard case ProcessError.timedOut = error else { return XCTFail("\(error)") }
        }
    }

    func testTimeoutEscalatesToSIGKILLWhenSIGTERMIsIgnored() throws {
        let result = try runner.run(["/bin/sh", "-c", "trap '' TERM; while :; do sleep 0.05; done"], timeout: 0.3)
        XCTAssertTrue(result.timedOut)
        XCTAssertEqual(result.signal, SIGKILL)
    }

    func testChildLeadsItsOwnProcessGroup() throws {
        // Fields 1 and 5 of /proc/self/stat are the pid and the process group.
        let result = try runner.run(["/bin/sh", "-c", "read -r pid _ _ _ pgrp _ < /proc/self/stat; echo $pid $pgrp"])
        let fields = result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        XCTAssertEqual(fields.count, 2)
        XCTAssertEqual(fields.first, fields.last, "child is not its own process group leader")
        XCTAssertNotEqual(fields.last, String(getpgrp()))
    }

    func testLingeringDescendantHoldingThePipeDoesNotHangTheCall() throws {
        let started = Date()
        let result = try runner.run(["/bin/sh", "-c", "sleep 30 & echo started"], timeout: 10)
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stdout, "started\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(runner.liveChildren().count, 1, "the background sleep is still in the group")
        runner.terminateAll()
        XCTAssertEqual(runner.liveChildren(), [])
    }

    func testADescendantThatLeftTheGroupIsStillCountedAndEndedByPid() throws {
        // `setsid` moves the sleep out of the command's process group: kill(-pgid) cannot reach it.
        let result = try runner.run(["/bin/sh", "-c", "setsid sleep 30 </dev/null >/dev/null 2>&1 & echo $!"], timeout: 10)
        let escaped = try XCTUnwrap(pid_t(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let deadline = Date().addingTimeInterval(5)
        while !runner.liveChildren().contains(escaped), Date() < deadline { usleep(20000) }
        XCTAssertTrue(runner.liveChildren().contains(escaped), "found by its tag: \(runner.liveChildren())")
        runner.terminateAll()
        XCTAssertEqual(runner.liveChildren(), [])
        XCTAssertFalse(Self.isAlive(escaped), "ended")
    }

    func testATimeoutEndsADescendantThatLeftTheGroupToo() throws {
        let result = try runner.run(["/bin/sh", "-c", "setsid sleep 30 </dev/null >/dev/null 2>&1 & echo $!; sleep 30"], timeout: 1)
        XCTAssertTrue(result.timedOut)
        let escaped = try XCTUnwrap(pid_t(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(runner.liveChildren(), [], "nothing of the timed-out command lives on")
        XCTAssertFalse(Self.isAlive(escaped))
    }

    /// Alive and not a zombie: a killed orphan stays a zombie until init reaps it.
    private static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")"), let state = stat[stat.index(after: close)...].split(separator: " ").first
        else { return false }
        return state != "Z" && state != "X"
    }

    func testEachChildCarriesItsCommandsTag() throws {
        let first = try runner.run(["/bin/sh", "-c", "echo $CANARY_PROCESS_TAG"]).stdout
        let second = try runner.run(["/bin/sh", "-c", "echo $CANARY_PROCESS_TAG"]).stdout
        XCTAssertTrue(first.hasPrefix("runner-"), first)
        XCTAssertNotEqual(first, second, "one tag per command, so a timeout ends only its own")
    }

    func testInheritedEnvironmentIsMergedWithOverridesAndRemovals() throws {
        let environment = ProcessEnvironment.inheriting(
            ["CANARY_OVERRIDE": "yes", "HOME": "/tmp/canary-home"],
            removing: ["CANARY_DROPPED"],
            from: ["PATH": "/usr/bin:/bin", "CANARY_DROPPED": "1", "CANARY_KEPT": "2", "HOME": "/root"]
        )
        let result = try runner.run(["env"], environment: environment)
        // The runner adds its own tag (EscapedDescendants) and nothing else.
        let lines = Set(result.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("CANARY_PROCESS_TAG=") })
        XCTAssertEqual(lines, ["PATH=/usr/bin:/bin", "CANARY_KEPT=2", "CANARY_OVERRIDE=yes", "HOME=/tmp/canary-home"])
    }

    func testDefaultEnvironmentInheritsThisProcess() throws {
        let result = try runner.run(["/bin/sh", "-c", "echo \"$PATH\""])
        XCTAssertEqual(result.stdout, (ProcessInfo.processInfo.environment["PATH"] ?? "") + "\n")
    }

    func testExecutableIsResolvedOnTheChildsPath() throws {
        let result = try runner.run(["true"], environment: ProcessEnvironment(exactly: ["PATH": "/nonexistent:/bin"]))
        XCTAssertEqual(result.executablePath, "/bin/true")
        XCTAssertThrowsError(try runner.run(["true"], environment: ProcessEnvironment(exactly: ["PATH": "/nonexistent"]))) { error in
            XCTAssertEqual(error as? ProcessError, .executableNotFound(name: "true", searchPath: "/nonexistent"))
        }
    }

    func testWorkingDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let result = try runner.run(["/bin/pwd"], workingDirectory: directory)
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .newlines), directory.path)
        XCTAssertEqual(result.workingDirectory, directory.path)
    }

    func testRequireSuccessCarriesTheTail() throws {
        let result = try runner.run(["/bin/sh", "-c", "seq 1 50; echo boom >&2; exit 4"])
        XCTAssertThrowsError(try result.requireSuccess()) { error in
            guard case let ProcessError.unsuccessful(failed) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(failed.exitCode, 4)
            let description = String(describing: error)
            XCTAssertTrue(description.contains("exit 4"), description)
            XCTAssertTrue(description.contains("boom"), description)
            XCTAssertTrue(description.contains("50"), description)
            XCTAssertFalse(description.contains("\n1\n"), "the tail should not hold the whole output")
        }
    }

    func testResultFeedsTheRunDocumentAndTheClassifier() throws {
        let result = try runner.run(["/bin/sh", "-c", "echo 'Moving WP01 requires review feedback'; exit 1"])
        XCTAssertEqual(result.record.exitCode, 1)
        XCTAssertEqual(result.record.argv, result.argv)
        XCTAssertFalse(result.record.timedOut)
        let verdict = FailureClassifier.classify(step: "rollback", result.observation)
        XCTAssertEqual(verdict.mode, .queueRollbackRowMissing)
    }

    func testTailKeepsTheLastLines() {
        XCTAssertEqual(CommandResult.lastLines(of: "a\nb\nc\n\n", count: 2), "b\nc")
        XCTAssertEqual(CommandResult.lastLines(of: "a", count: 5), "a")
        XCTAssertEqual(CommandResult.lastLines(of: "a\nb", count: 0), "")
        let result = CommandResult(argv: ["x"], termination: .exited(1), stdout: Data("1\n2\n3\n".utf8), stderr: Data("e\n".utf8))
        XCTAssertEqual(result.tail(lines: 1), "--- stdout (tail) ---\n3\n--- stderr (tail) ---\ne")
    }

    func testLogSinkReceivesEveryCommandInOrder() throws {
        let log = MemoryCommandLog()
        let logged = ProcessRunner(logSink: log)
        _ = try logged.run(["/bin/echo", "one"])
        _ = try logged.run(["/bin/echo", "two"], label: "second")
        XCTAssertEqual(log.entries.map(\.sequence), [1, 2])
        XCTAssertEqual(log.entries.map(\.label), ["echo-one", "second"])
        XCTAssertEqual(log.entries.map(\.result.stdout), ["one\n", "two\n"])
    }

    func testDirectoryLogWritesArgvAndBothStreams() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runner-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logged = ProcessRunner(logSink: DirectoryCommandLog(directory: directory))
        _ = try logged.run(["/bin/sh", "-c", "echo hello; echo oops >&2; exit 2"], label: "sync now")
        let stem = directory.appendingPathComponent("001-sync-now").path
        XCTAssertEqual(try String(contentsOfFile: stem + ".stdout", encoding: .utf8), "hello\n")
        XCTAssertEqual(try String(contentsOfFile: stem + ".stderr", encoding: .utf8), "oops\n")
        let argv = try String(contentsOfFile: stem + ".argv", encoding: .utf8)
        XCTAssertTrue(argv.hasPrefix("/bin/sh\n-c\necho hello; echo oops >&2; exit 2\n"), argv)
        XCTAssertTrue(argv.contains("# exit 2"), argv)
    }

    /// Many short runs in a row: each reaped and forgotten, none left behind. How long they take is
    /// the benchmark's to say (`scripts/bench-harness.sh`, scenarios/CLI), not a timed test's.
    func testManyShortRunsInARowAreEachReapedAndForgotten() throws {
        for _ in 0 ..< 100 { XCTAssertTrue(try runner.run(["/bin/true"]).succeeded) }
        XCTAssertEqual(runner.liveChildren(), [])
    }

    func testConcurrentRunsFromSeveralThreads() throws {
        let results = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 8)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let result = try? runner.run(["/bin/sh", "-c", "exit \(index)"])
            results[index] = result?.exitCode ?? -1
        }
        XCTAssertEqual(Array(results), Array(0 ..< 8))
    }

    private func waitUntilGone(_ pid: pid_t, timeout: TimeInterval = 3) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            // A zombie still answers kill(0); its /proc state is Z once killed.
            if kill(pid, 0) != 0 { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               stat.contains(") Z ") { return true }
            usleep(20000)
        } while Date() < deadline
        return false
    }
}
