import CanaryCore
import Foundation

/// An accepted envelope as the store keeps it: its facts and the exact text that arrived.
///
/// The witness answers splice `json` in as it is instead of re-encoding a parsed tree:
/// re-encoding is what rounded numbers and failed on deep nesting (#14).
struct StoredEnvelope: Equatable, Sendable {
    /// The store's sequence number, the paging cursor.
    var sequence: Int64
    /// The envelope's `event_id`.
    var eventID: String
    /// The envelope's `event_type`, if any.
    var eventType: String?
    /// The account whose token delivered it first.
    var account: String
    /// The envelope's `project_uuid`, if any.
    var projectUUID: String?
    /// The envelope's `aggregate_type`, if any.
    var aggregateType: String?
    /// The envelope's `aggregate_id`, if any.
    var aggregateID: String?
    /// What the batch answer said for it.
    var status: String
    /// When it was accepted (ISO-8601, UTC).
    var receivedAt: String
    /// The envelope's JSON text exactly as it arrived (or, in a store from before #14, as it was re-encoded then).
    var json: String

    /// The columns `init(row:)` reads, in order, `seq` last.
    static let columns = "event_id, event_type, account_id, project_uuid, aggregate_type, aggregate_id, answered_status, received_at, envelope_json, seq"

    /// Reads a row selected with `columns`.
    init(row: SQLiteRow) {
        eventID = row[0].text ?? ""
        eventType = row[1].text
        account = row[2].text ?? ""
        projectUUID = row[3].text
        aggregateType = row[4].text
        aggregateID = row[5].text
        status = row[6].text ?? ""
        receivedAt = row[7].text ?? ""
        json = row[8].text ?? "null"
        sequence = row[9].integer ?? 0
    }

    /// The public record, its envelope parsed (nil-safe: text that no longer parses reads as null).
    var parsed: StandInEnvelope {
        StandInEnvelope(eventID: eventID, eventType: eventType, account: account, projectUUID: projectUUID,
                        aggregateType: aggregateType, aggregateID: aggregateID, status: status, receivedAt: receivedAt,
                        envelope: (try? JSONValue.parseWire(Data(json.utf8))) ?? .null)
    }

    /// `{"envelopes": [...], "next": ...}` with each envelope's stored text spliced in unchanged;
    /// the other members are those `StandInEnvelope` encodes, in the same sorted order.
    static func pageJSON(_ page: WitnessPage<StoredEnvelope>) -> Data {
        var text = "{\"\(page.name)\":["
        for (index, stored) in page.items.enumerated() {
            if index > 0 { text += "," }
            stored.appendJSON(to: &text)
        }
        text += "],\"next\":" + (page.next.map { String($0) } ?? "null") + "}"
        return Data(text.utf8)
    }

    private func appendJSON(to text: inout String) {
        func string(_ value: String?) -> String { value.map { JSONValue.string($0).compactText } ?? "null" }
        text += "{\"account\":" + string(account)
        text += ",\"aggregate_id\":" + string(aggregateID)
        text += ",\"aggregate_type\":" + string(aggregateType)
        text += ",\"envelope\":" + json
        text += ",\"event_id\":" + string(eventID)
        text += ",\"event_type\":" + string(eventType)
        text += ",\"project_uuid\":" + string(projectUUID)
        text += ",\"received_at\":" + string(receivedAt)
        text += ",\"status\":" + string(status) + "}"
    }
}
