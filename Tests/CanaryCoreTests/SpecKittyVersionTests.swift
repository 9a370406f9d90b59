import CanaryCore
import XCTest

final class SpecKittyVersionTests: XCTestCase {
    func testParsesReleasesAndPrereleases() throws {
        let rc = try SpecKittyVersion("3.2.0rc13")
        XCTAssertEqual(rc.release, [3, 2, 0])
        XCTAssertEqual(rc.pre, .init(.releaseCandidate, 13))
        XCTAssertNil(try SpecKittyVersion("3.2.7").pre)
        XCTAssertThrowsError(try SpecKittyVersion("3.2.x"))
        XCTAssertThrowsError(try SpecKittyVersion("latest"))
    }

    func testDescriptionIsTheTextAsGivenAndNormalizedIsPEP440s() throws {
        XCTAssertEqual(try SpecKittyVersion(" 3.2.0rc13\n").description, "3.2.0rc13")
        XCTAssertEqual(try SpecKittyVersion("3.2.0-RC.13").description, "3.2.0-RC.13")
        XCTAssertEqual(try SpecKittyVersion("3.2.0-RC.13").normalized, "3.2.0rc13")
        XCTAssertEqual(SpecKittyVersion(release: [3, 2, 0], pre: .init(.beta, 2)).description, "3.2.0b2")
    }

    func testParsesTheVersionSpecKittyPrints() throws {
        let output = "  banner\nspec-kitty-cli version 3.2.0rc22\n"
        let text = try XCTUnwrap(SpecKittyLocator.parseVersion(output))
        XCTAssertEqual(try SpecKittyVersion(text).description, "3.2.0rc22")
    }

    func testOrdersPrereleasesBeforeTheirRelease() throws {
        let ordered = ["3.2.0rc13", "3.2.0rc15", "3.2.0rc22", "3.2.0", "3.2.3", "3.2.7", "4.0.0rc7", "4.0.0"]
        let versions = try ordered.map(SpecKittyVersion.init)
        XCTAssertEqual(versions.shuffled().sorted().map(\.description), ordered)
        XCTAssertEqual(try SpecKittyVersion("3.2.7"), try SpecKittyVersion(" 3.2.7 "))
    }

    /// String order put `dev` after `b` and `rc16` before `rc9`; PEP 440 puts dev first and numbers in numeric order.
    func testOrdersDevAlphaBetaRCFinalPostAndNumbersNumerically() throws {
        let ordered = ["3.2.0.dev1", "3.2.0a1", "3.2.0a2", "3.2.0b1", "3.2.0b10", "3.2.0rc9", "3.2.0rc16", "3.2.0",
                       "3.2.0.post1", "3.2.1.dev0"]
        let versions = try ordered.map(SpecKittyVersion.init)
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            XCTAssertLessThan(lower, higher)
            XCTAssertFalse(higher < lower, "\(higher) < \(lower)")
        }
        XCTAssertEqual(versions.reversed().sorted().map(\.description), ordered)
        XCTAssertLessThan(try SpecKittyVersion("3.2.0dev1"), try SpecKittyVersion("3.2.0b1"))
    }

    func testGenerationsTable() throws {
        func version(_ text: String) throws -> SpecKittyVersion { try SpecKittyVersion(text) }
        XCTAssertTrue(try version("3.2.2").usesDotSpecKittyRuntimeRoot)
        XCTAssertTrue(try version("3.2.3rc1").usesDotSpecKittyRuntimeRoot)
        XCTAssertFalse(try version("3.2.3").usesDotSpecKittyRuntimeRoot)
        XCTAssertTrue(try version("3.2.5").readsServerURLFromConfig)
        XCTAssertFalse(try version("3.2.6").readsServerURLFromConfig)
        XCTAssertFalse(try version("3.2.5").hasProjectStore)
        XCTAssertFalse(try version("3.2.6.dev1").hasProjectStore)
        XCTAssertTrue(try version("3.2.7").hasProjectStore)
        XCTAssertTrue(try version("3.2.7").hasSyncSurface)
        XCTAssertFalse(try version("4.0.0rc7").hasSyncSurface)
    }

    func testKnownVerdictsAndTheMatrixMatchVersionsInAnySpelling() throws {
        XCTAssertEqual(KnownVerdicts.cells(for: "3.2.0-RC.13"), KnownVerdicts.cells(for: "3.2.0rc13"))
        XCTAssertFalse(KnownVerdicts.cells(for: "3.2.0rc13").isEmpty)
        XCTAssertEqual(try MatrixVersionList.parse(["3.2.7", "3.2.7.0", "3.2.0rc9"]).map(\.description), ["3.2.7", "3.2.0rc9"])
    }
}
