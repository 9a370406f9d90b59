import Foundation
import SaaSStandIn
import XCTest

final class JSONValueTests: XCTestCase {
    func testParsesEveryKindExactly() throws {
        let text = #" {"a": true, "b": false, "n": null, "i": -42, "big": 12345678901234, "d": 1.5, "e": 2e3, "s": "x\"\\\/\n\u00e9\ud83d\ude00", "l": [1, [], {}]} "#
        let value = try JSONValue.parse(Data(text.utf8))
        XCTAssertEqual(value, .object([
            "a": .bool(true), "b": .bool(false), "n": .null, "i": .integer(-42), "big": .integer(12_345_678_901_234),
            "d": .number(1.5), "e": .number(2000), "s": .string("x\"\\/\né😀"),
            "l": .array([.integer(1), .array([]), .object([:])]),
        ]))
    }

    func testWritesSortedCompactTextLikePythonsSortKeys() throws {
        let value: JSONValue = .object(["b": .array([.integer(1), .number(0.5), .null]), "a": .string("é\"\u{01}\n"), "c": .bool(false)])
        XCTAssertEqual(value.jsonText, #"{"a":"é\"\u0001\n","b":[1,0.5,null],"c":false}"#)
        XCTAssertEqual(try JSONValue.parse(Data(value.jsonText.utf8)), value)
    }

    func testRefusesWhatIsNotJSON() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "-", "\"\u{01}\"", "\"\\x\"", "\"\\ud800\"", "{} extra", "nul"] {
            XCTAssertThrowsError(try JSONValue.parse(Data(text.utf8)), "accepted \(text.debugDescription)")
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try JSONValue.parse(Data(deep.utf8)), "deep nesting must fail, not crash")
    }

    func testCodableRoundTripKeepsTheTree() throws {
        let value: JSONValue = .object(["k": .array([.integer(3), .string("s"), .bool(true), .null, .number(2.25)])])
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value)), value)
    }
}
