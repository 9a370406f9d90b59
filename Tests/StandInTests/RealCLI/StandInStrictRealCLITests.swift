import CanaryCore
import CanaryTestSupport
import Foundation
import SaaSStandIn
import XCTest

/// Strict consumer mode against the pinned CLI: a whole mission lifecycle of a real
/// `spec-kitty` (3.2.7 by default) synced to a stand-in that validates every envelope
/// with spec-kitty-events, as the hosted server does. Nothing conforming may be refused:
/// a false red here would make the canary cry wolf on every release.
///
/// `STANDIN_SKIP_REAL_CLI=1` skips (as `StandInRealCLITests`); an uninstallable validator
/// venv skips with the reason.
final class StandInStrictRealCLITests: StandInTestCase {
    private var cli = ""

    override func setUpWithError() throws {
        TestHeartbeat.install(self)
        if ProcessInfo.processInfo.environment["STANDIN_SKIP_REAL_CLI"] == "1" {
            throw XCTSkip("STANDIN_SKIP_REAL_CLI=1")
        }
        cli = try PinnedCLI.locate()
    }

    func testThePinnedCLIsMissionLifecyclePassesStrictValidationWithoutAFalseRed() throws {
        // The strictest combination: the deployed profile's ingress rule plus validation.
        let server = try startServer(StandInConfiguration(profile: .deployedDev202605,
                                                          payloadValidation: try EventsValidatorFixture.settings()))
        let admin = server.client()
        let workspace = try Workspace(root: try temporaryDirectory(), server: server, cli: cli)
        defer { workspace.assertNoDaemonLeft() }
        let account = try admin.createAccount(email: "strict@standin.invalid", name: "Strict")
        _ = try workspace.loginAndSetUpProject(as: account, admin: admin)
        try workspace.runMissionLifecycle(label: "canary-strict")

        let report = try workspace.syncNow()
        let selected = report["selected"]?.integerValue ?? 0
        XCTAssertGreaterThan(selected, 0, "the lifecycle queued events: \(report)")
        XCTAssertEqual(report["rejected"]?.integerValue, 0, "a conforming CLI was refused: \(report["failures"] ?? .null)")
        XCTAssertEqual(report["transient"]?.integerValue, 0, "\(report["failures"] ?? .null)")
        XCTAssertEqual(report["terminal_failed"]?.integerValue, 0)
        XCTAssertEqual((report["delivered"]?.integerValue ?? 0) + (report["pending"]?.integerValue ?? 0), selected)

        // The witness: every envelope arrived and was answered `queued`; no batch was refused.
        let envelopes = try admin.envelopes(account: account.userID)
        XCTAssertEqual(envelopes.count, selected)
        XCTAssertEqual(Set(try admin.receipts(account: account.userID).map(\.status)), ["queued"])
        let refusals = try admin.requestLog(account: account.userID).filter { $0.path.hasPrefix("/api/v1/events/batch") && $0.status != 200 }
        XCTAssertEqual(refusals.map(\.status), [], "no batch was refused")

        // What the lifecycle must have exercised for this to prove anything.
        let types = Set(envelopes.compactMap(\.eventType))
        XCTAssertTrue(types.isSuperset(of: ["WPCreated", "WPStatusChanged", "BuildRegistered"]), "\(types.sorted())")
        let rollback = envelopes.first { $0.eventType == "WPStatusChanged" && $0.envelope["payload"]?["to_lane"] == .string("planned")
                                         && $0.envelope["payload"]?["from_lane"] == .string("in_review") }
        XCTAssertEqual(rollback?.envelope["payload"]?["force"], .bool(true), "the rollback reached the server forced")
        XCTAssertTrue(rollback?.envelope["payload"]?["reason"]?.stringValue?.hasPrefix("backward rewind: in_review -> planned") == true)
        XCTAssertNotNil(rollback?.envelope["payload"]?["review_ref"]?.stringValue)

        // Validated at the version the CLI itself pulls, as the hosted server reports it.
        let version = try admin.health()["spec_kitty_events"]?.stringValue
        XCTAssertEqual(version, PayloadValidation.pinnedEventsVersion)
        if let pulled = Self.eventsVersionBeside(cli) { XCTAssertEqual(version, pulled, "the CLI's own spec-kitty-events") }
    }

    /// The spec-kitty-events version installed in the CLI's venv, if it is one.
    private static func eventsVersionBeside(_ cli: String) -> String? {
        let lib = URL(fileURLWithPath: cli).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for python in pythons {
            let packages = lib.appendingPathComponent(python).appendingPathComponent("site-packages").path
            let infos = (try? FileManager.default.contentsOfDirectory(atPath: packages)) ?? []
            if let info = infos.first(where: { $0.hasPrefix("spec_kitty_events-") && $0.hasSuffix(".dist-info") }) {
                return String(info.dropFirst("spec_kitty_events-".count).dropLast(".dist-info".count))
            }
        }
        return nil
    }
}
