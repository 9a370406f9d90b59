import Foundation

/// A row for the legacy `queue` table.
public struct LegacyQueueEvent: Equatable, Sendable {
    /// `event_id` (UNIQUE).
    public var eventID: String
    /// `event_type`.
    public var eventType: String
    /// `data`: the full envelope.
    public var envelope: JSONValue
    /// `timestamp`: Unix seconds, as 3.2.0 stores it.
    public var timestamp: Int
    /// `retry_count`.
    public var retryCount: Int
    /// `coalesce_key`.
    public var coalesceKey: String?

    /// A row with an explicit envelope.
    public init(eventID: String, eventType: String, envelope: JSONValue, timestamp: Int, retryCount: Int = 0, coalesceKey: String? = nil) {
        self.eventID = eventID
        self.eventType = eventType
        self.envelope = envelope
        self.timestamp = timestamp
        self.retryCount = retryCount
        self.coalesceKey = coalesceKey
    }

    /// A `WPStatusChanged` row in the shape 3.2.0 queued, stamped with a foreign identity.
    ///
    /// `seedID` goes into the payload so a leak can be recognised on the server.
    public static func wpStatusChanged(
        eventID: String,
        seedID: String,
        wpID: String,
        projectUUID: String,
        projectSlug: String,
        teamSlug: String,
        actor: String,
        missionSlug: String = "canary-legacy-mission",
        fromLane: String = "planned",
        toLane: String = "claimed",
        date: Date = Date()
    ) -> LegacyQueueEvent {
        let timestamp = ISO8601DateFormatter().string(from: date)
        let payload: [(key: String, value: JSONValue)] = [
            ("actor", .string(actor)), ("execution_mode", .string("worktree")), ("force", .bool(false)),
            ("from_lane", .string(fromLane)), ("mission_slug", .string(missionSlug)), ("reason", .null),
            ("review_ref", .null), ("seed_id", .string(seedID)), ("to_lane", .string(toLane)), ("wp_id", .string(wpID)),
        ]
        let envelope: [(key: String, value: JSONValue)] = [
            ("aggregate_id", .string(wpID)), ("aggregate_type", .string("WorkPackage")),
            ("causation_id", .null), ("correlation_id", .string(eventID)),
            ("event_id", .string(eventID)), ("event_type", .string("WPStatusChanged")),
            ("git_branch", .string("canary/legacy")), ("head_commit_sha", .null),
            ("lamport_clock", .number(1)), ("node_id", .string("canarylegacy")),
            ("payload", .object(payload)), ("project_slug", .string(projectSlug)),
            ("project_uuid", .string(projectUUID)), ("repo_slug", .null),
            ("schema_version", .string("3.0.0")), ("team_slug", .string(teamSlug)),
            ("timestamp", .string(timestamp)),
        ]
        return LegacyQueueEvent(
            eventID: eventID, eventType: "WPStatusChanged", envelope: .object(envelope),
            timestamp: Int(date.timeIntervalSince1970)
        )
    }
}

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

/// Writes a legacy queue database exactly as spec-kitty-cli 3.2.0 lays it out.
///
/// The DDL is copied verbatim from 3.2.0's `sync/queue.py` (`OfflineQueue`
/// and `_BODY_QUEUE_SCHEMA`), and checked in tests against a `queue.db` the
/// real 3.2.0 CLI wrote.
public enum LegacyQueueSeeder {
    /// The 3.2.0 schema, statement by statement, in the order 3.2.0 creates it.
    public static let schema: [String] = [
        """
        CREATE TABLE IF NOT EXISTS queue (
                            id INTEGER PRIMARY KEY AUTOINCREMENT,
                            event_id TEXT UNIQUE NOT NULL,
                            event_type TEXT NOT NULL,
                            data TEXT NOT NULL,
                            timestamp INTEGER NOT NULL,
                            retry_count INTEGER DEFAULT 0,
                            coalesce_key TEXT
                        )
        """,
        "CREATE INDEX IF NOT EXISTS idx_timestamp ON queue(timestamp)",
        "CREATE INDEX IF NOT EXISTS idx_retry ON queue(retry_count)",
        "CREATE INDEX IF NOT EXISTS idx_coalesce_key ON queue(coalesce_key)",
        """
        CREATE TABLE IF NOT EXISTS body_upload_queue (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_uuid TEXT NOT NULL,
            mission_slug TEXT NOT NULL,
            target_branch TEXT NOT NULL,
            mission_type TEXT NOT NULL,
            manifest_version TEXT NOT NULL,
            artifact_path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            hash_algorithm TEXT NOT NULL DEFAULT 'sha256',
            content_body TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            retry_count INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0.0,
            created_at REAL NOT NULL,
            last_error TEXT,
            UNIQUE(project_uuid, mission_slug, target_branch, mission_type, manifest_version, artifact_path, content_hash)
        )
        """,
        "CREATE INDEX IF NOT EXISTS idx_body_queue_next_attempt ON body_upload_queue(next_attempt_at)",
        "CREATE INDEX IF NOT EXISTS idx_body_queue_namespace ON body_upload_queue(project_uuid, mission_slug, target_branch)",
        """
        CREATE TABLE IF NOT EXISTS body_upload_failure_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_uuid TEXT NOT NULL,
            mission_slug TEXT NOT NULL,
            target_branch TEXT NOT NULL,
            mission_type TEXT NOT NULL,
            manifest_version TEXT NOT NULL,
            artifact_path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            hash_algorithm TEXT NOT NULL DEFAULT 'sha256',
            size_bytes INTEGER NOT NULL,
            failure_reason TEXT NOT NULL,
            failure_count INTEGER NOT NULL DEFAULT 1,
            first_failed_at REAL NOT NULL,
            last_failed_at REAL NOT NULL,
            UNIQUE(project_uuid, mission_slug, target_branch, mission_type, manifest_version, artifact_path, content_hash, failure_reason)
        )
        """,
        "CREATE INDEX IF NOT EXISTS idx_body_failure_last_failed_at ON body_upload_failure_log(last_failed_at DESC)",
    ]

    /// Creates (or extends) the queue at `url` with `events` and `bodyUploads`, in one transaction.
    public static func seed(at url: URL, events: [LegacyQueueEvent], bodyUploads: [LegacyBodyUpload] = []) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let database = try SQLiteDatabase(url: url, mode: .create)
        for statement in schema { try database.execute(statement) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try database.transaction {
            for event in events {
                let data = String(decoding: try encoder.encode(event.envelope), as: UTF8.self)
                try database.run(
                    "INSERT INTO queue (event_id, event_type, data, timestamp, retry_count, coalesce_key) VALUES (?, ?, ?, ?, ?, ?)",
                    [.text(event.eventID), .text(event.eventType), .text(data), .integer(Int64(event.timestamp)),
                     .integer(Int64(event.retryCount)), event.coalesceKey.map(SQLiteValue.text) ?? .null]
                )
            }
            for upload in bodyUploads {
                try database.run(
                    """
                    INSERT INTO body_upload_queue (project_uuid, mission_slug, target_branch, mission_type,
                        manifest_version, artifact_path, content_hash, hash_algorithm, content_body, size_bytes,
                        retry_count, next_attempt_at, created_at, last_error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'sha256', ?, ?, 0, 0.0, ?, NULL)
                    """,
                    [.text(upload.projectUUID), .text(upload.missionSlug), .text(upload.targetBranch),
                     .text(upload.missionType), .text(upload.manifestVersion), .text(upload.artifactPath),
                     .text(upload.contentHash), .text(upload.contentBody),
                     .integer(Int64(upload.contentBody.utf8.count)), .real(upload.createdAt)]
                )
            }
        }
    }
}
