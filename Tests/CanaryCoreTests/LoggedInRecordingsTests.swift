import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// Parsers against 3.2.7 output recorded while logged in to the stand-in
/// (`Fixtures/cli-3.2.7-standin/`), including a real daemon and a real
/// foreground/daemon mismatch (`127.0.0.1` vs `localhost`).
final class LoggedInRecordingsTests: XCTestCase {
    private let folder = "cli-3.2.7-standin"

    func testSyncNowDeliveredEverythingSelected() throws {
        let summary = SyncNowSummary.parse(try RecordedOutputs.text("\(folder)/sync-now.stdout.txt"))
        let counts = try XCTUnwrap(summary.eventSync)
        XCTAssertEqual(counts.mode, "TEAMSPACE")
        XCTAssertEqual(counts.delivered, 69)
        XCTAssertEqual(counts.selected, 69)
        XCTAssertTrue(counts.nothingRefused)
        let report = try SyncNowReport.parse(Data(try RecordedOutputs.text("\(folder)/sync-now.report.json").utf8))
        XCTAssertEqual(report.counts.delivered, counts.delivered)
        XCTAssertEqual(report.failures, [])
    }

    func testSecondSyncNowSelectsNothing() throws {
        // Exit 1 under --strict: nothing new selected while delivered rows remain.
        let summary = SyncNowSummary.parse(try RecordedOutputs.text("\(folder)/sync-now-nothing-new.stdout.txt"))
        XCTAssertEqual(summary.eventSync?.selected, 0)
        XCTAssertNil(summary.refusal)
        XCTAssertEqual(try SyncNowReport.parse(Data(try RecordedOutputs.text("\(folder)/sync-now-nothing-new.report.json").utf8)).counts.selected, 0)
    }

    func testCoherentStatusNamesTheTeamAndTheServer() throws {
        let json = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-before-mission.json"))
        XCTAssertEqual(json.ok, true)
        XCTAssertEqual(json.exitCode, 0)
        XCTAssertEqual(json.foreground.teamOrUser, "recorder@standin.invalid/team-user-1")
        XCTAssertEqual(json.foreground.serverURL, "http://127.0.0.1:34813")
        XCTAssertTrue(json.activeQueue.path.hasSuffix("/sync/sync.db"))
        let text = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-before-mission.txt"))
        XCTAssertTrue(text.activeQueue.path.contains("/queues/queue-"), "logged in, the text path names a scope queue")
        XCTAssertEqual(text.failures, [])
    }

    func testLiveDaemonIsPresentAndCoherent() throws {
        let json = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-daemon-present.json"))
        XCTAssertEqual(json.daemonOwnerRecord.status, "present")
        XCTAssertEqual(json.daemonOwnerRecord.identity.pid, 18886)
        XCTAssertEqual(json.daemonOwnerRecord.port, 9400)
        XCTAssertEqual(json.exitCode, 0)
        let text = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-daemon-present.txt"))
        XCTAssertEqual(text.daemonOwnerRecord.status, "present")
    }

    func testRealMismatchIsNamedInBothForms() throws {
        let json = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-daemon-mismatch.json"))
        XCTAssertEqual(json.exitCode, 2)
        XCTAssertEqual(json.mismatches.map(\.field), ["daemon_server_url", "daemon_queue_db_path"])
        XCTAssertEqual(json.mismatches.first?.foregroundValue, "http://localhost:34813")
        XCTAssertEqual(json.mismatches.first?.daemonValue, "http://127.0.0.1:34813")
        XCTAssertNotNil(json.mismatches.first?.remediationHint)
        XCTAssertEqual(json.namedFields, ["server_url", "queue_db_path"])

        let text = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-daemon-mismatch.txt"))
        XCTAssertEqual(text.mismatchCount, 2)
        XCTAssertEqual(text.mismatchedFields, ["daemon_server_url", "daemon_queue_db_path"])
        XCTAssertEqual(text.mismatches.map(\.field), ["daemon_server_url", "daemon_queue_db_path"], "the Mismatch Detail table")
        XCTAssertEqual(text.mismatches.first?.daemonValue, "http://127.0.0.1:34813")
        XCTAssertEqual(text.namedFields, ["server_url", "queue_db_path"])
        XCTAssertEqual(text.failures, ["foreground/daemon disagree on D-3 field(s): server_url, queue_db_path"])

        let refusal = SyncNowSummary.parse(try RecordedOutputs.text("\(folder)/sync-now-refused-mismatch.stdout.txt")).refusal
        XCTAssertEqual(refusal?.mismatchedFieldCount, 2)
        XCTAssertEqual(refusal?.orphanRecordCount, 0)
    }

    func testForgedRecordWithTheLiveDaemonsPidIsStillAnOrphan() throws {
        let json = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-forged-live-pid.json"))
        XCTAssertEqual(json.daemonOwnerRecord.status, "orphan")
        XCTAssertEqual(json.mismatches, [])
        XCTAssertEqual(json.orphanRecordCount, 1)
        let text = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-forged-live-pid.txt"))
        XCTAssertEqual(text.namedFields, Set(DaemonOwnerRecord.Field.compared.map(\.rawValue)))
        let refusal = SyncNowSummary.parse(try RecordedOutputs.text("\(folder)/sync-now-refused-forged-live-pid.stdout.txt")).refusal
        XCTAssertEqual(refusal?.orphanRecordCount, 1)
    }

    func testLegacyQueueIsNeitherCountedNorRefusedBy327() throws {
        let json = try SyncStatusReport.parse(try RecordedOutputs.text("\(folder)/sync-status-check-with-legacy-queue.json"))
        XCTAssertEqual(json.exitCode, 0, "a 9-row 3.2.0 queue.db does not make 3.2.7 incoherent")
        XCTAssertEqual(json.legacyQueue.eventCount, 0)
        XCTAssertEqual(json.legacyQueue.rowsInScope, 0)
        XCTAssertEqual(json.raw?["legacy_queue"]?["inspected"]?.boolValue, false)
    }

    func testDaemonFilesWrittenByTheRealDaemon() throws {
        // Tokens in these two files were replaced by a placeholder before committing.
        let record = try DaemonOwnerRecord.parse(Data(try RecordedOutputs.text("\(folder)/owner.json").utf8))
        XCTAssertEqual(record.pid, 18886)
        XCTAssertEqual(record.port, 9400)
        XCTAssertEqual(record.packageVersion, "3.2.7")
        XCTAssertEqual(record.serverURL, "http://127.0.0.1:34813")
        XCTAssertEqual(record.authPrincipal, "daemon@standin.invalid")
        XCTAssertEqual(record.authTeam, "team-user-2")
        XCTAssertEqual(record.authScope?.count, 64)
        XCTAssertEqual(try DaemonOwnerRecord.parse(record.encoded()), record)
        let address = try XCTUnwrap(DaemonAddress.parse(try RecordedOutputs.text("\(folder)/sync-daemon")))
        XCTAssertEqual(address.url, "http://localhost:9400")
        XCTAssertEqual(address.port, record.port)
        XCTAssertEqual(address.pid, record.pid)
    }

    func testDeliveryOutcomesOfTheStoreAfterSyncNow() throws {
        let directory = try TemporaryDirectory("logged-in-store")
        defer { directory.remove() }
        let reader = try QueueReader(url: RecordedOutputs.copy("\(folder)/sync.db", into: directory.url))
        let counts = try reader.counts()
        XCTAssertEqual(counts.events, 17)
        XCTAssertEqual(counts.eventsByState, ["pending": 17], "3.2.7 leaves the outbox state at pending after delivery")
        XCTAssertEqual(counts.eventsByDeliveryOutcome, ["delivered": 15], "the two capture-only events are never sent")
        let latest = try XCTUnwrap(reader.latestStatusChange(wpID: "WP01"))
        XCTAssertTrue(latest.isForcedRollbackFromReview)
        XCTAssertEqual(latest.deliveryOutcome, "delivered")
        let undelivered = try reader.events().filter { $0.deliveryOutcome == nil }
        XCTAssertEqual(undelivered.map(\.eventType), ["BuildRegistered", "BuildRegistered"])
    }
}
