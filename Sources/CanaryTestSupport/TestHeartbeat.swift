import CanaryCore
import Foundation
import XCTest

/// Names every test still running, every 20 s, so a suite of real-CLI tests is never silent for a minute.
///
/// Linux XCTest has no principal class: a long-running test installs it
/// from its `setUp`, naming itself, and from then on it sees every test case
/// of the process. Lines go through `ProgressConsole` (stdout and
/// `CANARY_PROGRESS_FILE`).
public final class TestHeartbeat: NSObject, XCTestObservation, @unchecked Sendable {
    private let running: Locked<[ObjectIdentifier: ProgressHeartbeat.Running]>
    private let heartbeat: ProgressHeartbeat

    private override init() {
        let running = Locked<[ObjectIdentifier: ProgressHeartbeat.Running]>([:])
        self.running = running
        heartbeat = ProgressHeartbeat(running: { Array(running.current.values) }, output: ProgressConsole.write)
        super.init()
    }

    private static let shared: TestHeartbeat = {
        let observer = TestHeartbeat()
        XCTestObservationCenter.shared.addTestObserver(observer)
        return observer
    }()

    /// Installs the process-wide heartbeat (idempotent) and counts `current`, already started, as running.
    public static func install(_ current: XCTestCase) {
        // ProgressHeartbeat.start is idempotent: every long test may call this.
        shared.heartbeat.start()
        shared.testCaseWillStart(current)
    }

    public func testCaseWillStart(_ testCase: XCTestCase) {
        running.withLock { $0[ObjectIdentifier(testCase)] = .init(subject: "canary: test \(testCase.name)", startedAt: Date()) }
    }

    public func testCaseDidFinish(_ testCase: XCTestCase) {
        _ = running.withLock { $0.removeValue(forKey: ObjectIdentifier(testCase)) }
    }

    public func testBundleDidFinish(_ testBundle: Bundle) {
        heartbeat.stop()
    }
}
