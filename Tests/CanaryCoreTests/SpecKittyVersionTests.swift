import CanaryCore
import XCTest

final class SpecKittyVersionTests: XCTestCase {
    func testParsesReleasesAndPrereleases() throws {
        let rc = try XCTUnwrap(SpecKittyVersion("3.2.0rc13"))
        XCTAssertEqual(rc.major, 3)
        XCTAssertEqual(rc.patch, 0)
        XCTAssertEqual(rc.prerelease?.tag, "rc")
        XCTAssertEqual(rc.prerelease?.number, 13)
        XCTAssertNil(SpecKittyVersion("3.2.7")?.prerelease)
        XCTAssertNil(SpecKittyVersion("3.2"))
        XCTAssertNil(SpecKittyVersion("3.2.x"))
        XCTAssertNil(SpecKittyVersion("3.2.0rc"))
    }

    func testOrdersPrereleasesBeforeTheirRelease() throws {
        let ordered = ["3.2.0rc13", "3.2.0rc15", "3.2.0rc22", "3.2.0", "3.2.3", "3.2.7", "4.0.0rc7", "4.0.0"]
        let versions = ordered.compactMap(SpecKittyVersion.init)
        XCTAssertEqual(versions.count, ordered.count)
        XCTAssertEqual(versions.sorted().map(\.description), ordered)
        XCTAssertEqual(SpecKittyVersion("3.2.7"), SpecKittyVersion(" 3.2.7 "))
    }

    func testGenerationsTable() throws {
        func version(_ text: String) throws -> SpecKittyVersion { try XCTUnwrap(SpecKittyVersion(text)) }
        XCTAssertTrue(try version("3.2.2").usesDotSpecKittyRuntimeRoot)
        XCTAssertFalse(try version("3.2.3").usesDotSpecKittyRuntimeRoot)
        XCTAssertTrue(try version("3.2.5").readsServerURLFromConfig)
        XCTAssertFalse(try version("3.2.6").readsServerURLFromConfig)
        XCTAssertFalse(try version("3.2.5").hasProjectStore)
        XCTAssertTrue(try version("3.2.7").hasProjectStore)
        XCTAssertTrue(try version("3.2.7").hasSyncSurface)
        XCTAssertFalse(try version("4.0.0rc7").hasSyncSurface)
    }
}
