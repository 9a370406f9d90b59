import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class DaemonOwnerRecordTests: XCTestCase {
    private let record = DaemonOwnerRecord(
        pid: 4242, port: 9400, token: "secret", packageVersion: "3.2.7",
        executablePath: "/usr/bin/python3.11", sourceCheckoutPath: "/venv/lib/python3.11",
        serverURL: "http://127.0.0.1:8080", authPrincipal: "canary@example.invalid", authTeam: "canary-team",
        authScope: "scope-1", queueDBPath: "/home/queue.db", startedAt: "2026-11-25T00:00:00+00:00"
    )

    func testWriteReadRemoveRoundTrip() throws {
        let directory = try TemporaryDirectory("owner-record")
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("home/sync/daemon/owner.json")
        XCTAssertNil(try DaemonOwnerRecord.read(at: url))
        try record.write(to: url)
        XCTAssertEqual(try DaemonOwnerRecord.read(at: url), record)
        XCTAssertTrue(try DaemonOwnerRecord.remove(at: url))
        XCTAssertFalse(try DaemonOwnerRecord.remove(at: url))
    }

    func testEncodingUsesTheCanonicalKeysSorted() throws {
        let text = String(decoding: record.encoded(), as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        XCTAssertEqual(Set(object.keys), Set(DaemonOwnerRecord.Field.allCases.map(\.rawValue)))
        XCTAssertEqual(object["pid"] as? Int, 4242)
        let keyOrder = DaemonOwnerRecord.Field.allCases.map(\.rawValue).sorted()
        let positions = keyOrder.map { text.range(of: "\"\($0)\"")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertTrue(text.hasSuffix("\n"))
    }

    func testParsesTheRecordTheOrphanFixtureWasMadeFrom() throws {
        // The exact owner.json behind cli-3.2.7/sync-status-check-orphan.*, written as the CLI writes it.
        let forged = """
        {
          "auth_principal": "foreign@example.invalid",
          "auth_scope": "foreign-scope",
          "auth_team": "foreign-team",
          "executable_path": "/opt/forged/bin/python3",
          "package_version": "0.0.0-forged",
          "pid": 999999,
          "port": 9449,
          "queue_db_path": "/tmp/forged/queue.db",
          "server_url": "http://forged.invalid",
          "source_checkout_path": "/opt/forged/src",
          "started_at": "2026-01-01T00:00:00+00:00",
          "token": "forged-token"
        }
        """
        let parsed = try DaemonOwnerRecord.parse(Data(forged.utf8))
        XCTAssertEqual(parsed.pid, 999_999)
        XCTAssertEqual(parsed.authScope, "foreign-scope")
        XCTAssertEqual(parsed[.sourceCheckoutPath], "/opt/forged/src")
        let status = try SyncStatusReport.parse(RecordedOutputs.text("cli-3.2.7/sync-status-check-orphan.json"))
        XCTAssertEqual(status.daemonOwnerRecord.identity.packageVersion, parsed.packageVersion)
        XCTAssertEqual(status.daemonOwnerRecord.identity.queueDBPath, parsed.queueDBPath)
    }

    func testMissingFieldIsNamedAndNullOptionalsAreAccepted() throws {
        var object = try JSONSerialization.jsonObject(with: record.encoded()) as! [String: Any]
        object["auth_scope"] = NSNull()
        let withNull = try DaemonOwnerRecord.parse(JSONSerialization.data(withJSONObject: object))
        XCTAssertNil(withNull.authScope)
        object["queue_db_path"] = nil
        XCTAssertThrowsError(try DaemonOwnerRecord.parse(JSONSerialization.data(withJSONObject: object))) { error in
            XCTAssertEqual(error as? DaemonOwnerRecord.ReadError, .missingField("queue_db_path"))
        }
        XCTAssertThrowsError(try DaemonOwnerRecord.parse(Data("[1]".utf8))) { error in
            XCTAssertEqual(error as? DaemonOwnerRecord.ReadError, .notAnObject)
        }
    }

    func testForgingChangesExactlyTheNamedFields() {
        let fields: [DaemonOwnerRecord.Field] = [.packageVersion, .executablePath, .serverURL, .queueDBPath, .authScope]
        let forged = record.forging(fields)
        for field in DaemonOwnerRecord.Field.allCases {
            if fields.contains(field) {
                XCTAssertNotEqual(forged[field], record[field], field.rawValue)
            } else {
                XCTAssertEqual(forged[field], record[field], field.rawValue)
            }
        }
        XCTAssertEqual(forged.pid, record.pid)
    }

    func testHarnessShortNamesMapToCanonicalNamesInOnePlace() {
        XCTAssertEqual(DaemonOwnerRecord.Field(anyName: "version"), .packageVersion)
        XCTAssertEqual(DaemonOwnerRecord.Field(anyName: "source"), .sourceCheckoutPath)
        XCTAssertEqual(DaemonOwnerRecord.Field(anyName: "server"), .serverURL)
        XCTAssertEqual(DaemonOwnerRecord.Field(anyName: "queue_db"), .queueDBPath)
        XCTAssertEqual(DaemonOwnerRecord.Field(anyName: "daemon_server_url"), .serverURL)
        XCTAssertEqual(DaemonOwnerRecord.Field(anyName: "auth_scope"), .authScope)
        XCTAssertNil(DaemonOwnerRecord.Field(anyName: "colour"))
        XCTAssertEqual(DaemonOwnerRecord.Field.compared.map(\.rawValue),
                       ["package_version", "executable_path", "server_url", "auth_scope", "queue_db_path"])
    }

    func testDaemonAddressFile() throws {
        let address = DaemonAddress.parse("http://127.0.0.1:9401\n9401\ntok\n777\n")
        XCTAssertEqual(address, DaemonAddress(url: "http://127.0.0.1:9401", port: 9401, token: "tok", pid: 777))
        XCTAssertEqual(DaemonAddress.parse("http://127.0.0.1:9401\n\n9401\n")?.port, 9401, "blank lines are skipped, as the CLI does")
        XCTAssertNil(DaemonAddress.parse("\n\n"))
        XCTAssertNil(DaemonAddress.parse("u\nnot-a-port")?.port)
        XCTAssertNil(try DaemonAddress.read(at: URL(fileURLWithPath: "/nonexistent/sync-daemon")))
    }
}
