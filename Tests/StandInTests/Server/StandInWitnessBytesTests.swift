import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// The witness keeps each accepted envelope as the bytes that arrived, and refuses (with 400,
/// recorded as a refused send) a body it could only have kept by changing it.
final class StandInWitnessBytesTests: StandInTestCase {
    /// A batch body around `envelopes`, each given as its exact text.
    private func body(_ envelopes: [String]) -> Data {
        Data(("{\"events\": [" + envelopes.joined(separator: ", ") + "]}").utf8)
    }

    func testBodiesTheRealServerWouldRefuseAre400AndRefusedSends() throws {
        let (_, client, account, token) = try startLoggedIn()
        let valid = try Gzip.deflate(body([#"{"event_id": "ok-1", "event_type": "X"}"#]))
        var invalidUTF8 = Data(#"{"events": [{"event_id": "bad-utf8", "event_type": "X", "note": ""#.utf8)
        invalidUTF8.append(contentsOf: [0xC3, 0x28])
        invalidUTF8.append(Data(#""}]}"#.utf8))
        let refused: [(String, Data, Bool)] = [
            ("invalid UTF-8", invalidUTF8, false),
            ("junk after the gzip member", valid + Data("junk".utf8), true),
            ("1e400", body([#"{"event_id": "big-1", "n": 1e400}"#]), false),
            ("an integer beyond 64 bits", body([#"{"event_id": "big-2", "n": 18446744073709551616}"#]), false),
            ("a literal that underflows to 0", body([#"{"event_id": "big-3", "n": 1e-400}"#]), false),
        ]
        for (what, bytes, gzip) in refused {
            let answer = try client.sendBatch(encoded: bytes, gzip: gzip, accessToken: token)
            XCTAssertEqual(answer.status, 400, "\(what): \(answer.body)")
            let send = try XCTUnwrap(try client.sends(account: account.userID).last, what)
            XCTAssertEqual(send.outcome, "refused", what)
            XCTAssertEqual(send.httpStatus, 400, what)
        }
        XCTAssertEqual(try client.envelopes(), [], "nothing of a refused body is stored")
        XCTAssertEqual(try client.sends(account: account.userID).count, refused.count, "one refused send each")
        XCTAssertEqual(try client.sendBatch(encoded: valid, gzip: true, accessToken: token).status, 200, "the same body without junk is fine")
    }

    func testTheWitnessServesExactlyTheBytesThatArrived() throws {
        let (server, client, account, token) = try startLoggedIn()
        let sent = [
            // Unsorted keys, spaces, a number past 2^53, trailing zeros, escapes and raw UTF-8: all as sent.
            "{ \"event_type\" : \"X\",\n  \"event_id\": \"exact-1\", \"n\": 9007199254740993, \"f\": 1.50, \"e\": 1E+2, \"s\": \"\\u00e9 é \\/\" }",
            #"{"event_id":"exact-2","nested":{"b":[1,2,{"c":null}],"a":true}}"#,
        ]
        let answer = try client.sendBatch(encoded: try Gzip.deflate(body(sent)), gzip: true, accessToken: token)
        XCTAssertEqual(answer.status, 200, "\(answer.body)")
        XCTAssertEqual(try client.envelopeBytes(eventID: "exact-1"), Data(sent[0].utf8))
        XCTAssertEqual(try client.envelopeBytes(eventID: "exact-2"), Data(sent[1].utf8))
        let listing = try rawClient(server).send(adminRequest(server, "GET", "/__standin__/envelopes?account=\(account.userID)"))
        XCTAssertEqual(listing.status, 200)
        let text = String(decoding: listing.body, as: UTF8.self)
        for envelope in sent { XCTAssertTrue(text.contains(#""envelope":"# + envelope + ","), "the list splices the stored bytes in: \(text)") }
        XCTAssertEqual(try client.envelopes().map(\.eventID), ["exact-1", "exact-2"], "and still decodes as before")
        XCTAssertEqual(try client.envelopes().first?.envelope["s"], .string("é é /"))
        XCTAssertThrowsError(try client.envelopeBytes(eventID: "never-sent"))
    }

    func testADeeplyNestedEnvelopeDoesNotBreakTheWitnessNorAfterARestart() throws {
        let directory = try temporaryDirectory()
        let configuration = StandInConfiguration(databasePath: directory.appendingPathComponent("store.sqlite").path)
        // 508 levels deep, as in #14: the batch around it stays within the parser's 512.
        let envelope = #"{"event_id":"deep-1","event_type":"X","payload":"# + String(repeating: "[", count: 507) + String(repeating: "]", count: 507) + "}"
        do {
            let (server, client, _, token) = try startLoggedIn(configuration)
            XCTAssertEqual(try client.sendBatch(encoded: body([envelope]), gzip: false, accessToken: token).status, 200)
            let listing = try rawClient(server).send(adminRequest(server, "GET", "/__standin__/envelopes"))
            XCTAssertEqual(listing.status, 200, String(decoding: listing.body.prefix(200), as: UTF8.self))
            XCTAssertTrue(String(decoding: listing.body, as: UTF8.self).contains(envelope))
            XCTAssertEqual(try client.envelopeBytes(eventID: "deep-1"), Data(envelope.utf8))
            server.stop()
        }
        let restarted = try startServer(configuration)
        let listing = try rawClient(restarted).send(adminRequest(restarted, "GET", "/__standin__/envelopes"))
        XCTAssertEqual(listing.status, 200, "also after a restart on the same store")
        XCTAssertTrue(String(decoding: listing.body, as: UTF8.self).contains(envelope))
    }
}
