/// One dossier artifact body pushed through `/api/dossier/push-content/`.
public struct StandInDossierArtifact: Codable, Equatable, Sendable {
    /// The account id of the bearer token that pushed it.
    public var account: String
    /// The request's `project_uuid`.
    public var projectUUID: String?
    /// The request's `mission_slug`.
    public var missionSlug: String?
    /// The request's `artifact_path`.
    public var artifactPath: String
    /// The request's `content_hash`.
    public var contentHash: String
    /// The UTF-8 length of `content_body`.
    public var contentLength: Int
    /// When it was stored (ISO-8601, UTC).
    public var receivedAt: String

    enum CodingKeys: String, CodingKey {
        case account, projectUUID = "project_uuid", missionSlug = "mission_slug", artifactPath = "artifact_path"
        case contentHash = "content_hash", contentLength = "content_length", receivedAt = "received_at"
    }

    /// Encodes every field, absent ones as null.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(projectUUID, forKey: .projectUUID)
        try container.encode(missionSlug, forKey: .missionSlug)
        try container.encode(artifactPath, forKey: .artifactPath)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(contentLength, forKey: .contentLength)
        try container.encode(receivedAt, forKey: .receivedAt)
    }
}
