import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// The admin and witness API answers only to the server's own secret (#14): a local process
/// without it can neither read the witness nor steer logins or faults.
final class StandInAdminSecretTests: StandInTestCase {
    /// One request per admin route (method and path), so a new route cannot slip past the check.
    private static let adminCalls: [(String, String)] = [
        ("POST", "/__standin__/accounts"), ("GET", "/__standin__/accounts"), ("POST", "/__standin__/login-hint"),
        ("DELETE", "/__standin__/login-hint"), ("GET", "/__standin__/envelopes"), ("GET", "/__standin__/envelopes/raw?event_id=x"),
        ("GET", "/__standin__/receipts"), ("GET", "/__standin__/counts"), ("GET", "/__standin__/requests"),
        ("POST", "/__standin__/faults"), ("GET", "/__standin__/faults"), ("POST", "/__standin__/faults/reset"),
        ("GET", "/__standin__/dossier-artifacts"), ("GET", "/__standin__/teamspace?account=x"), ("GET", "/__standin__/sends"),
        ("GET", "/__standin__/issued-tokens"), ("POST", "/__standin__/account-team"),
    ]

    func testEveryAdminRouteRefusesACallWithoutTheSecretOrWithAnotherOne() throws {
        let server = try startServer()
        for presented in [nil, AdminSecret.generate(), String(server.adminSecret.dropLast())] {
            for (method, path) in Self.adminCalls {
                var request = HTTPRequest(method: method, target: path)
                if let presented { request.headers.add(AdminSecret.header, presented) }
                request.headers.add("Content-Type", "application/json")
                request.body = Data("{}".utf8)
                let response = try rawClient(server).send(request)
                XCTAssertEqual(response.status, 401, "\(method) \(path) with \(presented == nil ? "no secret" : "a wrong secret")")
                XCTAssertTrue(String(decoding: response.body, as: UTF8.self).contains("admin_secret_required"))
            }
        }
    }

    func testTheSecretOpensTheAdminAPIAndTheOperatorEndpointsNeedNone() throws {
        let server = try startServer()
        XCTAssertNoThrow(try server.client().accounts())
        let anonymous = StandInClient(baseURL: server.baseURL)
        XCTAssertEqual(try anonymous.health()["status"], .string("ok"))
        XCTAssertEqual(try anonymous.readiness().httpStatus, 200)
        XCTAssertNoThrow(try anonymous.historicalDigest(), "the digest names no account, envelope or token")
        XCTAssertThrowsError(try anonymous.setLoginHint(account: "anyone"))
        XCTAssertThrowsError(try anonymous.injectFault(.serverError, account: "anyone"))
        XCTAssertThrowsError(try anonymous.envelopes())
    }

    func testEachServerHasASecretOfItsOwnUnlessOneIsConfigured() throws {
        let first = try startServer(), second = try startServer()
        XCTAssertNotEqual(first.adminSecret, second.adminSecret)
        XCTAssertThrowsError(try StandInClient(baseURL: first.baseURL, adminSecret: second.adminSecret).accounts())
        var configuration = StandInConfiguration()
        configuration.adminSecret = "chosen"
        XCTAssertEqual(try startServer(configuration).adminSecret, "chosen")
    }
}
