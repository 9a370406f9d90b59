import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// Starts stand-ins on port 0 for a test and stops them in teardown.
class StandInTestCase: XCTestCase {
    /// A started server; stopped (and its temp store removed) when the test ends.
    func startServer(_ configuration: StandInConfiguration = StandInConfiguration()) throws -> StandInServer {
        let server = try StandInServer(configuration: configuration)
        try server.start()
        addTeardownBlock { server.stop() }
        return server
    }

    /// A started server with one account logged in through the device flow, as the CLI would.
    func startLoggedIn(_ configuration: StandInConfiguration = StandInConfiguration()) throws
        -> (server: StandInServer, client: StandInClient, account: StandInAccount, token: String) {
        let server = try startServer(configuration)
        let client = server.client()
        let account = try client.createAccount()
        return (server, client, account, try client.deviceLogin(account: account.userID).accessToken)
    }

    /// A request to `server`'s admin or witness API, carrying its secret.
    func adminRequest(_ server: StandInServer, _ method: String, _ target: String, body: Data = Data()) -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: HTTPHeaders([(AdminSecret.header, server.adminSecret)]), body: body)
    }

    /// A raw client on its own connection, for malformed and partial requests.
    func rawClient(_ server: StandInServer, timeout: TimeInterval = 10) -> BlockingHTTPClient {
        let client = BlockingHTTPClient(host: "127.0.0.1", port: UInt16(server.baseURL.port ?? 0), timeout: timeout)
        addTeardownBlock { client.close() }
        return client
    }

    /// A raw connected socket, for bytes that are not a request at all.
    func rawSocket(_ server: StandInServer) throws -> ConnectedSocket {
        let socket = try ConnectedSocket.connect(host: "127.0.0.1", port: UInt16(server.baseURL.port ?? 0))
        addTeardownBlock { socket.close() }
        return socket
    }

    /// Reads from `socket` until the peer closes or `seconds` pass.
    func readAll(_ socket: ConnectedSocket, seconds: TimeInterval = 10) throws -> String {
        var bytes: [UInt8] = []
        let deadline = Date(timeIntervalSinceNow: seconds)
        while case .bytes(let chunk) = try socket.read(deadline: deadline) { bytes += chunk }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Fails unless the server still answers `/health/` with 200.
    func assertStillServing(_ server: StandInServer, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try server.client().health()["status"], .string("ok"), "server stopped answering", file: file, line: line)
    }

    /// A temp directory removed in teardown.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("standin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
