import CanaryCore
import CanaryGate
import CanaryTestSupport
import Foundation
import XCTest

/// A gate attempt is claimed through the core's one claim: numbered from 1, never reused.
final class DirectoryArtifactStoreTests: XCTestCase {
    func testAttemptsAreClaimedInOrderAndNeverShared() throws {
        let root = try TemporaryDirectory("gate-work")
        defer { root.remove() }
        let first = try DirectoryArtifactStore.nextAttempt(in: root.url.path)
        let second = try DirectoryArtifactStore.nextAttempt(in: root.url.path)
        XCTAssertEqual(URL(fileURLWithPath: first.location).lastPathComponent, "attempt-1")
        XCTAssertEqual(URL(fileURLWithPath: second.location).lastPathComponent, "attempt-2")
        XCTAssertEqual(try first.write("report", named: "gate-report.txt"), first.path(of: "gate-report.txt"))
        XCTAssertFalse(second.exists("gate-report.txt"))
    }
}
