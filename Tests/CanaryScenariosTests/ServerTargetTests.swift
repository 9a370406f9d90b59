import CanaryScenarios
import Foundation
import SaaSStandIn
import XCTest

/// What a target says about the server behind it.
final class ServerTargetTests: XCTestCase {
    func testOnlyAStandInInThisProcessNamesItsConfiguration() throws {
        let server = try StandInServer(configuration: StandInConfiguration(profile: .deployedDev202605))
        try server.start()
        defer { server.stop() }
        let embedded = ServerTarget.embedding(server)
        XCTAssertEqual(embedded.embeddedConfiguration?.profile, .deployedDev202605)
        XCTAssertNil(embedded.embeddedConfiguration?.payloadValidation, "this stand-in validates nothing")

        XCTAssertNil(ServerTarget.standIn(admin: server.baseURL, adminSecret: server.adminSecret, cliURL: server.baseURL).embeddedConfiguration,
                     "a stand-in in another process: its configuration is not known here")
        XCTAssertNil(ServerTarget.remote(server.baseURL).embeddedConfiguration)
    }
}
