import CanaryCore
@testable import CanaryScenarios
import XCTest

/// A red verdict beside a daemon that appeared mid-run is the host's, never the CLI's.
final class HostNotIsolatedVerdictTests: XCTestCase {
    func testARedVerdictBesideAStrangerBecomesHostNotIsolatedQuotingTheOriginal() {
        let red = ScenarioFailure(.cliCommandFailed, "sync status --check exit 2: orphan records 1")
        let judged = ScenarioExecution.judged(red, beside: [HostSyncDaemon(pid: 4242, home: "/home/someone")])
        XCTAssertEqual(judged.mode, .harnessHostNotIsolated)
        XCTAssertTrue(judged.details.contains("pid 4242 (home /home/someone)"), judged.details)
        XCTAssertTrue(judged.details.contains("it appeared during the scenario"), judged.details)
        XCTAssertTrue(judged.details.contains("not trusted: cli.command_failed: sync status --check exit 2"), judged.details)
    }

    func testWithoutAStrangerTheVerdictStands() {
        let red = ScenarioFailure(.boundaryForeignRowsLeaked, "arm B account: ...")
        XCTAssertEqual(ScenarioExecution.judged(red, beside: []), red)
    }
}
