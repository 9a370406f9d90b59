import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// What the CLI's host-wide daemon scan counts, and whose home a daemon serves.
final class HostSyncDaemonTests: XCTestCase {
    func testAnyArgvMentioningRunSyncDaemonCountsAsTheCLICountsIt() {
        XCTAssertTrue(HostSyncDaemon.matches(argv: ["/venv/bin/python", "-c", "from specify_cli.sync.daemon import run_sync_daemon; run_sync_daemon()"]))
        XCTAssertTrue(HostSyncDaemon.matches(argv: ["grep", "run_sync_daemon"]), "the CLI's scan is this blunt; so is the refusal")
        XCTAssertFalse(HostSyncDaemon.matches(argv: ["/venv/bin/spec-kitty", "sync", "now"]))
    }

    func testTheHomeComesFromTheScopeMarkerElseTheEnvironment() {
        XCTAssertEqual(HostSyncDaemon.home(argv: ["python", "run_sync_daemon", "--spec-kitty-daemon-root=/tmp/w/home"],
                                           environment: ["HOME": "/root"]), "/tmp/w/home")
        XCTAssertEqual(HostSyncDaemon.home(argv: ["python", "run_sync_daemon"], environment: ["SPEC_KITTY_HOME": "/a", "HOME": "/b"]), "/a")
        XCTAssertNil(HostSyncDaemon.home(argv: ["python", "run_sync_daemon"], environment: [:]))
    }

    func testALiveProcessIsFoundByPidAndAScenariosOwnIsNotForeign() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("host-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let impostor = try HostDaemonImpostor.start(home: home.path + "/home")
        defer { impostor.stop() }
        let found = HostSyncDaemon.scan().first { $0.pid == impostor.pid }
        XCTAssertEqual(found?.home, home.path + "/home")
        XCTAssertEqual(found?.description, "pid \(impostor.pid) (home \(home.path)/home)")
        XCTAssertFalse(HostSyncDaemon.foreign(excluding: [home]).contains { $0.pid == impostor.pid })
        XCTAssertTrue(HostSyncDaemon.foreign(excluding: []).contains { $0.pid == impostor.pid })
    }
}
