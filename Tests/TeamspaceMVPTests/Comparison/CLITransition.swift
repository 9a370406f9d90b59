import CanaryCore
import Foundation

/// One lane change as the CLI recorded it in its own status event log.
struct CLITransition: Equatable, Sendable {
    /// The CLI's status event id (3.2.x: the synced envelope's `causation_id`).
    var eventID: String
    /// The work package.
    var wpID: String
    /// The lane it left.
    var fromLane: String
    /// The lane it entered.
    var toLane: String
    /// Whether the move was forced.
    var force: Bool
    /// Why, when the CLI recorded a reason.
    var reason: String?

    /// "WP01 in_review -> planned (status event 01M…)".
    var summary: String { "\(wpID) \(fromLane) -> \(toLane) (status event \(eventID))" }

    /// The transitions in a `status.events.jsonl` text, oldest first. Lines that are not
    /// lane changes (mission events, history deltas) are skipped; a line that is not JSON
    /// is an error, because a log the suite cannot read would hide exactly what it checks.
    static func parseLog(_ text: String) throws -> [CLITransition] {
        var transitions: [CLITransition] = []
        for (index, line) in text.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            guard let entry = try? JSONValue.parse(Data(line.utf8)), case .object = entry else {
                throw TeamspaceMVPError.unreadableCLIOutput(source: "status event log", reason: "line \(index + 1) is not a JSON object")
            }
            guard let from = entry["from_lane"]?.stringValue, let to = entry["to_lane"]?.stringValue,
                  let wpID = entry["wp_id"]?.stringValue, let eventID = entry["event_id"]?.stringValue else { continue }
            transitions.append(CLITransition(eventID: eventID, wpID: wpID, fromLane: from, toLane: to,
                                             force: entry["force"]?.boolValue ?? false, reason: entry["reason"]?.stringValue))
        }
        return transitions
    }
}
