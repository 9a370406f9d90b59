import CanaryCore
import Foundation
import SaaSStandIn
import XCTest

/// The strict consumer review names each way a strict server could refuse a conforming CLI,
/// or a lifecycle could prove nothing: each departure below, made to one passing run.
final class StrictConsumerReviewTests: XCTestCase {
    /// An accepted envelope as the stand-in's witness returns it; `payload` is JSON text.
    private func envelope(_ type: String, payload: String = "{}") throws -> StandInEnvelope {
        let json = """
            {"event_id": "\(UUID().uuidString)", "event_type": "\(type)", "account": "u1", "project_uuid": "p1",
             "status": "queued", "received_at": "2026-11-27T00:00:00Z",
             "envelope": {"event_type": "\(type)", "payload": \(payload)}}
            """
        return try JSONDecoder().decode(StandInEnvelope.self, from: Data(json.utf8))
    }

    private static let rollback = """
        {"from_lane": "in_review", "to_lane": "planned", "force": true,
         "reason": "backward rewind: in_review -> planned (needs rework)", "review_ref": "review-feedback.md"}
        """

    private func passing() throws -> StrictConsumerReview {
        let envelopes = [try envelope("WPCreated"), try envelope("BuildRegistered"), try envelope("WPStatusChanged"),
                         try envelope("WPStatusChanged", payload: Self.rollback)]
        return StrictConsumerReview(
            counts: SyncNowSummary.EventSyncCounts(mode: "report", delivered: 4, duplicate: 0, pending: 0, rejected: 0, transient: 0,
                                                   terminalFailed: 0, selected: 4),
            envelopes: envelopes, receiptStatuses: Array(repeating: "queued", count: 4), batchStatuses: [200],
            newEventStatus: "queued", validatorEventsVersion: PayloadValidation.pinnedEventsVersion,
            cliEventsVersion: PayloadValidation.pinnedEventsVersion)
    }

    /// The rollback envelope with `payload` (JSON text) instead.
    private func rollback(_ payload: String) throws -> StandInEnvelope {
        try envelope("WPStatusChanged", payload: payload)
    }

    private func assertFails(_ change: (inout StrictConsumerReview) throws -> Void, naming text: String, line: UInt = #line) throws {
        var review = try passing()
        try change(&review)
        XCTAssertTrue(review.failures.contains { $0.contains(text) }, "\(review.failures)", line: line)
    }

    func testAConformingRunPasses() throws {
        XCTAssertEqual(try passing().failures, [])
    }

    func testARefusalOrAnEventLeftBehindFails() throws {
        try assertFails({ $0.counts.rejected = 1; $0.counts.delivered = 3 }, naming: "1 rejected")
        try assertFails({ $0.counts.transient = 2 }, naming: "2 transient")
        try assertFails({ $0.counts.delivered = 3 }, naming: "delivered 3")
        try assertFails({ $0.batchStatuses = [200, 400] }, naming: "HTTP [400]")
        try assertFails({ $0.receiptStatuses[0] = "rejected" }, naming: "[\"rejected\"]")
        try assertFails({ $0.envelopes.removeFirst() }, naming: "holds 3 envelopes")
    }

    func testALifecycleThatSentNothingWorthValidatingFails() throws {
        try assertFails({ $0.counts = SyncNowSummary.EventSyncCounts(mode: "report", delivered: 0, duplicate: 0, pending: 0, rejected: 0,
                                                                  transient: 0, terminalFailed: 0, selected: 0) },
                    naming: "queued no events")
        try assertFails({ $0.envelopes.removeAll { $0.eventType == "BuildRegistered" } }, naming: "BuildRegistered")
        try assertFails({ $0.envelopes.removeLast() }, naming: "no rollback")
    }

    func testARollbackThatArrivesUnforcedOrWithoutItsReviewFails() throws {
        try assertFails({ $0.envelopes[3] = try rollback("""
            {"from_lane": "in_review", "to_lane": "planned", "force": false, "reason": "backward rewind: in_review -> planned",
             "review_ref": "r.md"}
            """) }, naming: "unforced")
        try assertFails({ $0.envelopes[3] = try rollback("""
            {"from_lane": "in_review", "to_lane": "planned", "force": true, "reason": "moved"}
            """) }, naming: "without its review_ref")
    }

    func testAValidatorOnAnotherEventsVersionFails() throws {
        try assertFails({ $0.validatorEventsVersion = nil }, naming: "validates with spec-kitty-events none")
        try assertFails({ $0.cliEventsVersion = "7.0.0" }, naming: "the CLI pulls spec-kitty-events 7.0.0")
    }
}
