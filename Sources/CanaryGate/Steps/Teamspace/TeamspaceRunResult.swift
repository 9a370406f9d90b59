import CanaryCore
import Foundation

/// One Teamspace run: what it exited with and what its JUnit report says.
public struct TeamspaceRunResult: Codable, Equatable, Sendable {
    /// 1 to 4.
    public let run: Int
    /// The command's exit status.
    public let exitStatus: Int32
    /// Where its output was written.
    public let logPath: String
    /// Where its JUnit XML was expected.
    public let junitPath: String
    /// The report's totals, nil when there was no readable report.
    public let junit: GateJUnitTotals?

    /// Creates a result.
    public init(run: Int, exitStatus: Int32, logPath: String, junitPath: String, junit: GateJUnitTotals?) {
        self.run = run
        self.exitStatus = exitStatus
        self.logPath = logPath
        self.junitPath = junitPath
        self.junit = junit
    }

    /// Why this run does not count as a pass; nil when it does.
    ///
    /// Exit 0 alone is not enough: a filter that matches no test also exits 0,
    /// so a pass needs a report with at least one test case and no failure.
    public var problem: String? {
        var problems: [String] = []
        if exitStatus != 0 { problems.append("exit \(exitStatus)") }
        if let junit {
            if junit.tests == 0 { problems.append("its JUnit report has no test cases (does the suite exist?)") }
            if junit.failures > 0 || junit.errors > 0 {
                problems.append("JUnit: \(junit.failures) failure(s), \(junit.errors) error(s)")
            }
        } else {
            problems.append("no readable JUnit report at \(junitPath)")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
