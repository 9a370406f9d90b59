import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class SyncNowSummaryTests: XCTestCase {
    // MARK: Recorded

    func testOrphanRefusalFrom327() throws {
        let summary = SyncNowSummary.parse(try RecordedOutputs.text("cli-3.2.7/sync-now-refused-orphan.stdout.txt"))
        let refusal = try XCTUnwrap(summary.refusal)
        XCTAssertEqual(refusal.command, "spec-kitty sync now")
        XCTAssertEqual(refusal.mismatchedFieldCount, 0)
        XCTAssertEqual(refusal.orphanRecordCount, 1)
        XCTAssertEqual(refusal.legacyRowsInScope, 0)
        XCTAssertNil(summary.eventSync)
        XCTAssertTrue(summary.isRecognized)
    }

    func testLegacyRowRefusalFrom320AndRc13() throws {
        let v320 = SyncNowSummary.parse(try RecordedOutputs.text("cli-3.2.0/sync-now-refused-legacy-rows.stdout.txt"))
        XCTAssertEqual(v320.refusal?.legacyRowsInScope, 9)
        let rc13 = SyncNowSummary.parse(try RecordedOutputs.text("cli-3.2.0rc13/sync-now-refused-legacy-rows.stdout.txt"))
        XCTAssertEqual(rc13.refusal?.legacyRowsInScope, 2)
        XCTAssertEqual(rc13.refusal?.orphanRecordCount, 0)
    }

    func testLoggedOutSyncIsGated() throws {
        let summary = SyncNowSummary.parse(try RecordedOutputs.text("cli-3.2.7/sync-now-logged-out.stdout.txt"))
        XCTAssertEqual(summary.gatedReason, "private_teamspace, auth_present")
        XCTAssertNil(summary.refusal)
        XCTAssertNil(summary.eventSync)
    }

    func testReportFileFrom327() throws {
        let report = try SyncNowReport.parse(Data(RecordedOutputs.text("cli-3.2.7/sync-now-logged-out.report.json").utf8))
        XCTAssertEqual(report.counts.selected, 69)
        XCTAssertEqual(report.counts.delivered, 0)
        XCTAssertEqual(report.counts.terminalFailed, 0)
        XCTAssertEqual(report.failures, [])
        XCTAssertEqual(report.raw["dispatched"]?.boolValue, true)
    }

    // MARK: Formats taken from the CLI source (no server to record them against yet)

    func testEventSyncLine() {
        // 3.2.7 `_print_dispatch_summary`, with Rich markup removed by NO_COLOR.
        let output = "Event sync (TEAMSPACE): delivered 5  duplicate 1  pending 2  rejected 0  transient 0  terminal-failed 0  (selected 8)\n"
        let counts = SyncNowSummary.parse(output).eventSync
        XCTAssertEqual(counts, .init(mode: "TEAMSPACE", delivered: 5, duplicate: 1, pending: 2, rejected: 0,
                                     transient: 0, terminalFailed: 0, selected: 8))
        XCTAssertNil(SyncNowSummary.parseEventSyncLine("Event sync (TEAMSPACE):"))
        XCTAssertNil(SyncNowSummary.parseEventSyncLine("Event sync (TEAMSPACE): delivered 5"))
    }

    func testLegacySummaryWithCategoriesAndRemainder() {
        // rc13 `_print_sync_summary` + `format_sync_summary` + batch's remainder line.
        let output = """
        Synced: 0  Duplicates: 0  Errors: 3
          unknown: 3  -- Inspect the failure report for details: --report <file.json>
        Remaining in queue: 3 events
        """
        let legacy = SyncNowSummary.parse(output).legacy
        XCTAssertEqual(legacy?.synced, 0)
        XCTAssertEqual(legacy?.errors, 3)
        XCTAssertNil(legacy?.pending)
        XCTAssertEqual(legacy?.categories, ["unknown": 3])
        XCTAssertEqual(legacy?.remainingInQueue, 3)
    }

    func testLegacySummaryWithPendingAndTheBatchModulesCommaForm() {
        XCTAssertEqual(SyncNowSummary.parse("Synced: 4  Duplicates: 1  Pending: 2  Errors: 0").legacy?.pending, 2)
        let batch = SyncNowSummary.parseSyncedLine("Synced: 42, Duplicates: 3, Failed: 60")
        XCTAssertEqual(batch?.synced, 42)
        XCTAssertEqual(batch?.duplicates, 3)
        XCTAssertEqual(batch?.errors, 60)
    }

    func testEmptyQueueAndDiagnostics() {
        let summary = SyncNowSummary.parse("Queue is empty, nothing to sync.\n")
        XCTAssertTrue(summary.queueEmpty)
        XCTAssertTrue(summary.isRecognized)
        let diagnostic = SyncNowSummary.parse("sync_diagnostic severity=error diagnostic_code=sync.event_loop_unavailable\n")
        XCTAssertTrue(diagnostic.eventLoopUnavailable)
        XCTAssertTrue(SyncNowSummary.parse("╭─ TeamSpace Migration Required ─╮").teamspaceMigrationRequired)
        XCTAssertFalse(SyncNowSummary.parse("something else entirely").isRecognized)
    }

    func testReportMissingACountIsNamed() {
        XCTAssertThrowsError(try SyncNowReport.parse(Data(#"{"selected": 1}"#.utf8))) { error in
            XCTAssertEqual(error as? StatusParseError, .missingField("delivered"))
        }
    }
}
