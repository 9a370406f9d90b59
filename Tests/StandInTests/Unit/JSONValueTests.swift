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

    func testRefusesInvalidUTF8InsteadOfReplacingIt() throws {
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]] {
            for (prefix, suffix) in [("", ""), ("a\\n", "b"), ("", "\\u00e9")] {
                let text = Data(#"{"s":""#.utf8) + Data(prefix.utf8) + Data(bytes) + Data(suffix.utf8) + Data(#""}"#.utf8)
                XCTAssertThrowsError(try JSONValue.parseWire(text), "accepted \(bytes) in \(prefix.debugDescription)…") { error in
                    XCTAssertTrue((error as? JSONParser.Failure)?.reason.contains("UTF-8") == true, "\(error)")
                }
            }
        }
        XCTAssertEqual(try JSONValue.parseWire(Data(#"["é€😀", "a\né"]"#.utf8)), .array([.string("é€😀"), .string("a\né")]))
    }

    func testRefusesNumbersADoubleCannotHoldAndKeepsTheRest() throws {
        for text in ["1e400", "-1e400", "1e-400", "0.1e-999", "18446744073709551616", "-9223372036854775809", "99999999999999999999"] {
            XCTAssertThrowsError(try JSONValue.parseWire(Data("[\(text)]".utf8)), "accepted \(text)")
        }
        for (text, value) in [("9223372036854775807", 9_223_372_036_854_775_807.0), ("-9223372036854775808", -9_223_372_036_854_775_808.0),
                              ("0e-999", 0), ("-0", 0), ("0.0", 0), ("1e308", 1e308), ("9007199254740993", 9_007_199_254_740_992.0)] {
            XCTAssertEqual(try JSONValue.parseWire(Data("[\(text)]".utf8)), .array([.number(value)]), text)
        }
    }

    func testReportsTheBytesOfEachElementOfTheNamedTopLevelArray() throws {
        let text = #"{"a":{"events":[9]}, "events" : [ {"x": 1.50} ,[ ] ,"é"], "z":0}"#
        let (value, ranges) = try JSONParser.parse(Data(text.utf8), elementRangesOf: "events")
        let bytes = Array(text.utf8)
        XCTAssertEqual(ranges.map { String(decoding: bytes[$0], as: UTF8.self) }, [#"{"x": 1.50}"#, "[ ]", #""é""#])
        XCTAssertEqual(value["events"]?.arrayValue?.count, 3)
        XCTAssertEqual(try JSONParser.parse(Data(#"{"events":[1],"events":[2,3]}"#.utf8), elementRangesOf: "events").elementRanges,
                       [24 ..< 25, 26 ..< 27], "a repeated member: the last one, as in the tree")
        XCTAssertEqual(try JSONParser.parse(Data(#"{"events":{"a":[1]}}"#.utf8), elementRangesOf: "events").elementRanges, [])
    }
}
