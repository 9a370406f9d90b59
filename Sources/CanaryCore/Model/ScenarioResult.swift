import Foundation

/// The result of one scenario in one run.
public struct ScenarioResult: Codable, Equatable, Sendable {
    /// Pass or fail, as the run document spells it.
    public enum Status: String, Codable, Sendable {
        case pass, fail
    }

    /// Which scenario this is.
    public let id: ScenarioID
    /// The scenario's fixed name.
    public var name: String { id.name }
    /// Pass or fail.
    public let status: Status
    /// Why it failed; nil exactly when it passed.
    public let failureMode: FailureMode?
    /// What happened, with the matched signature; nil when it passed cleanly.
    public let details: String?
    /// When the scenario started.
    public var startedAt: Date
    /// When the scenario finished.
    public var finishedAt: Date
    /// Wall time of the scenario.
    public var durationSeconds: Double
    /// What the scenario observed at the boundary.
    public var boundaryEvidence: BoundaryEvidence
    /// Every CLI call the scenario made, in order.
    public var commands: [CommandRecord]

    /// A passing result.
    public static func passed(
        _ id: ScenarioID, startedAt: Date, finishedAt: Date, details: String? = nil,
        evidence: BoundaryEvidence = .init(), commands: [CommandRecord] = []
    ) -> ScenarioResult {
        ScenarioResult(id: id, status: .pass, failureMode: nil, details: details, startedAt: startedAt,
                       finishedAt: finishedAt, boundaryEvidence: evidence, commands: commands)
    }

    /// A failing result; a failure always has a mode and details.
    public static func failed(
        _ id: ScenarioID, mode: FailureMode, details: String, startedAt: Date, finishedAt: Date,
        evidence: BoundaryEvidence = .init(), commands: [CommandRecord] = []
    ) -> ScenarioResult {
        ScenarioResult(id: id, status: .fail, failureMode: mode, details: details, startedAt: startedAt,
                       finishedAt: finishedAt, boundaryEvidence: evidence, commands: commands)
    }

    private init(
        id: ScenarioID, status: Status, failureMode: FailureMode?, details: String?, startedAt: Date,
        finishedAt: Date, boundaryEvidence: BoundaryEvidence, commands: [CommandRecord]
    ) {
        self.id = id
        self.status = status
        self.failureMode = failureMode
        self.details = details
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        durationSeconds = max(0, finishedAt.timeIntervalSince(startedAt))
        self.boundaryEvidence = boundaryEvidence
        self.commands = commands
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status
        case failureMode = "failure_mode"
        case details
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case boundaryEvidence = "boundary_evidence"
        case commands
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field(_ key: CodingKeys) -> String { RunDocumentCoding.path(decoder.codingPath, key) }
        let rawID = try container.decode(Int.self, forKey: .id)
        guard let id = ScenarioID(rawValue: rawID) else {
            throw RunDocumentError.invalidField(field(.id), reason: "\(rawID) is not a scenario id (1...4)")
        }
        let name = try container.decode(String.self, forKey: .name)
        guard name == id.name else {
            throw RunDocumentError.invalidField(field(.name), reason: "'\(name)' is not the name of scenario \(rawID)")
        }
        status = try container.decode(Status.self, forKey: .status)
        failureMode = try container.decodeIfPresent(FailureMode.self, forKey: .failureMode)
        switch (status, failureMode) {
        case (.pass, .some): throw RunDocumentError.invalidField(field(.failureMode), reason: "a passing scenario has none")
        case (.fail, .none): throw RunDocumentError.invalidField(field(.failureMode), reason: "a failing scenario needs one")
        default: break
        }
        self.id = id
        details = try container.decodeIfPresent(String.self, forKey: .details)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        finishedAt = try container.decode(Date.self, forKey: .finishedAt)
        durationSeconds = try container.decode(Double.self, forKey: .durationSeconds)
        boundaryEvidence = try container.decode(BoundaryEvidence.self, forKey: .boundaryEvidence)
        commands = try container.decode([CommandRecord].self, forKey: .commands)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.rawValue, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(failureMode, forKey: .failureMode)
        try container.encode(details, forKey: .details)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(boundaryEvidence, forKey: .boundaryEvidence)
        try container.encode(commands, forKey: .commands)
    }
}
