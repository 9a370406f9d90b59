import CanaryCore
import Foundation
import XCTest

/// The one `drain_queue` type: the stand-in writes it whole, the gate reads what a deployed server sends.
final class DrainQueueCountsTests: XCTestCase {
    func testReadsAPartialAnswerAndIsReadyOnlyOnAKnownZero() throws {
        let partial = try JSONDecoder().decode(DrainQueueCounts.self, from: Data(#"{"terminal_failed_count": 0}"#.utf8))
        XCTAssertEqual(partial, DrainQueueCounts(terminalFailedCount: 0, businessRuleRejectedCount: nil))
        XCTAssertTrue(partial.isReady)
        XCTAssertFalse(try JSONDecoder().decode(DrainQueueCounts.self, from: Data("{}".utf8)).isReady)
    }

    func testWritesEveryFieldWithNothingPendingAsNull() throws {
        let counts = DrainQueueCounts(status: "ok", oldestPendingAgeSeconds: nil, retryableCount: 0,
                                      terminalFailedCount: 0, businessRuleRejectedCount: 3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(counts), as: UTF8.self),
                       #"{"business_rule_rejected_count":3,"oldest_pending_age_seconds":null,"retryable_count":0,"status":"ok","terminal_failed_count":0}"#)
        XCTAssertEqual(try JSONDecoder().decode(DrainQueueCounts.self, from: try encoder.encode(counts)), counts)
    }
}
