/// Renders a `ProtocolVerdict` as Markdown for a CI job summary: the verdict, then a scenarios × runs table.
public enum ProtocolVerdictMarkdown {
    /// The verdict line, the table, and the reason of each failing cell in its first line of details.
    public static func render(_ verdict: ProtocolVerdict) -> String {
        var lines = ["## \(verdict.passed ? "PASS" : "FAIL"): \(verdict.summary)", ""]
        lines.append("| scenario | " + verdict.runs.map { "run \($0.number)" }.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|", count: verdict.runs.count))
        var reasons: [String] = []
        for id in ScenarioID.allCases {
            let cells = verdict.runs.map { number, state -> String in
                guard case let .read(run) = state else { return "no run file" }
                guard let scenario = run.scenarios.first(where: { $0.id == id }) else { return "not run" }
                guard scenario.status == .fail else { return scenario.status.rawValue }
                let why = scenario.details?.split(separator: "\n").first.map(String.init) ?? ""
                reasons.append("- run \(number), scenario \(id.rawValue): `\(scenario.failureMode?.rawValue ?? "?")` \(why)")
                return "`\(scenario.failureMode?.rawValue ?? "fail")`"
            }
            lines.append("| \(id.rawValue) \(id.name) | " + cells.joined(separator: " | ") + " |")
        }
        let unreadable = verdict.runs.compactMap { number, state -> String? in
            if case let .unreadable(reason) = state { "- run \(number): no verdict: \(reason)" } else { nil }
        }
        if !(reasons + unreadable).isEmpty { lines += [""] + reasons + unreadable }
        return lines.joined(separator: "\n") + "\n"
    }
}
