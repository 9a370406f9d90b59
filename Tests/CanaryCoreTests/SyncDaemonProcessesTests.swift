import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class SyncDaemonProcessesTests: XCTestCase {
    private let runner = ProcessRunner(drainGrace: 0.1)

    override func tearDown() {
        runner.terminateAll()
        super.tearDown()
    }

    func testFindsAndStopsOnlyProcessesCarryingThisRootsMarker() throws {
        let root = try TemporaryDirectory("daemon-root")
        let other = try TemporaryDirectory("daemon-other")
        defer {
            root.remove()
            other.remove()
        }
        let mine = try startFakeDaemon(runtimeRoot: root.url)
        let theirs = try startFakeDaemon(runtimeRoot: other.url)

        XCTAssertEqual(SyncDaemonProcesses.pids(runtimeRoot: root.url), [mine])
        XCTAssertEqual(SyncDaemonProcesses.pids(runtimeRoot: other.url), [theirs])

        XCTAssertEqual(SyncDaemonProcesses.stopAll(runtimeRoot: root.url, grace: 2), [mine])
        XCTAssertTrue(waitFor { SyncDaemonProcesses.pids(runtimeRoot: root.url).isEmpty })
        XCTAssertEqual(SyncDaemonProcesses.pids(runtimeRoot: other.url), [theirs], "another root's daemon is left alone")

        SyncDaemonProcesses.stopAll(runtimeRoot: other.url, grace: 2)
        XCTAssertTrue(waitFor { SyncDaemonProcesses.pids(runtimeRoot: other.url).isEmpty })
    }

    func testNoMarkedProcessesMeansNothingToStop() throws {
        let root = try TemporaryDirectory("daemon-none")
        defer { root.remove() }
        XCTAssertEqual(SyncDaemonProcesses.stopAll(runtimeRoot: root.url), [])
    }

    /// A long-lived shell whose argv carries the daemon marker, as the CLI's daemon's does.
    private func startFakeDaemon(runtimeRoot: URL) throws -> pid_t {
        let marker = SyncDaemonProcesses.scopeMarkerPrefix + runtimeRoot.path
        let loop = "sh -c 'while :; do sleep 0.2; done' sh '\(marker)' </dev/null >/dev/null 2>&1 & echo $!"
        let result = try runner.run(["/bin/sh", "-c", loop], timeout: 5)
        return try XCTUnwrap(pid_t(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), result.stdout)
    }

    private func waitFor(timeout: TimeInterval = 3, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if condition() { return true }
            usleep(20000)
        } while Date() < deadline
        return condition()
    }
}
