import CanaryCore
import CanaryGate
import CanaryTestSupport
import XCTest

final class PEP440ReleaseSelectionTests: XCTestCase {
    func testReleaseLineHoldsItsVersionsOnly() throws {
        let line = try ReleaseLine("3.2")
        for inside in ["3.2", "3.2.0", "3.2.0rc15", "3.2.6rc2", "3.2.6.2", "3.2.7"] {
            XCTAssertTrue(line.contains(try SpecKittyVersion(inside)), inside)
        }
        for outside in ["3.20", "3.1.10", "4.0.0rc7", "3", "1!3.2.0"] {
            XCTAssertFalse(line.contains(try SpecKittyVersion(outside)), outside)
        }
        XCTAssertTrue(try ReleaseLine("3.2.0").contains(try SpecKittyVersion("3.2.0rc45")))
        XCTAssertFalse(try ReleaseLine("3.2.0").contains(try SpecKittyVersion("3.2.6rc2")))
    }

    func testReleaseLineRejectsPreReleases() {
        XCTAssertThrowsError(try ReleaseLine("3.2rc1"))
        XCTAssertThrowsError(try ReleaseLine("three"))
    }

    func testPicksNewestRCInLineFromTheRecordedIndex() throws {
        let listed = try PipIndexVersions.parse(RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt"))
        let selection = ReleaseCandidateSelection.pick(from: listed.versions, line: try ReleaseLine("3.2"))
        XCTAssertEqual(selection.chosen?.description, "3.2.6rc2")
        XCTAssertEqual(
            selection.reason,
            "3.2.6rc2 is the newest of 43 release candidates in line 3.2 "
                + "(newest in line 3.2 overall: 3.2.7; newest prerelease on the index: 4.0.0rc7)"
        )
    }

    func testANamedCandidateIsTakenWhenListedAndTheReasonSaysSo() throws {
        let listed = try PipIndexVersions.parse(RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt"))
        let named = ReleaseCandidateSelection.named(try SpecKittyVersion("3.2.7"), from: listed.versions, line: try ReleaseLine("3.2"))
        XCTAssertEqual(named.chosen?.description, "3.2.7")
        XCTAssertEqual(named.reason, "3.2.7 named by --candidate, not picked from the index (the newest RC in line 3.2 is 3.2.6rc2)")

        let missing = ReleaseCandidateSelection.named(try SpecKittyVersion("3.2.8rc1"), from: listed.versions, line: nil)
        XCTAssertNil(missing.chosen, "a version the index does not list cannot be installed from it")
        XCTAssertEqual(missing.reason, "3.2.8rc1 (named by --candidate) is not on the index among \(listed.versions.count) listed versions")
        XCTAssertEqual(GateTransition.next(.at(.blockersVerified), .releaseCandidate(ReleaseCandidateObservation(
            baseline: GateOptions.defaultBaseline, selection: missing))).stopReport?.stoppedAt, .blockersVerified)
    }

    func testWithoutALineTheNewestPrereleaseOnTheIndexIsChosen() throws {
        let listed = try PipIndexVersions.parse(RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt"))
        let selection = ReleaseCandidateSelection.pick(from: listed.versions, line: nil)
        XCTAssertEqual(selection.chosen?.description, "4.0.0rc7")
        XCTAssertEqual(selection.reason, "4.0.0rc7 is the newest of 50 release candidates on the index (no release line given)")
    }

    func testNarrowLinePicksAmongThatReleasesRCs() throws {
        let listed = try PipIndexVersions.parse(RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt"))
        let selection = ReleaseCandidateSelection.pick(from: listed.versions, line: try ReleaseLine("3.2.0"))
        XCTAssertEqual(selection.chosen?.description, "3.2.0rc45")
    }

    func testIgnoresAlphasBetasDevBuildsAndGarbage() throws {
        let selection = ReleaseCandidateSelection.pick(
            from: ["3.2.0rc15", "3.2.0rc16.dev1", "3.2.1b1", "3.2.1a3", "not-a-version"], line: try ReleaseLine("3.2")
        )
        XCTAssertEqual(selection.chosen?.description, "3.2.0rc15")
        XCTAssertEqual(selection.candidateCount, 1)
        XCTAssertEqual(
            selection.reason,
            "3.2.0rc15 is the newest of 1 release candidates in line 3.2 "
                + "(newest in line 3.2 overall: 3.2.1b1; 1 dev build(s) of RCs ignored; not PEP 440, ignored: not-a-version)"
        )
    }

    func testPostReleaseOfAnRCCountsAsThatRC() throws {
        let selection = ReleaseCandidateSelection.pick(from: ["3.2.0rc16", "3.2.0rc16.post1"], line: nil)
        XCTAssertEqual(selection.chosen?.description, "3.2.0rc16.post1")
    }

    func testSaysSoWhenTheLineHasNoRC() throws {
        let selection = ReleaseCandidateSelection.pick(from: ["3.1.10", "3.2.7"], line: try ReleaseLine("3.3"))
        XCTAssertNil(selection.chosen)
        XCTAssertEqual(selection.reason, "no release candidate in line 3.3 among 2 listed versions")
    }
}

extension PEP440ReleaseSelectionTests {
    /// pip lists versions newest first, sorted by the `packaging` library: our order must agree on all of them.
    func testAgreesWithPipsOrderOnEveryRecordedVersion() throws {
        let listed = try PipIndexVersions.parse(RecordedOutputs.text("pip-index-versions-spec-kitty-cli-pre.stdout.txt"))
        let versions = try listed.versions.map(SpecKittyVersion.init)
        XCTAssertEqual(versions.count, 173)
        XCTAssertEqual(versions.sorted(by: >).map(\.description), versions.map(\.description))
    }
}
