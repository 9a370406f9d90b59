/// The 412 answer to a sync protocol the server will not speak; the CLI halts on it.
struct ProtocolMismatchResponse: Encodable {
    /// The `sync_protocol` member.
    struct SyncProtocol: Encodable {
        var upgradeGuidance: String
        enum CodingKeys: String, CodingKey { case upgradeGuidance = "upgrade_guidance" }
    }

    var errorCode: String
    var errorDescription: String
    var syncProtocol: SyncProtocol

    enum CodingKeys: String, CodingKey {
        case errorCode = "error_code", errorDescription = "error_description", syncProtocol = "sync_protocol"
    }
}
