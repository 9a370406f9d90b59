import CanaryCore
/// One entry of the batch answer's `results` list.
public struct BatchEventResult: Codable, Equatable, Sendable {
    /// The envelope's `event_id` (nil when it had none).
    public var eventID: String?
    /// `success`, `queued`, `duplicate` or `rejected`.
    public var status: String
    /// Why it was rejected.
    public var error: String?
    /// The rejection's category (the CLI treats some as terminal).
    public var errorCategory: String?

    /// Creates a result.
    public init(eventID: String?, status: String, error: String? = nil, errorCategory: String? = nil) {
        self.eventID = eventID
        self.status = status
        self.error = error
        self.errorCategory = errorCategory
    }

    /// The entry as a JSON tree, for answers built without Codable.
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["event_id": eventID.map(JSONValue.string) ?? .null, "status": .string(status)]
        if let error { members["error"] = .string(error) }
        if let errorCategory { members["error_category"] = .string(errorCategory) }
        return .object(sortingKeys: members)
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", status, error, errorCategory = "error_category"
    }

    /// Encodes only the fields that apply, as the hosted server does.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID, forKey: .eventID)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(errorCategory, forKey: .errorCategory)
    }
}
