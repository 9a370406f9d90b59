import CanaryCore
import CanaryTestSupport
import Foundation
import Glibc
import SaaSStandIn
import XCTest

/// The real `spec-kitty` CLI, unmodified, against the stand-in: login, project set-up,
/// a mission, `sync now`, `sync status --check`; then a second account in a second
/// home whose events must stay apart from the first's.
///
/// The CLI comes from `SPEC_KITTY_BIN`, else `scripts/bootstrap-spec-kitty.sh` (which
/// installs the pinned version from PyPI on first use). `STANDIN_SKIP_REAL_CLI=1` skips.
final class StandInRealCLITests: StandInTestCase {
    private var cli = ""

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        if ProcessInfo.processInfo.environment["STANDIN_SKIP_REAL_CLI"] == "1" {
            throw XCTSkip("STANDIN_SKIP_REAL_CLI=1")
        }
        cli = try PinnedCLI.locate()
    }

    func testRealCLILogsInSyncsAndEachAccountStaysInsideItsOwnBoundary() throws {
        let server = try startServer(StandInConfiguration(profile: .instant))
        let admin = server.client()
        let root = try temporaryDirectory()

        let first = try Workspace(root: root.appendingPathComponent("first"), server: server, cli: cli)
        defer { first.assertNoDaemonLeft() }
        let firstAccount = try admin.createAccount(email: "first@standin.invalid", name: "First")
        let firstProject = try first.loginAndSetUpProject(as: firstAccount, admin: admin)
        XCTAssertTrue(try admin.requestLog(account: firstAccount.userID).contains { $0.path == "/api/v1/me" && $0.status == 200 })

        try first.run(["agent", "mission", "create", "canary-first", "--mission-type", "software-dev", "--json"])
        let report = try first.syncNow()
        let delivered = report["delivered"]?.integerValue ?? 0
        XCTAssertGreaterThanOrEqual(delivered, 1, "sync now delivered nothing: \(report)")

        // The witness: what arrived came under the first account, and only from its project.
        let firstEnvelopes = try admin.envelopes(account: firstAccount.userID)
        XCTAssertEqual(firstEnvelopes.count, delivered)
        XCTAssertEqual(Set(firstEnvelopes.map(\.projectUUID)), [firstProject])
        XCTAssertEqual(Set(try admin.envelopes(project: firstProject).map(\.account)), [firstAccount.userID])
        XCTAssertEqual(Set(try admin.receipts().map(\.account)), [firstAccount.userID], "no other identity delivered anything")
        XCTAssertTrue(firstEnvelopes.contains { $0.envelope["payload"]?["namespace"]?["mission_slug"]?.stringValue?.hasPrefix("canary-first") == true
                                                || $0.envelope["payload"]?["mission_slug"]?.stringValue?.hasPrefix("canary-first") == true },
                      "a mission event of canary-first arrived")

        let status = try first.run(["sync", "status", "--check", "--json"])
        let statusJSON = try JSONDecoder().decode(JSONValue.self, from: Data(status.stdout.utf8))
        XCTAssertEqual(statusJSON["ok"], .bool(true), status.stdout)
        XCTAssertEqual(statusJSON["target_authority"]?["resolved_server_url"], .string(server.baseURL.absoluteString))
        // 3.2.7's --json form does not ping; the text form does, through /api/v1/sync/health/.
        let ping = try first.run(["sync", "status", "--check"])
        XCTAssertTrue(ping.stdout.contains("Server reachable, authentication valid."), ping.stdout)
        XCTAssertTrue(try admin.requestLog(account: firstAccount.userID).contains { $0.path == "/api/v1/sync/health/" && $0.status == 200 })

        // A second account in a second home.
        let firstRequestsBefore = try admin.requestLog(account: firstAccount.userID).count
        let second = try Workspace(root: root.appendingPathComponent("second"), server: server, cli: cli)
        defer { second.assertNoDaemonLeft() }
        let secondAccount = try admin.createAccount(email: "second@standin.invalid", name: "Second")
        let secondProject = try second.loginAndSetUpProject(as: secondAccount, admin: admin)
        XCTAssertNotEqual(secondProject, firstProject)
        try second.run(["agent", "mission", "create", "canary-second", "--mission-type", "software-dev", "--json"])
        let secondDelivered = try second.syncNow()["delivered"]?.integerValue ?? 0
        XCTAssertGreaterThanOrEqual(secondDelivered, 1)

        let secondEnvelopes = try admin.envelopes(account: secondAccount.userID)
        XCTAssertEqual(secondEnvelopes.count, secondDelivered)
        XCTAssertEqual(Set(secondEnvelopes.map(\.projectUUID)), [secondProject])
        XCTAssertTrue(Set(secondEnvelopes.map(\.eventID)).isDisjoint(with: firstEnvelopes.map(\.eventID)))
        XCTAssertEqual(try admin.envelopes(account: firstAccount.userID), firstEnvelopes, "the first account's witness is untouched")
        XCTAssertEqual(Set(try admin.envelopes(project: firstProject).map(\.account)), [firstAccount.userID])
        XCTAssertEqual(Set(try admin.envelopes(project: secondProject).map(\.account)), [secondAccount.userID])
        XCTAssertEqual(try admin.requestLog(account: firstAccount.userID).count, firstRequestsBefore,
                       "nothing in the second home spoke as the first account")
        XCTAssertEqual(try admin.counts(account: secondAccount.userID).syncEventCount, secondDelivered)
    }
}
