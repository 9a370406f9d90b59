import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class SyncStatusReportTests: XCTestCase {
    // MARK: 3.2.7 JSON

    func testLoggedOutJSONFrom327() throws {
        let report = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-logged-out.json"))
        XCTAssertEqual(report.source, .json)
        XCTAssertEqual(report.ok, false)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertEqual(report.foreground.packageVersion, "3.2.7")
        XCTAssertNil(report.foreground.serverURL)
        XCTAssertNil(report.foreground.teamOrUser)
        XCTAssertEqual(report.daemonOwnerRecord.status, "absent")
        XCTAssertNil(report.daemonOwnerRecord.identity.pid)
        XCTAssertTrue(report.activeQueue.path.hasSuffix("/projects/d93c6e1c-439d-4f06-96d5-69a5a4618ea1/sync/sync.db"))
        XCTAssertEqual(report.activeQueue.eventCount, 69)
        XCTAssertEqual(report.activeQueue.bodyUploadCount, 5)
        XCTAssertEqual(report.legacyQueue.path, "/tmp/skx/home/queue.db")
        XCTAssertEqual(report.legacyQueue.rowsInScope, 0)
        XCTAssertEqual(report.mismatches, [])
        XCTAssertEqual(report.orphanRecords, [])
        XCTAssertEqual(report.targetAuthority?["env_server_url"]?.stringValue, "http://127.0.0.1:9")
        XCTAssertEqual(report.eventJournal?["retained_event_count"]?.intValue, 69)
        XCTAssertNotNil(report.raw?["per_project_store"])
    }

    func testTextActivePathIsDescriptiveWhileJSONNamesTheRealStore() throws {
        let json = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-logged-out.json"))
        let text = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-logged-out.txt"))
        XCTAssertEqual(text.source, .text)
        XCTAssertEqual(text.activeQueue.path, "/tmp/skx/home/queue.db")
        XCTAssertNotEqual(text.activeQueue.path, json.activeQueue.path)
        XCTAssertEqual(text.activeQueue.eventCount, json.activeQueue.eventCount)
        XCTAssertEqual(text.activeQueue.bodyUploadCount, json.activeQueue.bodyUploadCount)
        XCTAssertEqual(text.foreground.packageVersion, "3.2.7")
        XCTAssertNil(text.foreground.serverURL, "<unset> reads as nil")
        XCTAssertEqual(text.daemonOwnerRecord.status, "absent")
        XCTAssertEqual(text.mismatchCount, 0)
        XCTAssertEqual(text.orphanRecordCount, 0)
        XCTAssertEqual(text.mismatchedFields, [])
        XCTAssertEqual(text.failures, [
            "Hosted SaaS sync is enabled but no authenticated identity is available — run `spec-kitty auth login`.",
        ])
    }

    func testWithoutACheckoutTheJSONStillCarriesEveryRequiredField() throws {
        let report = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-no-checkout.json"))
        XCTAssertEqual(report.activeQueue.path, "/tmp/skx/home/queue.db")
        XCTAssertEqual(report.raw?["active_queue"]?["available"]?.boolValue, false)
        let text = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-no-checkout.txt"))
        XCTAssertEqual(text.failures.count, 2)
    }

    // MARK: Orphan owner record (forged, dead pid)

    func testOrphanRecordJSONListsTheRecordButNamesNoFields() throws {
        let report = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-orphan.json"))
        XCTAssertEqual(report.daemonOwnerRecord.status, "orphan")
        XCTAssertEqual(report.daemonOwnerRecord.port, 9449)
        XCTAssertEqual(report.daemonOwnerRecord.identity.packageVersion, "0.0.0-forged")
        XCTAssertEqual(report.orphanRecordCount, 1)
        XCTAssertEqual(report.orphanRecords.first?.pid, 999_999)
        XCTAssertEqual(report.orphanRecords.first?.sourcePath, "/opt/forged/src")
        XCTAssertEqual(report.mismatches, [])
        XCTAssertEqual(report.namedFields, [], "3.2.7's JSON names an orphan's fields nowhere")
    }

    func testOrphanRecordTextNamesTheComparedFields() throws {
        let report = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-orphan.txt"))
        XCTAssertEqual(report.daemonOwnerRecord.status, "orphan")
        XCTAssertEqual(report.daemonOwnerRecord.identity.pid, 999_999)
        XCTAssertEqual(report.daemonOwnerRecord.identity.teamOrUser, "foreign@example.invalid/foreign-team")
        XCTAssertEqual(report.orphanRecordCount, 1)
        XCTAssertEqual(report.mismatchCount, 0)
        XCTAssertEqual(report.mismatchedFields, ["package_version", "executable_path", "server_url", "auth_scope", "queue_db_path"])
        XCTAssertEqual(report.namedFields, Set(DaemonOwnerRecord.Field.compared.map(\.rawValue)))
        XCTAssertTrue(report.failures.first?.contains("orphan daemon record") ?? false)
    }

    // MARK: Older generations

    func testLegacyRowsInScopeFrom320() throws {
        let json = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.0/sync-status-check-legacy-rows.json"))
        XCTAssertEqual(json.legacyQueue.rowsInScope, 9)
        XCTAssertEqual(json.activeQueue.path, json.legacyQueue.path)
        XCTAssertNil(json.targetAuthority, "3.2.0 has no target_authority")
        XCTAssertNil(json.eventJournal)
        let text = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.0/sync-status-check-legacy-rows.txt"))
        XCTAssertEqual(text.legacyQueue.rowsInScope, 9)
        XCTAssertEqual(text.activeQueue.path, "/tmp/skx320/home/.spec-kitty/queue.db")
        XCTAssertTrue(text.failures.contains { $0.contains("9 row(s) pending migration") })
    }

    func testRc13RichTableVariant() throws {
        let text = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.0rc13/sync-status-check-legacy-rows.txt"))
        XCTAssertEqual(text.foreground.packageVersion, "3.2.0rc13")
        XCTAssertEqual(text.activeQueue.path, "/tmp/skxrc13/home/.spec-kitty/queue.db")
        XCTAssertEqual(text.activeQueue.eventCount, 2)
        XCTAssertEqual(text.legacyQueue.rowsInScope, 2)
        XCTAssertEqual(text.daemonOwnerRecord.status, "absent")
        XCTAssertEqual(text.mismatchedFields, [])
        XCTAssertEqual(text.failures.count, 2)
        let json = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.0rc13/sync-status-check-legacy-rows.json"))
        XCTAssertEqual(json.legacyQueue.rowsInScope, 2)
    }

    // MARK: Mismatch detail (shape from the 3.2.7 source; no live daemon was available to record)

    func testMismatchJSONFieldsLoseTheirDaemonPrefix() throws {
        var object = try jsonObject("cli-3.2.7/sync-status-check-logged-out.json")
        object["mismatches"] = [
            ["field": "daemon_package_version", "foreground_value": "3.2.7", "daemon_value": "0.0.0", "remediation_hint": "restart"],
            ["field": "server_url", "foreground_value": "http://localhost:1", "daemon_value": "http://127.0.0.1:1", "remediation_hint": NSNull()],
        ]
        let report = try SyncStatusReport.parse(String(decoding: JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        XCTAssertEqual(report.mismatchCount, 2)
        XCTAssertEqual(report.mismatches.first?.remediationHint, "restart")
        XCTAssertEqual(report.namedFields, ["package_version", "server_url"])
    }

    func testMismatchDetailTableInText() throws {
        let recorded = try RecordedOutputs.text("cli-3.2.7/sync-status-check-logged-out.txt")
        let withMismatch = recorded
            .replacingOccurrences(of: "Mismatches              0", with: "Mismatches              1")
            .replacingOccurrences(of: "Mismatched fields       none", with: "Mismatched fields       daemon_server_url")
            .replacingOccurrences(of: "Orphan daemon records   0\n\n", with: """
            Orphan daemon records   0

                         Mismatch Detail
             Field              Foreground            Daemon
             daemon_server_url  http://localhost:9    http://127.0.0.1:9


            """)
        let report = try SyncStatusReport.parse(withMismatch)
        XCTAssertEqual(report.mismatchCount, 1)
        XCTAssertEqual(report.mismatches.map(\.field), ["daemon_server_url"])
        XCTAssertEqual(report.mismatches.first?.daemonValue, "http://127.0.0.1:9")
        XCTAssertEqual(report.namedFields, ["server_url"])
    }

    // MARK: Unparseable output names the field

    func testMissingJSONFieldIsNamed() throws {
        var object = try jsonObject("cli-3.2.7/sync-status-check-logged-out.json")
        var active = object["active_queue"] as! [String: Any]
        active["path"] = nil
        object["active_queue"] = active
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        XCTAssertThrowsError(try SyncStatusReport.parse(text)) { error in
            XCTAssertEqual(error as? StatusParseError, .missingField("active_queue.path"))
        }
        active["path"] = "/tmp/sync.db"
        object["active_queue"] = active
        object["legacy_queue"] = nil
        XCTAssertThrowsError(try SyncStatusReport.parseJSON(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))) { error in
            XCTAssertEqual(error as? StatusParseError, .missingField("legacy_queue.path"))
        }
    }

    func testMissingTextRowIsNamed() throws {
        let recorded = try RecordedOutputs.text("cli-3.2.7/sync-status-check-logged-out.txt")
        let lines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
        let activeHeader = try XCTUnwrap(lines.firstIndex(of: "Active queue:"))
        var edited = lines
        edited.remove(at: activeHeader + 1) // its Path row: rc13's original failure
        XCTAssertThrowsError(try SyncStatusReport.parse(edited.joined(separator: "\n"))) { error in
            XCTAssertEqual(error as? StatusParseError, .missingField("active_queue.path"))
        }
        XCTAssertThrowsError(try SyncStatusReport.parse("Spec Kitty Sync Status\n Queue  0 event(s)\n")) { error in
            XCTAssertEqual(error as? StatusParseError, .missingBlock("Identity Boundary"))
        }
        XCTAssertThrowsError(try SyncStatusReport.parse("{not json")) { error in
            guard case .notJSON = error as? StatusParseError else { return XCTFail("\(error)") }
        }
    }

    private func jsonObject(_ fixture: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(RecordedOutputs.text(fixture).utf8)) as! [String: Any]
    }
}
