import Foundation

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
