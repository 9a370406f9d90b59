/// The store's tables. Bump `version` with a migration when a table changes.
enum StoreSchema {
    /// Written to `PRAGMA user_version` once the schema exists; 0 means a new store.
    static let version: Int64 = 2

    /// The DDL of a new store.
    static let statements = """
        CREATE TABLE accounts(
            user_id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL,
            team_id TEXT NOT NULL, team_slug TEXT NOT NULL, team_name TEXT NOT NULL,
            is_default INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
        CREATE TABLE device_codes(
            device_code TEXT PRIMARY KEY, user_code TEXT NOT NULL, account_id TEXT NOT NULL,
            created_at TEXT NOT NULL, redeemed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE tokens(
            token TEXT PRIMARY KEY, kind TEXT NOT NULL, account_id TEXT NOT NULL,
            session_id TEXT NOT NULL, issued_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX tokens_by_session ON tokens(session_id);
        CREATE TABLE envelopes(
            seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL,
            event_type TEXT, aggregate_type TEXT, aggregate_id TEXT, project_uuid TEXT,
            mission_slug TEXT, wp_id TEXT, force INTEGER NOT NULL DEFAULT 0,
            answered_status TEXT NOT NULL, received_at TEXT NOT NULL, envelope_json TEXT NOT NULL);
        CREATE INDEX envelopes_by_account ON envelopes(account_id);
        CREATE TABLE batch_intake(
            seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, account_id TEXT,
            state TEXT NOT NULL, error_category TEXT, error TEXT, historical INTEGER NOT NULL DEFAULT 0,
            received_at TEXT NOT NULL, received_epoch REAL NOT NULL, envelope_json TEXT);
        CREATE TABLE receipts(
            seq INTEGER PRIMARY KEY, event_id TEXT, account_id TEXT NOT NULL,
            status TEXT NOT NULL, received_at TEXT NOT NULL);
        CREATE INDEX receipts_by_account ON receipts(account_id);
        CREATE TABLE requests(
            seq INTEGER PRIMARY KEY, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL,
            account_id TEXT, time TEXT NOT NULL, token_fingerprint TEXT);
        CREATE TABLE dossier_artifacts(
            seq INTEGER PRIMARY KEY, account_id TEXT NOT NULL, project_uuid TEXT, mission_slug TEXT,
            artifact_path TEXT NOT NULL, content_hash TEXT NOT NULL, content_length INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            UNIQUE(account_id, project_uuid, mission_slug, artifact_path, content_hash));
        """ + sendsAndTeams

    /// What version 2 added: every send as it crossed the wire, and each account's earlier teams.
    static let sendsAndTeams = """
        CREATE TABLE sends(
            seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, account_id TEXT, account_team_id TEXT, account_team_slug TEXT,
            token_fingerprint TEXT, token_known INTEGER NOT NULL, http_status INTEGER NOT NULL,
            outcome TEXT NOT NULL, reason TEXT, event_ids TEXT NOT NULL, team_slugs TEXT NOT NULL,
            content_hash TEXT, received_at TEXT NOT NULL);
        CREATE INDEX sends_by_account ON sends(account_id);
        CREATE TABLE account_teams(
            seq INTEGER PRIMARY KEY, account_id TEXT NOT NULL, team_id TEXT NOT NULL, team_slug TEXT NOT NULL,
            team_name TEXT NOT NULL, until TEXT NOT NULL);
        """

    /// Brings a version-1 store to version 2 (the request log gains the token fingerprint).
    static let migrationFrom1 = "ALTER TABLE requests ADD COLUMN token_fingerprint TEXT;\n" + sendsAndTeams
}
