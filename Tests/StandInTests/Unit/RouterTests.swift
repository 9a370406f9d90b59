@testable import SaaSStandIn
import XCTest

final class RouterTests: XCTestCase {
    func testTrailingSlashNeverMatters() {
        XCTAssertEqual(Router.route(method: "POST", path: "/api/v1/events/batch/"), .eventsBatch)
        XCTAssertEqual(Router.route(method: "POST", path: "/api/v1/events/batch"), .eventsBatch)
        XCTAssertEqual(Router.route(method: "GET", path: "/health//"), .health)
        XCTAssertEqual(Router.route(method: "GET", path: "/health/ready/"), .healthReady)
        XCTAssertEqual(Router.route(method: "GET", path: "/api/v1/sync/health/"), .syncHealth)
        XCTAssertEqual(Router.route(method: "POST", path: "/api/dossier/push-content/"), .dossierPushContent)
    }

    func testHeadAnswersEveryPath() {
        XCTAssertEqual(Router.route(method: "HEAD", path: "/whatever/at/all"), .head)
    }

    func testUnknownPathAndWrongMethod() {
        XCTAssertEqual(Router.route(method: "GET", path: "/nope"), .notFound)
        XCTAssertEqual(Router.route(method: "GET", path: "/"), .notFound)
        XCTAssertEqual(Router.route(method: "GET", path: "/api/v1/events/batch/"), .methodNotAllowed(allowed: ["POST"]))
        XCTAssertEqual(Router.route(method: "PUT", path: "/__standin__/accounts"), .methodNotAllowed(allowed: ["GET", "POST"]))
    }

    func testAdminRoutesAreNotLogged() {
        XCTAssertEqual(Router.route(method: "POST", path: "/__standin__/faults/reset/"), .admin(.resetFaults))
        XCTAssertFalse(Route.admin(.counts).isLogged)
        XCTAssertTrue(Route.notFound.isLogged)
    }
}
