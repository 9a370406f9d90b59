import Foundation

/// The identity-boundary facts of `spec-kitty sync status --check`, from either output form.
///
/// `--json` (preferred) and the plain "Identity Boundary" text block carry
/// the same core; the JSON adds `ok`, `exit_code`, per-mismatch detail and
/// orphan records, the text adds the CLI's own "Mismatched fields" line
/// (the only place 3.2.7 names the fields of an *orphan* record) and the
/// failure lines. A required field that is missing raises
/// `StatusParseError.missingField` naming it: the scenarios' `boundary.status_unparseable`.
public struct SyncStatusReport: Equatable, Sendable {
    /// Which output form this came from.
    public enum Source: Equatable, Sendable {
        /// `sync status --check --json`.
        case json
        /// The text form.
        case text
    }

    /// One side's identity: the foreground process, or what a daemon record claims.
    public struct Identity: Equatable, Sendable {
        /// `package_version`.
        public var packageVersion: String?
        /// `executable_path`.
        public var executablePath: String?
        /// `source_path` (the record's `source_checkout_path`).
        public var sourcePath: String?
        /// `server_url`; nil when unset.
        public var serverURL: String?
        /// `team_or_user`, e.g. `user@example.com/team`; nil when unset.
        public var teamOrUser: String?
        /// `queue_db_path`.
        public var queueDBPath: String?
        /// `pid`, when given.
        public var pid: Int?
    }

    /// The daemon owner record as the CLI classed it.
    public struct OwnerRecordStatus: Equatable, Sendable {
        /// `absent`, `coherent`, `mismatch`, `orphan`, `unreadable`, ….
        public var status: String
        /// The recorded port.
        public var port: Int?
        /// What the record claims.
        public var identity: Identity
    }

    /// A queue file and its counts.
    public struct Queue: Equatable, Sendable {
        /// The path as reported (the text form's active path is descriptive in 3.2.7).
        public var path: String
        /// Queued events.
        public var eventCount: Int
        /// Queued body uploads.
        public var bodyUploadCount: Int
        /// Legacy rows the CLI counts as belonging to the current identity (legacy queue only).
        public var rowsInScope: Int?
    }

    /// One foreground/daemon disagreement.
    public struct Mismatch: Equatable, Sendable {
        /// The field as the CLI names it (possibly `daemon_`-prefixed).
        public var field: String
        /// The foreground's value.
        public var foregroundValue: String?
        /// The daemon record's value.
        public var daemonValue: String?
        /// The CLI's advice, when given.
        public var remediationHint: String?

        /// `field` without the `daemon_` prefix.
        public var canonicalField: String {
            field.hasPrefix("daemon_") ? String(field.dropFirst("daemon_".count)) : field
        }
    }

    /// Where the facts came from.
    public var source: Source
    /// `ok` (JSON only).
    public var ok: Bool?
    /// `exit_code` the CLI announced (JSON only).
    public var exitCode: Int?
    /// The foreground process's identity.
    public var foreground: Identity
    /// The daemon owner record.
    public var daemonOwnerRecord: OwnerRecordStatus
    /// The queue the CLI writes now (JSON: the real path).
    public var activeQueue: Queue
    /// The legacy queue and its residue.
    public var legacyQueue: Queue
    /// Per-field mismatches (JSON gives detail; text gives only `mismatchCount`).
    public var mismatches: [Mismatch]
    /// How many mismatches were reported.
    public var mismatchCount: Int
    /// Orphan daemon records (JSON gives detail; text gives only `orphanRecordCount`).
    public var orphanRecords: [Identity]
    /// How many orphan records were reported.
    public var orphanRecordCount: Int
    /// The text form's "Mismatched fields" line, split; empty for "none" and for JSON.
    public var mismatchedFields: [String]
    /// The text form's "Identity boundary check FAILED" lines, without the `!`.
    public var failures: [String]
    /// `target_authority` (3.2.6+ JSON).
    public var targetAuthority: JSONValue?
    /// `event_journal` (3.2.6+ JSON).
    public var eventJournal: JSONValue?
    /// The whole JSON document, for evidence.
    public var raw: JSONValue?

    /// Canonical names of every field the CLI said differs: mismatch fields
    /// without the `daemon_` prefix, plus the text form's "Mismatched fields".
    public var namedFields: Set<String> {
        Set(mismatches.map(\.canonicalField)).union(mismatchedFields.map {
            $0.hasPrefix("daemon_") ? String($0.dropFirst("daemon_".count)) : $0
        })
    }

    /// Parses either form: JSON when the text starts with `{`.
    public static func parse(_ output: String) throws -> SyncStatusReport {
        let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("{") ? try parseJSON(trimmed) : try parseText(output)
    }

    // MARK: JSON

    /// Parses the `--json` object.
    public static func parseJSON(_ text: String) throws -> SyncStatusReport {
        let raw: JSONValue
        do { raw = try JSONValue.parse(Data(text.utf8)) } catch { throw StatusParseError.notJSON(String(describing: error)) }
        let reader = JSONFieldReader(root: raw)
        let daemon = try reader.object("daemon_owner_record")
        let mismatches = try reader.array("mismatches").map { entry in
            Mismatch(
                field: entry["field"]?.stringValue ?? "",
                foregroundValue: entry["foreground_value"]?.stringValue,
                daemonValue: entry["daemon_value"]?.stringValue,
                remediationHint: entry["remediation_hint"]?.stringValue
            )
        }
        let orphans = try reader.array("orphan_records").map(identity)
        return try SyncStatusReport(
            source: .json,
            ok: reader.bool("ok"),
            exitCode: reader.int("exit_code"),
            foreground: identity(reader.object("foreground")),
            daemonOwnerRecord: OwnerRecordStatus(
                status: reader.string("daemon_owner_record.status"),
                port: daemon["port"]?.intValue,
                identity: identity(daemon)
            ),
            activeQueue: Queue(
                path: reader.string("active_queue.path"),
                eventCount: reader.int("active_queue.event_count"),
                bodyUploadCount: reader.int("active_queue.body_upload_count")
            ),
            legacyQueue: Queue(
                path: reader.string("legacy_queue.path"),
                eventCount: reader.int("legacy_queue.event_count"),
                bodyUploadCount: reader.int("legacy_queue.body_upload_count"),
                rowsInScope: reader.int("legacy_queue.rows_in_scope")
            ),
            mismatches: mismatches,
            mismatchCount: mismatches.count,
            orphanRecords: orphans,
            orphanRecordCount: orphans.count,
            mismatchedFields: [],
            failures: [],
            targetAuthority: raw["target_authority"],
            eventJournal: raw["event_journal"],
            raw: raw
        )
    }

    private static func identity(_ value: JSONValue) -> Identity {
        Identity(
            packageVersion: value["package_version"]?.stringValue,
            executablePath: value["executable_path"]?.stringValue,
            sourcePath: value["source_path"]?.stringValue ?? value["source_checkout_path"]?.stringValue,
            serverURL: value["server_url"]?.stringValue,
            teamOrUser: value["team_or_user"]?.stringValue,
            queueDBPath: value["queue_db_path"]?.stringValue,
            pid: value["pid"]?.intValue
        )
    }

    // MARK: Text

    /// Parses the "Identity Boundary" block of the text form: 3.2.x's plain
    /// block or rc13's borderless Rich table (indented one more column).
    public static func parseText(_ text: String) throws -> SyncStatusReport {
        let block = try IdentityBoundaryBlock(text)
        func section(_ name: String) throws -> [String: String] {
            guard let rows = block.sections[name] else { throw StatusParseError.missingField(name) }
            return rows
        }
        func value(_ rows: [String: String], _ label: String, field: String) throws -> String {
            guard let value = rows[label] else { throw StatusParseError.missingField(field) }
            return value
        }
        func int(_ rows: [String: String], _ label: String, field: String) throws -> Int {
            guard let number = Int(try value(rows, label, field: field)) else { throw StatusParseError.missingField(field) }
            return number
        }
        let foreground = try section("Foreground:")
        let daemon = try section("Daemon owner record:")
        let active = try section("Active queue:")
        let legacy = try section("Legacy queue:")
        let top = block.topLevel
        let mismatchCount = try int(top, "Mismatches", field: "mismatches")
        let orphanCount = try int(top, "Orphan records", field: "orphan_records")
        let fieldsLine = top["Mismatched fields"] ?? "none"

        return try SyncStatusReport(
            source: .text,
            ok: nil,
            exitCode: nil,
            foreground: textIdentity(foreground),
            daemonOwnerRecord: OwnerRecordStatus(
                status: value(daemon, "Status", field: "daemon_owner_record.status"),
                port: daemon["Port"].flatMap { Int($0) },
                identity: textIdentity(daemon)
            ),
            activeQueue: Queue(
                path: value(active, "Path", field: "active_queue.path"),
                eventCount: int(active, "Event count", field: "active_queue.event_count"),
                bodyUploadCount: int(active, "Body upload cnt", field: "active_queue.body_upload_count")
            ),
            legacyQueue: Queue(
                path: value(legacy, "Path", field: "legacy_queue.path"),
                eventCount: int(legacy, "Event count", field: "legacy_queue.event_count"),
                bodyUploadCount: int(legacy, "Body upload cnt", field: "legacy_queue.body_upload_count"),
                rowsInScope: int(legacy, "Rows in scope", field: "legacy_queue.rows_in_scope")
            ),
            mismatches: block.mismatchDetail,
            mismatchCount: mismatchCount,
            orphanRecords: [],
            orphanRecordCount: orphanCount,
            mismatchedFields: fieldsLine == "none" ? [] : fieldsLine.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            },
            failures: block.failures,
            targetAuthority: nil,
            eventJournal: nil,
            raw: nil
        )
    }

    private static func textIdentity(_ rows: [String: String]) -> Identity {
        func present(_ label: String) -> String? {
            guard let value = rows[label], value != "<unset>", value != "<absent>", value != "-" else { return nil }
            return value
        }
        return Identity(
            packageVersion: present("Package version"),
            executablePath: present("Executable path"),
            sourcePath: present("Source path"),
            serverURL: present("Server URL"),
            teamOrUser: present("Team/User"),
            queueDBPath: present("Queue DB path"),
            pid: present("PID").flatMap { Int($0) }
        )
    }
}
