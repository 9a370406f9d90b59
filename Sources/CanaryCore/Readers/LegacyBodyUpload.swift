import Foundation

/// A row for the legacy `body_upload_queue` table.
public struct LegacyBodyUpload: Equatable, Sendable {
    /// `project_uuid`.
    public var projectUUID: String
    /// `mission_slug`.
    public var missionSlug: String
    /// `target_branch`.
    public var targetBranch: String
    /// `mission_type`.
    public var missionType: String
    /// `manifest_version`.
    public var manifestVersion: String
    /// `artifact_path`, relative to the mission directory.
    public var artifactPath: String
    /// `content_hash`: 64 lowercase hex digits of SHA-256 over the body.
    public var contentHash: String
    /// `content_body`.
    public var contentBody: String
    /// `created_at`: Unix seconds (REAL).
    public var createdAt: Double

    /// A body upload of `contentBody`; the hash is computed from it.
    public init(
        projectUUID: String,
        missionSlug: String,
        artifactPath: String = "spec.md",
        contentBody: String,
        targetBranch: String = "canary/legacy",
        missionType: String = "software-dev",
        manifestVersion: String = "1",
        createdAt: Date = Date()
    ) {
        self.projectUUID = projectUUID
        self.missionSlug = missionSlug
        self.targetBranch = targetBranch
        self.missionType = missionType
        self.manifestVersion = manifestVersion
        self.artifactPath = artifactPath
        self.contentBody = contentBody
        contentHash = SHA256.hex(of: contentBody)
        self.createdAt = createdAt.timeIntervalSince1970
    }
}
