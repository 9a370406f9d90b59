import CanaryCore
import Foundation
import XCTest

final class ProgressHeartbeatTests: XCTestCase {
    func testTheHeartbeatNamesEveryRunningScenarioWithItsTime() {
        let start = Date(timeIntervalSince1970: 1_000)
        let lines = ProgressHeartbeat.lines(for: [
            .init(subject: "canary: scenario 3 Daemon Owner Mismatch Refusal", startedAt: start.addingTimeInterval(50)),
            .init(subject: "canary: scenario 2 Legacy Queue Row Migration", startedAt: start),
        ], now: start.addingTimeInterval(95))
        XCTAssertEqual(lines, [
            "canary: scenario 2 Legacy Queue Row Migration: still running (1m35s)",
            "canary: scenario 3 Daemon Owner Mismatch Refusal: still running (45s)",
        ])
    }

    func testTheHeartbeatBeatsWhileAScenarioRunsAndStopsWithTheBundle() {
        let beats = Locked<[String]>([])
        let heartbeat = ProgressHeartbeat(interval: 0.05, running: {
            [.init(subject: "scenario 1 Fresh Authenticated Mission", startedAt: Date())]
        }, output: { line in beats.withLock { $0.append(line) } })
        heartbeat.start()
        let deadline = Date().addingTimeInterval(5)
        while beats.current.count < 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        heartbeat.stop()
        let count = beats.current.count
        XCTAssertGreaterThanOrEqual(count, 2)
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(beats.current.count, count, "no beat after stop")
    }

    func testDuringBeatsOnlyWhileTheBodyRunsAndNotAtAllWithoutAnInterval() {
        let beats = Locked<[String]>([])
        let value = ProgressHeartbeat.during("gate: CANARY_RUN: the canary", every: 0.05, output: { line in beats.withLock { $0.append(line) } }) {
            Thread.sleep(forTimeInterval: 0.3)
            return 7
        }
        XCTAssertEqual(value, 7)
        let count = beats.current.count
        XCTAssertGreaterThanOrEqual(count, 2)
        XCTAssertTrue(beats.current.allSatisfy { $0.hasPrefix("gate: CANARY_RUN: the canary: still running (") }, "\(beats.current)")
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(beats.current.count, count, "no beat after the body returned")

        let silent = Locked<[String]>([])
        ProgressHeartbeat.during("quiet", every: nil, output: { line in silent.withLock { $0.append(line) } }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTAssertEqual(silent.current, [])
    }
}
