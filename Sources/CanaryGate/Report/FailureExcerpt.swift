import CanaryCore
import Foundation

/// The CLI's own words from a scenario's failure details, short enough for a stop report's line.
enum FailureExcerpt {
    /// Longest excerpt kept; the full details stay in the run file.
    static let limit = 240

    /// `details` without its "failed - mode: " lead, command lines and scenario-directory line, on one line.
    ///
    /// "failed - cli.command_failed: agent mission setup-plan: `/…/spec-kitty agent … --json` exit 2\n{"error_code": …}"
    /// becomes "agent mission setup-plan: exit 2 {"error_code": …}". Nil when nothing is left.
    static func line(_ details: String) -> String? {
        var text = details.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("failed - "), let colon = text.range(of: ": ") {
            text = String(text[colon.upperBound...])
        }
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("scenario directory:") }
        // The quoted command repeats the venv path and a per-scenario mission slug; the step name before it says enough.
        let joined = lines.joined(separator: " ")
            .replacingOccurrences(of: "`[^`]*` ", with: "", options: .regularExpression)
        guard !joined.isEmpty else { return nil }
        return joined.count <= limit ? joined : String(joined.prefix(limit - 1)) + "…"
    }
}
