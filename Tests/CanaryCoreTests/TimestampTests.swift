import CanaryCore
import Foundation
import XCTest

/// One format for every timestamp the canary prints: the run documents' milliseconds and `Z`.
final class TimestampTests: XCTestCase {
    func testPrintsUTCWithTruncatedMillisecondsAndZ() {
        XCTAssertEqual(Timestamp.iso8601(Date(timeIntervalSince1970: 1_795_000_000)), "2026-11-18T11:06:40.000Z")
        XCTAssertEqual(Timestamp.iso8601(Date(timeIntervalSince1970: 1_795_000_000.1234)), "2026-11-18T11:06:40.123Z")
        XCTAssertEqual(Timestamp.iso8601(Date(timeIntervalSince1970: 1_795_000_000.9996)), "2026-11-18T11:06:40.999Z")
    }

    func testParsesWithAndWithoutFractionAndRoundTrips() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000.5)
        XCTAssertEqual(Timestamp.parse(Timestamp.iso8601(date)), date)
        XCTAssertEqual(Timestamp.parse("2026-11-18T11:06:40Z"), Date(timeIntervalSince1970: 1_795_000_000))
        XCTAssertNil(Timestamp.parse("18 Nov 2026"))
    }

    func testRunDocumentsKeepTheirTimestampShape() throws {
        struct Stamped: Codable { let at: Date }
        let data = try RunDocumentCoding.encode(Stamped(at: Date(timeIntervalSince1970: 1_795_000_000.25)))
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#""2026-11-18T11:06:40.250Z""#))
        XCTAssertEqual(try RunDocumentCoding.decode(Stamped.self, from: data).at, Date(timeIntervalSince1970: 1_795_000_000.25))
    }
}
