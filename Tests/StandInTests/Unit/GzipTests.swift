@testable import SaaSStandIn
import XCTest

final class GzipTests: XCTestCase {
    func testRoundTrip() throws {
        let original = Data(String(repeating: "{\"events\":[]}", count: 5000).utf8)
        let compressed = try Gzip.deflate(original)
        XCTAssertEqual(Array(compressed.prefix(2)), [0x1F, 0x8B], "a gzip member, like Python's gzip.compress")
        XCTAssertLessThan(compressed.count, original.count / 10)
        XCTAssertEqual(try Gzip.inflate(compressed), original)
        XCTAssertEqual(try Gzip.inflate(try Gzip.deflate(Data())), Data())
    }

    func testCorruptTruncatedAndOversizedStreamsAreRefused() throws {
        let compressed = try Gzip.deflate(Data(repeating: 65, count: 100_000))
        XCTAssertThrowsError(try Gzip.inflate(Data("not gzip at all".utf8)))
        XCTAssertThrowsError(try Gzip.inflate(compressed.prefix(compressed.count / 2))) { error in
            XCTAssertEqual(error as? Gzip.Failure, .truncated)
        }
        XCTAssertThrowsError(try Gzip.inflate(compressed, limit: 1000)) { error in
            XCTAssertEqual(error as? Gzip.Failure, .tooLarge(limit: 1000))
        }
    }

    func testBytesAfterTheStreamAreRefusedUnlessTheyAreAnotherGzipMember() throws {
        let first = try Gzip.deflate(Data("{\"events\":".utf8))
        let second = try Gzip.deflate(Data("[]}".utf8))
        XCTAssertEqual(try Gzip.inflate(first + second), Data("{\"events\":[]}".utf8), "RFC 1952: members back to back")
        for junk in [Data("junk".utf8), Data([0]), Data([0x1F]), first.prefix(5)] {
            XCTAssertThrowsError(try Gzip.inflate(first + junk), "accepted \(Array(junk)) after the stream") { error in
                XCTAssertTrue([.trailingGarbage(byteCount: junk.count), .truncated].contains(error as? Gzip.Failure), "\(error)")
            }
        }
        XCTAssertThrowsError(try Gzip.inflate(first + Data("junk".utf8))) { error in
            XCTAssertEqual(error as? Gzip.Failure, .trailingGarbage(byteCount: 4))
        }
    }
}
