import CanaryCore
import Dispatch
import Foundation
import XCTest

final class ULIDTests: XCTestCase {
    func testKnownVectorFromTheSpecification() {
        // ulid/spec: time 1469918176385 encodes as 01ARYZ6S41.
        let id = ULID.encode(time: 1_469_918_176_385, high: 0, low: 0)
        XCTAssertEqual(String(id.prefix(10)), "01ARYZ6S41")
        XCTAssertEqual(String(id.suffix(16)), "0000000000000000")
        XCTAssertEqual(ULID.encode(time: 0, high: .max, low: .max), "0000000000ZZZZZZZZZZZZZZZZ")
        XCTAssertEqual(ULID.encode(time: 0, high: 0, low: 1), "00000000000000000000000001")
        XCTAssertEqual(ULID.encode(time: 0, high: 1, low: 0), "0000000000000G000000000000", "2^64 is G in the 13th random digit from the right")
    }

    func testTenThousandIdsSortInCreationOrder() {
        let generator = ULID()
        let ids = (0 ..< 10000).map { _ in generator.next() }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertTrue(ids.allSatisfy(ULID.isValid))
    }

    func testSameMillisecondIncrementsTheRandomPart() {
        let generator = ULID(clock: { 1_000 }, random: { (0, .max) })
        let first = generator.next(), second = generator.next()
        XCTAssertLessThan(first, second)
        XCTAssertEqual(second, ULID.encode(time: 1_000, high: 1, low: 0), "the carry reaches the high bits")
    }

    func testUniqueUnderConcurrency() {
        let generator = ULID()
        let lock = NSLock()
        var ids: [String] = []
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let batch = (0 ..< 2000).map { _ in generator.next() }
            lock.withLock { ids.append(contentsOf: batch) }
        }
        XCTAssertEqual(Set(ids).count, 16000)
    }

    func testValidation() {
        XCTAssertTrue(ULID.isValid("01ARYZ6S41TSV4RRFFQ69G5FAV"))
        XCTAssertFalse(ULID.isValid("01ARYZ6S41TSV4RRFFQ69G5FA"), "too short")
        XCTAssertFalse(ULID.isValid("01ARYZ6S41TSV4RRFFQ69G5FAU"), "U is not Crockford")
        XCTAssertFalse(ULID.isValid("81ARYZ6S41TSV4RRFFQ69G5FAV"), "time overflows 48 bits")
    }
}
