import CanaryCore

/// The flow of each scenario, so a scenario can be started before XCTest reaches its test.
public enum ScenarioCatalog {
    /// The steps of `scenarios.md` for `scenario`.
    public static func flow(for scenario: ScenarioID) -> @Sendable (ScenarioFixture) throws -> Void {
        switch scenario {
        case .freshAuthenticatedMission: { try FreshAuthenticatedMissionFlow().run($0) }
        case .legacyQueueRowMigration: { try LegacyQueueRowMigrationFlow().run($0) }
        case .daemonOwnerMismatchRefusal: { try DaemonOwnerMismatchRefusalFlow().run($0) }
        case .reviewRejectionForceRequiredContract: { try ReviewRejectionForceRequiredFlow().run($0) }
        }
    }
}
