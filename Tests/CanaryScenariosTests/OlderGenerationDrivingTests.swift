import CanaryCore
import CanaryScenarios
import CanaryTestSupport
import Foundation
import XCTest

/// How the fixture drives 3.2.0 and its RCs, checked on what those CLIs printed against the stand-in.
final class OlderGenerationDrivingTests: XCTestCase {
    func testAnOlderAuthStatusNamesTheTeamByNameOnly() throws {
        let text = try RecordedOutputs.text("cli-3.2.0rc13-standin/auth-status.stdout.txt")
        XCTAssertFalse(text.contains("slug:"), "rc13 prints no slug")
        XCTAssertTrue(ScenarioFixture.sessionNamesTeam(text, slug: "private-user-1", name: "Canary scenario 1"))
        XCTAssertFalse(ScenarioFixture.sessionNamesTeam(text, slug: "private-user-1", name: "Canary scenario 2"))
        XCTAssertFalse(ScenarioFixture.sessionNamesTeam(text, slug: "private-user-1", name: ""))
    }

    func testTheCurrentAuthStatusStillMatchesBySlug() throws {
        let text = try RecordedOutputs.text("cli-3.2.7-standin/auth-status.stdout.txt")
        XCTAssertTrue(ScenarioFixture.sessionNamesTeam(text, slug: "private-user-1", name: "someone else"))
    }

    func testSetupPlanWaitingForItsTemplateIsRecognised() throws {
        let blocked = try RecordedOutputs.text("cli-3.2.0rc13-standin/setup-plan-template-blocked.json")
        let reason = try XCTUnwrap(ScenarioFixture.planTemplateBlock(blocked))
        XCTAssertTrue(reason.hasPrefix("plan.md content is not substantive yet"), reason)
        XCTAssertNil(ScenarioFixture.planTemplateBlock(try RecordedOutputs.text("cli-3.2.7/setup-plan.json")))
    }

    func testThePlanFillsTheTechnicalContext() {
        let plan = MissionArtifacts().planMarkdown
        XCTAssertTrue(plan.contains("**Language/Version**: Swift"))
        XCTAssertTrue(plan.contains("**Primary Dependencies**: Foundation"))
        XCTAssertFalse(plan.contains("NEEDS CLARIFICATION"))
    }

    func testOnlyPreProjectStoreCLIsDeliverAtCommandExit() throws {
        XCTAssertTrue(try SpecKittyVersion("3.2.0rc13").deliversAtCommandExit)
        XCTAssertTrue(try SpecKittyVersion("3.2.5").deliversAtCommandExit)
        XCTAssertFalse(try SpecKittyVersion("3.2.7").deliversAtCommandExit)
    }
}
