/// What ingest decides for one envelope of a batch.
enum EventOutcome: Equatable, Sendable {
    /// New: store it and answer `status` (`success` or `queued`).
    case accept(status: String)
    /// Seen before (earlier batch, earlier in this batch, or before a restart).
    case duplicate
    /// Refused with a category and message.
    case reject(category: String, message: String)

    /// Decides one envelope. Pure: the store supplies what it knows, this says what follows.
    /// - Parameters:
    ///   - eventID: the envelope's `event_id`, nil when missing or not a non-empty string.
    ///   - isObject: whether the envelope is a JSON object at all.
    ///   - alreadyAccepted: whether that id was accepted before.
    ///   - profile: the server behaviour.
    ///   - forcedRejection: a `reject` fault in force for this batch.
    static func decide(eventID: String?, isObject: Bool, alreadyAccepted: Bool,
                       profile: StandInProfile, forcedRejection: (category: String, message: String)?) -> EventOutcome {
        guard isObject else { return .reject(category: "validation", message: "event must be a JSON object") }
        guard eventID != nil else { return .reject(category: "validation", message: "event_id is required") }
        if let forcedRejection { return .reject(category: forcedRejection.category, message: forcedRejection.message) }
        return alreadyAccepted ? .duplicate : .accept(status: profile.newEventStatus)
    }

    /// The per-event entry of the batch answer.
    func result(eventID: String?) -> BatchEventResult {
        switch self {
        case .accept(let status): return BatchEventResult(eventID: eventID, status: status)
        case .duplicate: return BatchEventResult(eventID: eventID, status: "duplicate")
        case .reject(let category, let message):
            return BatchEventResult(eventID: eventID, status: "rejected", error: message, errorCategory: category)
        }
    }
}
