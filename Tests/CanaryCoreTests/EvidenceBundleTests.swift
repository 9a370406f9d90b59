import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// The one bundle API: claim, write once, seal, verify, read back.
final class EvidenceBundleTests: XCTestCase {
    func testAClaimedBundleIsWrittenOnceSealedAndVerified() throws {
        let root = try TemporaryDirectory("bundle")
        defer { root.remove() }
        let bundle = try EvidenceBundle.claim(root: root.url, tag: "3.2.7")
        XCTAssertEqual(bundle.directory.lastPathComponent, "3.2.7-attempt1")
        XCTAssertEqual(try EvidenceBundle.claim(root: root.url, tag: "3.2.7").directory.lastPathComponent, "3.2.7-attempt2",
                       "an attempt is never claimed twice")

        let run = try RunDocumentCoding.encode(RunDocumentFixtures.run())
        try bundle.write(run, to: "runs/run-1.json")
        XCTAssertThrowsError(try bundle.write(Data("{}".utf8), to: "runs/run-1.json"), "evidence is never overwritten")
        XCTAssertEqual(EvidenceBundle.latestWithRuns(root: root.url, tag: "3.2.7")?.directory.lastPathComponent, "3.2.7-attempt1",
                       "attempt2 holds no run yet")

        try bundle.seal(runs: 1)
        XCTAssertEqual(try Data(contentsOf: bundle.directory.appendingPathComponent("latest.json")), run, "latest.json is the newest run")
        XCTAssertTrue(try bundle.verify().isIntact)
        XCTAssertEqual(bundle.verdict(expectedRuns: 1).exitCode, 0)
        XCTAssertEqual(EvidenceBundle.latestWithRuns(root: root.url, tag: "3.2.7"), bundle, "the newest attempt that holds a run")
    }
}
