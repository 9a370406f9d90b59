import Foundation

/// One run of the canary: the run document.
///
/// The seed's fields (outcome ... scenarios) come first and keep their names
/// and types; the rest follow. `outcome` is derived, never stored, so a
/// document cannot say "pass" over a failing or missing scenario.
public struct CanaryRunResult: Codable, Equatable, Sendable {
    /// The run's verdict as the document spells it.
    public enum Outcome: String, Codable, Sendable {
        case pass, fail
    }

    /// Where the scenarios ran.
    public enum TargetEnvironment: String, Codable, Sendable {
        case standin, remote
    }

    /// "pass" iff every scenario the document holds passes (the seed's invariant); a run of
    /// fewer than four says so in `partial`, and the protocol and the gate never count it as a pass.
    public var outcome: Outcome {
        !scenarios.isEmpty && scenarios.allSatisfy { $0.status == .pass } ? .pass : .fail
    }

    /// The run's ULID.
    public let runID: String
    /// Position in the four-run protocol (1...4).
    public let runNumber: Int
    /// Installed spec-kitty-cli version.
    public var cliVersion: String
    /// Installed spec-kitty-events version.
    public var eventsPackageVersion: String
    /// Run start.
    public var timestamp: Date
    /// One result per scenario that ran, ordered by id.
    public let scenarios: [ScenarioResult]
    /// Run start (same instant as `timestamp`, kept for the original harness's readers).
    public var startedAt: Date
    /// Run end.
    public var finishedAt: Date
    /// The server the scenarios targeted.
    public var saasURL: String
    /// Stand-in or a remote server.
    public var targetEnvironment: TargetEnvironment
    /// The stand-in's behaviour profile, when the target is the stand-in.
    public var serverProfile: String?
    /// Where this document was written.
    public var evidencePath: String
    /// The machine that ran it.
    public var host: String
    /// This harness's version.
    public var harnessVersion: String
    /// Wall time, CLI time and calls, and workers; nil in documents written before it existed.
    public var timing: RunTiming?

    /// Whether the run covered fewer than the four scenarios (a filtered run).
    public var partial: Bool { Set(scenarios.map(\.id)) != Set(ScenarioID.allCases) }

    /// Builds a document, checking the invariants of the format.
    public init(
        runID: String, runNumber: Int, cliVersion: String, eventsPackageVersion: String,
        startedAt: Date, finishedAt: Date, scenarios: [ScenarioResult], saasURL: String,
        targetEnvironment: TargetEnvironment, serverProfile: String?, evidencePath: String,
        host: String, harnessVersion: String = HarnessVersion.current, timing: RunTiming? = nil
    ) throws {
        guard ULID.isValid(runID) else {
            throw RunDocumentError.invalidField("run_id", reason: "'\(runID)' is not a ULID")
        }
        guard (1 ... 4).contains(runNumber) else {
            throw RunDocumentError.invalidField("run_number", reason: "\(runNumber) is outside 1...4")
        }
        let ids = scenarios.map(\.id)
        guard Set(ids).count == ids.count else {
            throw RunDocumentError.invalidField("scenarios", reason: "scenario ids repeat: \(ids.map(\.rawValue))")
        }
        self.runID = runID
        self.runNumber = runNumber
        self.cliVersion = cliVersion
        self.eventsPackageVersion = eventsPackageVersion
        timestamp = startedAt
        self.scenarios = scenarios.sorted { $0.id < $1.id }
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.saasURL = saasURL
        self.targetEnvironment = targetEnvironment
        self.serverProfile = serverProfile
        self.evidencePath = evidencePath
        self.host = host
        self.harnessVersion = harnessVersion
        self.timing = timing
    }

    enum CodingKeys: String, CodingKey {
        case outcome
        case runID = "run_id"
        case runNumber = "run_number"
        case cliVersion = "cli_version"
        case eventsPackageVersion = "events_package_version"
        case timestamp, scenarios, partial
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case saasURL = "saas_url"
        case targetEnvironment = "target_environment"
        case serverProfile = "server_profile"
        case evidencePath = "evidence_path"
        case host
        case harnessVersion = "harness_version"
        case timing
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try container.decode(Outcome.self, forKey: .outcome)
        try self.init(
            runID: container.decode(String.self, forKey: .runID),
            runNumber: container.decode(Int.self, forKey: .runNumber),
            cliVersion: container.decode(String.self, forKey: .cliVersion),
            eventsPackageVersion: container.decode(String.self, forKey: .eventsPackageVersion),
            startedAt: container.decode(Date.self, forKey: .startedAt),
            finishedAt: container.decode(Date.self, forKey: .finishedAt),
            scenarios: container.decode([ScenarioResult].self, forKey: .scenarios),
            saasURL: container.decode(String.self, forKey: .saasURL),
            targetEnvironment: container.decode(TargetEnvironment.self, forKey: .targetEnvironment),
            serverProfile: container.decodeIfPresent(String.self, forKey: .serverProfile),
            evidencePath: container.decode(String.self, forKey: .evidencePath),
            host: container.decode(String.self, forKey: .host),
            harnessVersion: container.decode(String.self, forKey: .harnessVersion),
            timing: container.decodeIfPresent(RunTiming.self, forKey: .timing)
        )
        timestamp = try container.decode(Date.self, forKey: .timestamp)
        guard stored == outcome else {
            throw RunDocumentError.invalidField(
                "outcome", reason: "says \(stored.rawValue) but the scenarios make it \(outcome.rawValue)")
        }
        let storedPartial = try container.decodeIfPresent(Bool.self, forKey: .partial) ?? false
        guard storedPartial == partial else {
            throw RunDocumentError.invalidField("partial", reason: "says \(storedPartial) but \(scenarios.count) scenario(s) ran")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(runID, forKey: .runID)
        try container.encode(runNumber, forKey: .runNumber)
        try container.encode(cliVersion, forKey: .cliVersion)
        try container.encode(eventsPackageVersion, forKey: .eventsPackageVersion)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(scenarios, forKey: .scenarios)
        try container.encode(partial, forKey: .partial)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(saasURL, forKey: .saasURL)
        try container.encode(targetEnvironment, forKey: .targetEnvironment)
        try container.encode(serverProfile, forKey: .serverProfile)
        try container.encode(evidencePath, forKey: .evidencePath)
        try container.encode(host, forKey: .host)
        try container.encode(harnessVersion, forKey: .harnessVersion)
        try container.encodeIfPresent(timing, forKey: .timing)
    }
}
