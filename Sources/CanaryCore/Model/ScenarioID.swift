/// The four identity-boundary scenarios, with the ids and names of the run document.
public enum ScenarioID: Int, CaseIterable, Codable, Sendable, Comparable {
    case freshAuthenticatedMission = 1
    case legacyQueueRowMigration = 2
    case daemonOwnerMismatchRefusal = 3
    case reviewRejectionForceRequiredContract = 4

    /// The scenario's name as the run document spells it.
    public var name: String {
        switch self {
        case .freshAuthenticatedMission: "Fresh Authenticated Mission"
        case .legacyQueueRowMigration: "Legacy Queue Row Migration"
        case .daemonOwnerMismatchRefusal: "Daemon Owner Mismatch Refusal"
        case .reviewRejectionForceRequiredContract: "Review Rejection Force-Required Contract"
        }
    }

    /// The XCTest identifier (`Module.Class/method`) of the scenario's test.
    ///
    /// Users type these in `--filter`; parallel workers match their filter
    /// against them to learn which scenarios the whole run selected.
    public var testIdentifier: String {
        switch self {
        case .freshAuthenticatedMission:
            "IdentityBoundaryTests.Scenario1FreshAuthenticatedMissionTests/testFreshAuthenticatedMission"
        case .legacyQueueRowMigration:
            "IdentityBoundaryTests.Scenario2LegacyQueueRowMigrationTests/testLegacyQueueRowMigration"
        case .daemonOwnerMismatchRefusal:
            "IdentityBoundaryTests.Scenario3DaemonOwnerMismatchRefusalTests/testDaemonOwnerMismatchRefusal"
        case .reviewRejectionForceRequiredContract:
            "IdentityBoundaryTests.Scenario4ReviewRejectionForceRequiredContractTests/testReviewRejectionForceRequiredContract"
        }
    }

    public static func < (lhs: ScenarioID, rhs: ScenarioID) -> Bool { lhs.rawValue < rhs.rawValue }
}
