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
}
