/// What a scenario observed at the identity boundary: the original harness's `boundary_evidence`.
public struct BoundaryEvidence: Codable, Equatable, Sendable {
    /// Real path of the active queue (the JSON form of `sync status --check`).
    public var activeQueueDBPath = ""
    /// The path the text form of `sync status --check` prints (descriptive in 3.2.7).
    public var activeQueueTextPath = ""
    /// Events in the active queue.
    public var activeEventCount = 0
    /// Body uploads in the active queue.
    public var activeBodyUploadCount = 0
    /// Path of the legacy queue the CLI reports.
    public var legacyQueueDBPath = ""
    /// Events in the legacy queue.
    public var legacyEventCount = 0
    /// Body uploads in the legacy queue.
    public var legacyBodyUploadCount = 0
    /// Legacy rows the CLI counts as in scope of the current identity.
    public var legacyRowsInScope: Int?
    /// The daemon owner record seen or forged.
    public var daemonOwner = DaemonOwnerEvidence()
    /// The mission the scenario created.
    public var missionSlug: String?
    /// The project slug of the checkout.
    public var projectSlug: String?
    /// The project uuid of the checkout.
    public var projectUUID: String?
    /// `/health/ready/` before the scenario.
    public var readinessBefore = JSONValue.emptyObject
    /// `/health/ready/` after the scenario.
    public var readinessAfter = JSONValue.emptyObject
    /// What the server holds for this scenario's account.
    public var saasCounts = SaaSCounts()
    /// Exit code of the scenario's decisive `sync status --check`.
    public var syncStatusCheckExitCode: Int32?
    /// Its standard output.
    public var syncStatusCheckStdout = ""
    /// Its standard error.
    public var syncStatusCheckStderr = ""
    /// The scenario directory (isolated home, checkout, command logs).
    public var scenarioDirectory = ""
    /// The account the scenario ran as on the server.
    public var account: String?
    /// Free-form observations worth keeping (name -> value), in insertion order.
    public var notes: [String: String] = [:]

    /// Creates empty evidence.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case activeBodyUploadCount = "active_body_upload_count"
        case activeEventCount = "active_event_count"
        case activeQueueDBPath = "active_queue_db_path"
        case activeQueueTextPath = "active_queue_text_path"
        case daemonOwner = "daemon_owner"
        case legacyBodyUploadCount = "legacy_body_upload_count"
        case legacyEventCount = "legacy_event_count"
        case legacyQueueDBPath = "legacy_queue_db_path"
        case legacyRowsInScope = "legacy_rows_in_scope"
        case missionSlug = "mission_slug"
        case projectSlug = "project_slug"
        case projectUUID = "project_uuid"
        case readinessAfter = "readiness_after"
        case readinessBefore = "readiness_before"
        case saasCounts = "saas_counts"
        case syncStatusCheckExitCode = "sync_status_check_exit_code"
        case syncStatusCheckStderr = "sync_status_check_stderr"
        case syncStatusCheckStdout = "sync_status_check_stdout"
        case scenarioDirectory = "scenario_directory"
        case account
        case notes
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(activeBodyUploadCount, forKey: .activeBodyUploadCount)
        try container.encode(activeEventCount, forKey: .activeEventCount)
        try container.encode(activeQueueDBPath, forKey: .activeQueueDBPath)
        try container.encode(activeQueueTextPath, forKey: .activeQueueTextPath)
        try container.encode(daemonOwner, forKey: .daemonOwner)
        try container.encode(legacyBodyUploadCount, forKey: .legacyBodyUploadCount)
        try container.encode(legacyEventCount, forKey: .legacyEventCount)
        try container.encode(legacyQueueDBPath, forKey: .legacyQueueDBPath)
        try container.encode(legacyRowsInScope, forKey: .legacyRowsInScope)
        try container.encode(missionSlug, forKey: .missionSlug)
        try container.encode(projectSlug, forKey: .projectSlug)
        try container.encode(projectUUID, forKey: .projectUUID)
        try container.encode(readinessAfter, forKey: .readinessAfter)
        try container.encode(readinessBefore, forKey: .readinessBefore)
        try container.encode(saasCounts, forKey: .saasCounts)
        try container.encode(syncStatusCheckExitCode, forKey: .syncStatusCheckExitCode)
        try container.encode(syncStatusCheckStderr, forKey: .syncStatusCheckStderr)
        try container.encode(syncStatusCheckStdout, forKey: .syncStatusCheckStdout)
        try container.encode(scenarioDirectory, forKey: .scenarioDirectory)
        try container.encode(account, forKey: .account)
        try container.encode(JSONValue.object(notes.keys.sorted().map { ($0, .string(notes[$0]!)) }), forKey: .notes)
    }
}
