import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// The wire parser and writer over CanaryCore's `JSONValue`.
final class JSONValueTests: XCTestCase {
    func testParsesEveryKindWithObjectsSortedLikeJSONValueParse() throws {
        let text = #" {"s": "x\"\\\/\n\u00e9\ud83d\ude00", "a": true, "b": false, "n": null, "i": -42, "big": 12345678901234, "d": 1.5, "e": 2e3, "l": [1, [], {}]} "#
        let value = try JSONValue.parseWire(Data(text.utf8))
        XCTAssertEqual(value, .object(sortingKeys: [
            "a": .bool(true), "b": .bool(false), "n": .null, "i": .number(-42), "big": .number(12_345_678_901_234),
            "d": .number(1.5), "e": .number(2000), "s": .string("x\"\\/\né😀"),
            "l": .array([.number(1), .array([]), .object([])]),
        ]))
        XCTAssertEqual(value, try JSONValue.parse(Data(text.utf8)), "same tree as CanaryCore's Codable parse")
        XCTAssertEqual(try JSONValue.parseWire(Data(#"{"k":1,"k":2}"#.utf8)), .object([(key: "k", value: .number(2))]))
    }

    func testWritesCompactTextLikePythonsSortKeys() throws {
        let value = JSONValue.object(sortingKeys: ["b": .array([.number(1), .number(0.5), .null]), "a": .string("é\"\u{01}\n"), "c": .bool(false)])
        XCTAssertEqual(value.compactText, #"{"a":"é\"\u0001\n","b":[1,0.5,null],"c":false}"#)
        XCTAssertEqual(try JSONValue.parseWire(Data(value.compactText.utf8)), value)
    }

    func testRefusesWhatIsNotJSON() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "-", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "{} extra", "nul"] {
            XCTAssertThrowsError(try JSONValue.parseWire(Data(text.utf8)), "accepted \(text.debugDescription)")
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try JSONValue.parseWire(Data(deep.utf8)), "deep nesting must fail, not crash")
    }
}
