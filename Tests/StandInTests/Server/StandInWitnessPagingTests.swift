import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// Witness lists come a page at a time (`?after=&limit=`, `next` in the answer), and the
/// client follows the pages; a list asked for without paging still comes whole.
final class StandInWitnessPagingTests: StandInTestCase {
    private func get(_ server: StandInServer, _ target: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        let response = try rawClient(server).send(adminRequest(server, "GET", target))
        XCTAssertEqual(response.status, 200, target, file: file, line: line)
        return try JSONValue.parseWire(response.body)
    }

    func testPagesFollowTheCursorAndTheClientReadsEveryPage() throws {
        let (server, client, account, token) = try startLoggedIn()
        let total = WitnessPageRequest.defaultLimit * 2 + 7
        let envelopes = (0 ..< total).map { JSONValue.object(sortingKeys: ["event_id": .string("p-\($0)"), "event_type": .string("X")]) }
        for batch in stride(from: 0, to: total, by: 400) {
            XCTAssertEqual(try client.sendBatch(Array(envelopes[batch ..< min(batch + 400, total)]), accessToken: token).status, 200)
        }

        var seen: [String] = []
        var target = "/__standin__/envelopes?account=\(account.userID)&limit=\(WitnessPageRequest.defaultLimit)"
        while true {
            let page = try get(server, target)
            let ids = (page["envelopes"]?.arrayValue ?? []).compactMap { $0["event_id"]?.stringValue }
            XCTAssertLessThanOrEqual(ids.count, WitnessPageRequest.defaultLimit)
            seen += ids
            guard let next = page["next"]?.doubleValue else {
                XCTAssertEqual(page["next"], .null)
                break
            }
            target = "/__standin__/envelopes?account=\(account.userID)&after=\(Int64(next))&limit=\(WitnessPageRequest.defaultLimit)"
        }
        XCTAssertEqual(seen, envelopes.compactMap { $0["event_id"]?.stringValue }, "every envelope once, in order")

        let whole = try get(server, "/__standin__/envelopes")
        XCTAssertEqual(whole["envelopes"]?.arrayValue?.count, total, "no paging asked: the whole list, as before")
        XCTAssertEqual(whole["next"], .null)
        XCTAssertEqual(try get(server, "/__standin__/receipts?limit=1")["receipts"]?.arrayValue?.count, 1)
        XCTAssertNotEqual(try get(server, "/__standin__/sends?limit=1")["next"], .null)
        XCTAssertEqual(try get(server, "/__standin__/requests?after=999999")["requests"], .array([]))
        XCTAssertEqual(try rawClient(server).send(adminRequest(server, "GET", "/__standin__/envelopes?after=-1")).status, 400)

        XCTAssertEqual(try client.envelopes().count, total, "the client follows the pages")
        XCTAssertEqual(try client.receipts(account: account.userID).count, total)
        XCTAssertEqual(try client.sends().count, (total + 399) / 400)
    }

    func testHealthStaysAnsweredWhileLargeWitnessReadsRun() throws {
        let (server, client, _, token) = try startLoggedIn()
        for start in stride(from: 0, to: 12_000, by: 2000) {
            let body = try StandInClient.encodeBatch((start ..< start + 2000).map { SampleEnvelope.wpStatusChanged(eventID: "h-\($0)") })
            XCTAssertEqual(try client.sendBatch(encoded: body, gzip: true, accessToken: token).status, 200)
        }
        // Four whole-list reads at once: before #14 each held the store while it parsed every row,
        // and /health/ (which logs through the store) waited seconds behind them.
        let readers = DispatchGroup()
        let listing = adminRequest(server, "GET", "/__standin__/envelopes")
        for _ in 0 ..< 4 {
            readers.enter()
            Thread.detachNewThread {
                defer { readers.leave() }
                let reader = BlockingHTTPClient(host: "127.0.0.1", port: UInt16(server.baseURL.port ?? 0), timeout: 60)
                _ = try? reader.send(listing)
            }
        }
        let health = rawClient(server)
        var slowest = 0.0
        var probes = 0
        while readers.wait(timeout: .now() + 0.02) == .timedOut {
            let started = Date()
            XCTAssertEqual(try health.send(HTTPRequest(method: "GET", target: "/health/")).status, 200)
            slowest = max(slowest, Date().timeIntervalSince(started))
            probes += 1
        }
        XCTAssertGreaterThan(probes, 0, "the reads ended before /health/ was probed")
        XCTAssertLessThan(slowest, 1.0, "/health/ waited \(slowest) s behind witness reads")
    }
}
