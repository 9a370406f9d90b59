import CanaryCore
@testable import CanaryScenarios
import XCTest

/// The schedule runs the selected scenarios side by side within its width, each exactly once, and hands each test its own outcome.
final class ScenarioScheduleTests: XCTestCase {
    /// An execution that records how many scenarios were inside it at once.
    private final class Probe: @unchecked Sendable {
        let lock = Lock()
        var inside = 0
        var widest = 0
        var runs: [ScenarioID] = []
        let hold: TimeInterval

        init(hold: TimeInterval = 0.2) { self.hold = hold }

        func execute(_ scenario: ScenarioID) -> ScenarioOutcome {
            lock.withLock {
                inside += 1
                widest = max(widest, inside)
                runs.append(scenario)
            }
            Thread.sleep(forTimeInterval: hold)
            lock.withLock { inside -= 1 }
            let failure = scenario == .daemonOwnerMismatchRefusal ? ScenarioFailure(.boundaryRefusalMissing, "red \(scenario.rawValue)") : nil
            return ScenarioOutcome(scenario: scenario, failure: failure, interval: DateInterval(start: Date(), duration: hold))
        }
    }

    private func schedule(width: Int, _ probe: Probe, lines: Locked<[String]>? = nil) -> ScenarioSchedule {
        ScenarioSchedule(width: .success(width), execute: { probe.execute($0) },
                         output: { line in lines?.withLock { $0.append(line) } }, heartbeatInterval: nil)
    }

    func testAllFourRunAtOnceByDefaultAndEachTestGetsItsOwnOutcome() {
        let probe = Probe()
        let lines = Locked<[String]>([])
        let schedule = schedule(width: try! ScenarioJobs.width(environment: [:]), probe, lines: lines)
        let started = Date()
        schedule.start(ScenarioID.allCases)
        let outcomes = ScenarioID.allCases.map(schedule.outcome(for:))
        XCTAssertEqual(outcomes.map(\.scenario), ScenarioID.allCases)
        XCTAssertEqual(outcomes.map { $0.failure?.mode }, [nil, nil, .boundaryRefusalMissing, nil])
        XCTAssertEqual(probe.lock.withLock { probe.widest }, 4)
        XCTAssertEqual(probe.lock.withLock { probe.runs.sorted() }, ScenarioID.allCases, "each scenario runs exactly once")
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.2 * 3, "four 0.2 s scenarios side by side take about 0.2 s")
        let printed = lines.withLock { $0 }
        XCTAssertTrue(printed.contains { $0.contains("side by side, 4 at once (CANARY_JOBS=4)") }, "\(printed)")
        for id in ScenarioID.allCases {
            XCTAssertTrue(printed.contains("canary: scenario \(id.rawValue) \(id.name): started"), "every start line names its scenario: \(printed)")
        }
    }

    func testTheWidthBoundsHowManyRunAtOnce() {
        let probe = Probe(hold: 0.1)
        let schedule = schedule(width: 2, probe)
        schedule.start(ScenarioID.allCases)
        _ = ScenarioID.allCases.map(schedule.outcome(for:))
        XCTAssertEqual(probe.lock.withLock { probe.widest }, 2)
    }

    func testWidthOneStartsNothingAheadAndRunsEachInItsTestInOrder() {
        let probe = Probe(hold: 0.01)
        let schedule = schedule(width: 1, probe)
        schedule.start(ScenarioID.allCases)
        XCTAssertTrue(probe.lock.withLock { probe.runs }.isEmpty, "serial: nothing runs before its test asks")
        XCTAssertTrue(schedule.running.isEmpty)
        for id in ScenarioID.allCases.reversed() { _ = schedule.outcome(for: id) }
        XCTAssertEqual(probe.lock.withLock { probe.runs }, ScenarioID.allCases.reversed())
        XCTAssertEqual(probe.lock.withLock { probe.widest }, 1)
    }

    func testAScenarioRunAloneRunsInlineOnce() {
        let probe = Probe(hold: 0.01)
        let schedule = schedule(width: 4, probe)
        schedule.start([.reviewRejectionForceRequiredContract])
        XCTAssertTrue(probe.lock.withLock { probe.runs }.isEmpty, "one scenario is not started ahead of its test")
        XCTAssertEqual(schedule.outcome(for: .reviewRejectionForceRequiredContract).scenario, .reviewRejectionForceRequiredContract)
        XCTAssertEqual(probe.lock.withLock { probe.runs }, [.reviewRejectionForceRequiredContract])
    }

    func testRunningNamesTheScenariosInFlight() {
        let probe = Probe(hold: 0.3)
        let schedule = schedule(width: 4, probe)
        schedule.start([.freshAuthenticatedMission, .legacyQueueRowMigration])
        Thread.sleep(forTimeInterval: 0.1)
        XCTAssertEqual(schedule.running.map(\.scenario), [.freshAuthenticatedMission, .legacyQueueRowMigration])
        _ = schedule.outcome(for: .freshAuthenticatedMission)
        _ = schedule.outcome(for: .legacyQueueRowMigration)
        XCTAssertTrue(schedule.running.isEmpty)
    }

    func testAnInvalidJobsSettingFailsEveryScenarioAsAHarnessErrorWithoutRunningIt() {
        let probe = Probe(hold: 0)
        let width = Result { () throws(ScenarioJobs.Invalid) in try ScenarioJobs.width(environment: ["CANARY_JOBS": "zero"]) }
        let schedule = ScenarioSchedule(width: width, execute: { probe.execute($0) }, output: { _ in }, heartbeatInterval: nil)
        schedule.start(ScenarioID.allCases)
        let outcome = schedule.outcome(for: .freshAuthenticatedMission)
        XCTAssertEqual(outcome.failure?.mode, .harnessError)
        XCTAssertTrue(outcome.failure?.details.contains("CANARY_JOBS='zero' is not a whole number of at least 1") ?? false)
        XCTAssertTrue(probe.lock.withLock { probe.runs }.isEmpty)
    }

    func testJobsSettings() throws {
        XCTAssertEqual(try ScenarioJobs.width(environment: [:]), 4)
        XCTAssertEqual(try ScenarioJobs.width(environment: ["CANARY_JOBS": ""]), 4)
        XCTAssertEqual(try ScenarioJobs.width(environment: ["CANARY_JOBS": "1"]), 1)
        XCTAssertEqual(try ScenarioJobs.width(environment: ["CANARY_JOBS": " 8 "]), 8)
        XCTAssertThrowsError(try ScenarioJobs.width(environment: ["CANARY_JOBS": "0"]))
        XCTAssertThrowsError(try ScenarioJobs.width(environment: ["CANARY_JOBS": "-2"]))
    }

    func testThePrestartFindsTheSelectedScenariosInTheSuiteTree() {
        final class Case: XCTestCase {}
        let schedule = ScenarioSchedule(width: .success(4), execute: { ScenarioOutcome(scenario: $0, failure: nil, interval: DateInterval()) },
                                        output: { _ in }, heartbeatInterval: nil)
        let picks: [String: ScenarioID] = ["testA": .legacyQueueRowMigration, "testB": .reviewRejectionForceRequiredContract]
        let prestart = ScenarioPrestart(schedule: schedule) { test in picks[test.name.components(separatedBy: ".").last ?? ""] }
        let root = XCTestSuite(name: "Selected tests")
        let inner = XCTestSuite(name: "Inner")
        inner.addTest(Case(name: "testA", testClosure: { _ in }))
        inner.addTest(Case(name: "testOther", testClosure: { _ in }))
        root.addTest(inner)
        root.addTest(Case(name: "testB", testClosure: { _ in }))
        XCTAssertEqual(prestart.scenarios(in: root), [.legacyQueueRowMigration, .reviewRejectionForceRequiredContract])
    }
}
