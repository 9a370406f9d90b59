import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

final class HTTPResponseTests: XCTestCase {
    func testAnAnswerThatCannotBeEncodedIsA500WithAMessageNeverItsStatus() throws {
        let response = HTTPResponse.json(200, ["value": Double.infinity])
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(response.headers["Content-Type"], "application/json")
        let message = try XCTUnwrap(JSONValue.parseWire(response.body)["error"]?.stringValue)
        XCTAssertTrue(message.hasPrefix("stand-in could not encode its 200 answer: "), message)
    }

    func testErrorAnswersAreWrittenWithoutAnEncoderThatCouldFail() throws {
        let response = HTTPResponse.error(418, "a \"quoted\" reason\n")
        XCTAssertEqual(response.status, 418)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"error":"a \"quoted\" reason\n"}"#)
    }
}
