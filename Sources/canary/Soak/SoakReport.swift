import Foundation

/// What the soak tried and what survived, line by line and in sum.
struct SoakReport {
    /// One probe's finding.
    struct Finding: Equatable {
        /// The probe's name, e.g. `crlf-flood`.
        var probe: String
        /// What it did to the server.
        var tried: String
        /// What the server did.
        var outcome: String
        /// Whether that is what a server that holds up does.
        var held: Bool
        /// How long `/health/` took to answer right after (nil: it did not answer).
        var healthSeconds: Double?
    }

    private(set) var findings: [Finding] = []
    /// Times the stand-in exited on its own.
    var crashes = 0
    /// Times it was killed with SIGKILL on purpose.
    var kills = 0
    /// Events the server acknowledged before a kill.
    var acknowledged = 0
    /// Of those, events the restarted server did not have.
    var lost = 0
    /// Accepted inputs whose witness bytes were compared.
    var witnessCompared = 0
    /// Of those, the ones whose witness bytes differed from what was sent.
    var witnessDiffering = 0
    /// The slowest `/health/` answer seen under load, in seconds.
    var slowestHealth = 0.0
    /// Times `/health/` did not answer within its deadline.
    var healthMisses = 0

    /// Records a finding and returns its console line.
    mutating func record(_ finding: Finding) -> String {
        findings.append(finding)
        if let seconds = finding.healthSeconds { slowestHealth = max(slowestHealth, seconds) } else { healthMisses += 1 }
        let health = finding.healthSeconds.map { String(format: "/health/ in %.0f ms", $0 * 1000) } ?? "/health/ did not answer"
        return "soak: \(finding.held ? "held" : "FAILED") \(finding.probe): \(finding.tried) -> \(finding.outcome); \(health)"
    }

    /// Whether everything held: no failed probe, no crash, nothing lost, the witness exact, `/health/` always answering.
    var passed: Bool {
        findings.allSatisfy(\.held) && crashes == 0 && lost == 0 && witnessDiffering == 0 && healthMisses == 0
    }

    /// The closing lines.
    var summary: [String] {
        [
            "soak: \(findings.count) probes, \(findings.filter { !$0.held }.count) failed",
            "soak: \(crashes) crashes; acknowledged events lost across \(kills) kill -9: \(lost) of \(acknowledged)",
            String(format: "soak: /health/ answered after every probe and under every load: %@ (slowest %.0f ms, %d missed)",
                   healthMisses == 0 ? "yes" : "NO", slowestHealth * 1000, healthMisses),
            "soak: witness byte-identical for \(witnessCompared - witnessDiffering) of \(witnessCompared) accepted inputs",
            "soak: \(passed ? "pass" : "FAIL")",
        ]
    }
}
