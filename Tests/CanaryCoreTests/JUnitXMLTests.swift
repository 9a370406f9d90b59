import CanaryCore
import CanaryTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class JUnitXMLTests: XCTestCase {
    private let start = RunDocumentFixtures.start

    private var records: [TestCaseRecord] {
        [
            .init(className: "IdentityBoundaryTests.Scenario1Tests", name: "testOne", scenario: .freshAuthenticatedMission,
                  verdict: .passed, startedAt: start, durationSeconds: 1.5),
            .init(className: "IdentityBoundaryTests.Scenario4Tests", name: "testFour", scenario: .reviewRejectionForceRequiredContract,
                  verdict: .failed(mode: .queueRollbackRowMissing, message: "\u{1B}[31mlatest row\u{1B}[0m for_review -> in_review\nsecond line <&>"),
                  startedAt: start, durationSeconds: 2),
            .init(className: "IdentityBoundaryTests.Scenario4Tests", name: "testThrows", scenario: nil,
                  verdict: .errored(message: "threw error \"boom\u{07}\""), startedAt: start, durationSeconds: 0.25),
            .init(className: "IdentityBoundaryTests.Scenario2Tests", name: "testSkipped", scenario: .legacyQueueRowMigration,
                  verdict: .skipped(reason: "not applicable"), startedAt: start, durationSeconds: 0),
        ]
    }

    func testParsesBackWithCountsTypesAndProperties() throws {
        let xml = JUnitXML.render(records: records, properties: [("run_id", "01ABC"), ("run_number", "2"), ("cli_version", "3.2.7")], timestamp: start)
        XCTAssertFalse(xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, "no C0 control reaches the file")
        let parsed = try ParsedJUnit(xml)
        XCTAssertEqual(parsed.attributes["testsuites"]?["tests"], "4")
        XCTAssertEqual(parsed.attributes["testsuites"]?["failures"], "1")
        XCTAssertEqual(parsed.attributes["testsuites"]?["errors"], "1")
        XCTAssertEqual(parsed.attributes["testsuites"]?["skipped"], "1")
        XCTAssertEqual(parsed.suites, ["IdentityBoundaryTests.Scenario1Tests", "IdentityBoundaryTests.Scenario4Tests", "IdentityBoundaryTests.Scenario2Tests"])
        XCTAssertEqual(parsed.failures.first?["type"], "queue.rollback_row_missing")
        XCTAssertEqual(parsed.failures.first?["message"], "queue.rollback_row_missing: latest row for_review -> in_review")
        XCTAssertEqual(parsed.errors.first?["type"], "harness.error")
        XCTAssertEqual(parsed.skippedCount, 1)
        XCTAssertEqual(parsed.properties["run_id"], "01ABC")
        XCTAssertEqual(parsed.properties["run_number"], "2")
        XCTAssertEqual(parsed.properties["cli_version"], "3.2.7")
        XCTAssertTrue(parsed.text.contains("second line <&>"), "details survive escaping")
    }

    func testStripANSIKeepsTheText() {
        XCTAssertEqual(JUnitXML.stripANSI("\u{1B}[1;31mred\u{1B}[0m plain"), "red plain")
        XCTAssertEqual(JUnitXML.escape("a\u{0}b\u{1B}[2Kc"), "abc")
    }
}

/// A JUnit document read back with FoundationXML's parser.
private final class ParsedJUnit: NSObject, XMLParserDelegate {
    var attributes: [String: [String: String]] = [:]
    var suites: [String] = []
    var failures: [[String: String]] = []
    var errors: [[String: String]] = []
    var skippedCount = 0
    var properties: [String: String] = [:]
    var text = ""

    init(_ xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? NSError(domain: "JUnit", code: 1) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        self.attributes[name] = self.attributes[name] ?? attributes
        switch name {
        case "testsuite": suites.append(attributes["name"] ?? "")
        case "failure": failures.append(attributes)
        case "error": errors.append(attributes)
        case "skipped": skippedCount += 1
        case "property": properties[attributes["name"] ?? ""] = attributes["value"]
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
