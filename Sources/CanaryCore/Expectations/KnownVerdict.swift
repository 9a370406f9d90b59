/// The verdict the canary must give one scenario on one CLI version, and the evidence a red cell must cite.
///
/// The project's own tests hold the canary to these: a scenario that passes
/// where the CLI is known red is a false green, one that fails where it is
/// known green is a false red, and both fail CI.
public struct KnownVerdict: Equatable, Sendable {
    /// The CLI version, as `spec-kitty --version` names it.
    public var version: String
    /// The scenario.
    public var scenario: ScenarioID
    /// The failure mode, or nil when the scenario must pass.
    public var failureMode: FailureMode?
    /// Text the scenario's details must hold: the evidence that proves the red cell.
    public var evidence: [String]
    /// Why: what the CLI does, for a reader of the table.
    public var reason: String

    /// A cell that must pass.
    public static func pass(_ version: String, _ scenario: ScenarioID, _ reason: String) -> KnownVerdict {
        KnownVerdict(version: version, scenario: scenario, failureMode: nil, evidence: [], reason: reason)
    }

    /// A cell that must fail with `mode`, its details citing every line of `evidence`.
    public static func fail(_ version: String, _ scenario: ScenarioID, _ mode: FailureMode, evidence: [String], _ reason: String) -> KnownVerdict {
        KnownVerdict(version: version, scenario: scenario, failureMode: mode, evidence: evidence, reason: reason)
    }
}
