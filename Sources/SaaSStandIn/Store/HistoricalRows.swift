import CanaryCore
import Foundation

/// The historical `business_rule` rejected intake rows a new store is seeded with.
///
/// The hosted dev server carried 22 such rows that no run may touch; the gate digests
/// them before and after. Their content is deterministic so two new stores agree.
enum HistoricalRows {
    /// One seeded row.
    struct Row: Equatable {
        var eventID: String
        var error: String
        var receivedAt: String
        var receivedEpoch: Double
        var envelopeJSON: String
    }

    /// The first `count` rows, one minute apart from 2026-05-01T00:00Z.
    static func make(count: Int) -> [Row] {
        let start = 1_777_593_600.0 // 2026-05-01T00:00:00Z
        return (0 ..< max(0, count)).map { index in
            let eventID = "standin-historical-\(String(format: "%04d", index + 1))"
            let epoch = start + Double(index * 60)
            let envelope: JSONValue = .object(sortingKeys: [
                "event_id": .string(eventID),
                "event_type": .string("WPStatusChanged"),
                "aggregate_type": .string("WorkPackage"),
                "aggregate_id": .string("WP-HISTORICAL-\(index + 1)"),
                "schema_version": .string("3.0.0"),
                "payload": .object(sortingKeys: ["wp_id": .string("WP-HISTORICAL-\(index + 1)"), "to_lane": .string("done")]),
            ])
            return Row(eventID: eventID,
                       error: "business rule: transition refused (historical row \(index + 1))",
                       receivedAt: Timestamp.iso8601(Date(timeIntervalSince1970: epoch)),
                       receivedEpoch: epoch,
                       envelopeJSON: envelope.compactText)
        }
    }
}
