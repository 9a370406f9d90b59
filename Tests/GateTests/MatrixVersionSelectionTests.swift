import CanaryCore
import CanaryGate
import XCTest

/// What `canary matrix --list` prints: the index's or the given versions, within a line, or the newest RC as the gate picks it.
final class MatrixVersionSelectionTests: XCTestCase {
    private func versions(_ texts: [String]) throws -> [SpecKittyVersion] { try texts.map { try SpecKittyVersion($0) } }

    func testTheIndexListsOldestFirstWithoutDevBuildsRepeatsOrNonVersions() throws {
        let index = ["3.2.7", "3.2.0rc16.dev1", "4.0.0rc7", "3.2.0rc13", "not-a-version", "3.2.0", "3.2.7"]
        XCTAssertEqual(MatrixVersionSelection.fromIndex(index), try versions(["3.2.0rc13", "3.2.0", "3.2.7", "4.0.0rc7"]))
    }

    func testALineKeepsItsVersionsInTheirOrder() throws {
        let given = try versions(["3.2.7", "4.0.0rc7", "3.2.0rc13"])
        XCTAssertEqual(try MatrixVersionSelection.select(given, line: ReleaseLine("3.2"), newestReleaseCandidate: false),
                       try versions(["3.2.7", "3.2.0rc13"]))
        XCTAssertEqual(try MatrixVersionSelection.select(given, line: nil, newestReleaseCandidate: false), given)
        XCTAssertThrowsError(try MatrixVersionSelection.select(given, line: ReleaseLine("3.1"), newestReleaseCandidate: false))
    }

    func testTheNewestRCIsTheGatesPick() throws {
        let given = try versions(["3.2.7", "3.2.0rc22", "3.2.0rc13", "4.0.0rc7"])
        XCTAssertEqual(try MatrixVersionSelection.select(given, line: nil, newestReleaseCandidate: true), try versions(["4.0.0rc7"]))
        XCTAssertEqual(try MatrixVersionSelection.select(given, line: ReleaseLine("3.2"), newestReleaseCandidate: true),
                       try versions(["3.2.0rc22"]))
        XCTAssertThrowsError(try MatrixVersionSelection.select(try versions(["3.2.7"]), line: nil, newestReleaseCandidate: true)) { error in
            XCTAssertTrue("\(error)".hasPrefix("no version to list: no release candidate"), "\(error)")
        }
    }
}
