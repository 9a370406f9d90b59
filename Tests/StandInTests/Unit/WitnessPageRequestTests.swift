@testable import SaaSStandIn
import XCTest

final class WitnessPageRequestTests: XCTestCase {
    func testQueryWithoutPagingAsksForEverythingAndLimitsAreBounded() throws {
        XCTAssertEqual(try WitnessPageRequest(query: [:]), .all)
        XCTAssertEqual(try WitnessPageRequest(query: ["account": "u"]), .all)
        XCTAssertEqual(try WitnessPageRequest(query: ["after": "7"]), WitnessPageRequest(after: 7, limit: WitnessPageRequest.defaultLimit))
        XCTAssertEqual(try WitnessPageRequest(query: ["limit": "3"]), WitnessPageRequest(after: 0, limit: 3))
        XCTAssertEqual(try WitnessPageRequest(query: ["limit": "999999999"]).limit, WitnessPageRequest.maximumLimit)
        for query in [["after": "-1"], ["after": "x"], ["limit": "0"], ["limit": ""], ["after": "99999999999999999999"]] {
            XCTAssertThrowsError(try WitnessPageRequest(query: query), "\(query)") { error in
                XCTAssertTrue(error is WitnessPageRequest.Failure)
            }
        }
    }

    func testAPageReadsOneRowMoreToKnowWhetherAnotherFollows() throws {
        let rows = Array(Int64(1) ... 10)
        var reads: [(Int64, Int)] = []
        func read(after: Int64, count: Int) -> [Int64] {
            reads.append((after, count))
            return Array(rows.filter { $0 > after }.prefix(count))
        }
        let first = try WitnessPageRequest(after: 0, limit: 4).collect(sequence: { $0 }, read: read)
        XCTAssertEqual(first.rows, [1, 2, 3, 4])
        XCTAssertEqual(first.next, 4)
        let last = try WitnessPageRequest(after: 8, limit: 4).collect(sequence: { $0 }, read: read)
        XCTAssertEqual(last.rows, [9, 10])
        XCTAssertNil(last.next)
        XCTAssertEqual(reads.map(\.1), [5, 5])
    }

    func testEverythingIsReadAChunkAtATimeSoTheStoreIsNeverHeldForTheWholeList() throws {
        let rows = Array(Int64(1) ... Int64(WitnessPageRequest.chunkSize * 2 + 3))
        var reads = 0
        let all = try WitnessPageRequest.all.collect(sequence: { $0 }) { after, count -> [Int64] in
            reads += 1
            XCTAssertLessThanOrEqual(count, WitnessPageRequest.chunkSize)
            return Array(rows.filter { $0 > after }.prefix(count))
        }
        XCTAssertEqual(all.rows, rows)
        XCTAssertNil(all.next)
        XCTAssertEqual(reads, 3)
    }
}
