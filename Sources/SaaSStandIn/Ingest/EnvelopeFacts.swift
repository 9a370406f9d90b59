import CanaryCore
/// The facts of one envelope the store indexes and counts by. Pure.
struct EnvelopeFacts: Equatable, Sendable {
    var eventID: String?
    var eventType: String?
    var aggregateType: String?
    var aggregateID: String?
    var projectUUID: String?
    /// `payload.mission_slug`, else `payload.namespace.mission_slug`.
    var missionSlug: String?
    /// `payload.wp_id`.
    var workPackageID: String?
    /// `payload.force == true`.
    var force: Bool

    /// Reads the facts of `envelope`; anything missing or of the wrong type is nil.
    init(_ envelope: JSONValue) {
        func nonEmpty(_ value: JSONValue?) -> String? {
            guard let text = value?.stringValue, !text.isEmpty else { return nil }
            return text
        }
        let payload = envelope["payload"]
        eventID = nonEmpty(envelope["event_id"])
        eventType = nonEmpty(envelope["event_type"])
        aggregateType = nonEmpty(envelope["aggregate_type"])
        aggregateID = nonEmpty(envelope["aggregate_id"])
        projectUUID = nonEmpty(envelope["project_uuid"])
        missionSlug = nonEmpty(payload?["mission_slug"]) ?? nonEmpty(payload?["namespace"]?["mission_slug"])
        workPackageID = nonEmpty(payload?["wp_id"])
        force = payload?["force"]?.boolValue == true
    }
}
