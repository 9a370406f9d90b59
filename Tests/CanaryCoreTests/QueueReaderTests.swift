import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class QueueReaderTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory("queue-reader")
    }

    override func tearDown() {
        directory.remove()
        super.tearDown()
    }

    // MARK: 3.2.7 project store

    func testProjectStoreEventsAreDecodedFromBase64Envelopes() throws {
        let reader = try QueueReader(url: RecordedOutputs.copy("cli-3.2.7/sync.db", into: directory.url))
        XCTAssertEqual(reader.layout, .projectStore)
        let events = try reader.events()
        XCTAssertEqual(events.count, 17)
        XCTAssertEqual(events.map(\.sequence), events.map(\.sequence).sorted())
        XCTAssertEqual(Set(events.map(\.eventType)), ["BuildRegistered", "WPStatusChanged", "WPCreated", "HistoryAdded"])
        XCTAssertTrue(events.allSatisfy { $0.state == "pending" })
        let first = try XCTUnwrap(events.first)
        XCTAssertEqual(first.envelope["event_id"]?.stringValue, first.eventID)
        XCTAssertEqual(first.envelope["project_uuid"]?.stringValue, "d93c6e1c-439d-4f06-96d5-69a5a4618ea1")
        XCTAssertEqual(first.envelope["schema_version"]?.stringValue, "3.0.0")
    }

    func testLatestStatusChangeIsTheForcedRollbackFromReview() throws {
        let reader = try QueueReader(url: RecordedOutputs.copy("cli-3.2.7/sync.db", into: directory.url))
        let changes = try reader.statusChanges(wpID: "WP01")
        XCTAssertEqual(changes.map { "\($0.fromLane ?? "-")>\($0.toLane ?? "-")" }, [
            "genesis>planned", "planned>claimed", "claimed>in_progress", "in_progress>for_review",
            "for_review>in_review", "in_review>planned",
        ])
        let latest = try XCTUnwrap(reader.latestStatusChange(wpID: "WP01"))
        XCTAssertEqual(latest.eventID, "01M89NNX9EKZRADZV01G2VS013")
        XCTAssertEqual(latest.force, true)
        XCTAssertTrue(latest.reason?.hasPrefix("backward rewind: in_review -> planned") ?? false)
        XCTAssertEqual(latest.reviewRef, "review-cycle://canary-mission-01M89NJ2/WP01-canary-transition/review-cycle-1.md")
        // move-task --json reported 01M89NNX41629CHXAM2P5AK6GB: the status event, not the sync event.
        XCTAssertEqual(latest.causationID, "01M89NNX41629CHXAM2P5AK6GB")
        XCTAssertEqual(latest.state, "pending")
        XCTAssertTrue(latest.isForcedRollbackFromReview)
        XCTAssertFalse(changes[4].isForcedRollbackFromReview, "for_review -> in_review is the #1141 signature")
        XCTAssertNil(try reader.latestStatusChange(wpID: "WP99"))
    }

    func testProjectStoreCounts() throws {
        let counts = try QueueReader(url: RecordedOutputs.copy("cli-3.2.7/sync.db", into: directory.url)).counts()
        XCTAssertEqual(counts.events, 17)
        XCTAssertEqual(counts.bodyUploads, 1)
        XCTAssertEqual(counts.eventsByState, ["pending": 17])
    }

    func testReaderSeesRowsAddedAfterItOpened() throws {
        let url = try RecordedOutputs.copy("cli-3.2.7/sync.db", into: directory.url)
        let reader = try QueueReader(url: url)
        XCTAssertEqual(try reader.events().count, 17)
        let writer = try SQLiteDatabase(url: url, mode: .readWrite)
        try writer.execute("PRAGMA foreign_keys = OFF")
        try writer.execute("DELETE FROM outbox_tasks WHERE task_id LIKE 'event:01M89NH7%'")
        XCTAssertEqual(try reader.counts().eventsByState["none"], 2, "entries without an outbox task have no state")
    }

    // MARK: Journal record decoding

    func testJournalRecordEncodings() throws {
        let envelope = #"{"event_id":"e1","event_type":"WPStatusChanged","payload":{"wp_id":"WP01"}}"#
        let base64 = Data(envelope.utf8).base64EncodedString()
        let decoded = try QueueReader.decodeJournalRecord(#"{"payload":"\#(base64)","payload_encoding":"base64"}"#)
        XCTAssertEqual(decoded["event_id"]?.stringValue, "e1")
        let inline = try QueueReader.decodeJournalRecord(#"{"payload":\#(envelope),"payload_encoding":"json"}"#)
        XCTAssertEqual(inline["payload"]?["wp_id"]?.stringValue, "WP01")
        XCTAssertThrowsError(try QueueReader.decodeJournalRecord(#"{"payload":"%%%","payload_encoding":"base64"}"#, entryID: "x")) { error in
            XCTAssertEqual(error as? QueueReader.ReadError, .undecodablePayload(eventID: "x", reason: "payload is not base64 JSON"))
        }
    }

    func testTopLevelTransitionFieldsOfRc13AreAFallback() {
        let envelope: JSONValue = .object([
            ("aggregate_id", .string("WP02")), ("force", .bool(true)), ("from_lane", .string("in_review")),
            ("payload", .object([("to_lane", .string("planned")), ("reason", .string("backward rewind: x"))])),
            ("to_lane", .string("ignored-because-payload-wins")),
        ])
        let change = StatusChange(QueuedEvent(eventID: "e", eventType: "WPStatusChanged", envelope: envelope, state: "queued", sequence: 1))
        XCTAssertEqual(change?.workPackageID, "WP02")
        XCTAssertEqual(change?.toLane, "planned")
        XCTAssertEqual(change?.fromLane, "in_review")
        XCTAssertEqual(change?.force, true)
        XCTAssertNil(StatusChange(QueuedEvent(eventID: "e", eventType: "WPCreated", envelope: envelope, state: nil, sequence: 1)))
    }

    // MARK: 3.2.0 legacy queue

    func testLegacyQueueWrittenByTheReal320() throws {
        let reader = try QueueReader(url: RecordedOutputs.copy("cli-3.2.0/queue.db", into: directory.url))
        XCTAssertEqual(reader.layout, .legacyQueue)
        let events = try reader.events()
        XCTAssertEqual(events.count, 9)
        XCTAssertEqual(events.first?.eventType, "BuildRegistered")
        XCTAssertEqual(events.first?.envelope["drain_blocked_reason"]?.stringValue, "no_auth")
        XCTAssertTrue(events.contains { $0.eventType == "MissionCreated" })
        XCTAssertEqual(try reader.counts(), QueueCounts(events: 9, bodyUploads: 0, eventsByState: ["queued": 9]))
    }

    func testUnknownLayoutIsRefused() throws {
        let url = directory.url.appendingPathComponent("other.db")
        try SQLiteDatabase(url: url, mode: .create).execute("CREATE TABLE t (v INTEGER)")
        XCTAssertThrowsError(try QueueReader(url: url)) { error in
            XCTAssertEqual(error as? QueueReader.ReadError, .unknownLayout(path: url.path, tables: ["t"]))
        }
    }
}
