import CanaryCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The totals of a JUnit XML report, counted from its elements rather than its (often wrong) attributes.
public struct GateJUnitTotals: Codable, Equatable, Sendable {
    /// `<testcase>` elements.
    public let tests: Int
    /// `<failure>` elements.
    public let failures: Int
    /// `<error>` elements.
    public let errors: Int
    /// `<skipped>` elements.
    public let skipped: Int

    /// Creates totals.
    public init(tests: Int, failures: Int, errors: Int, skipped: Int) {
        self.tests = tests
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
    }

    /// Counts the report's elements; nil when it is not well-formed XML.
    ///
    /// Control characters (swift-testing has been seen writing a raw ESC) are
    /// removed first so one stray byte does not hide the totals.
    public static func parse(_ data: Data) -> GateJUnitTotals? {
        let cleaned = Data(data.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        let counter = ElementCounter()
        let parser = XMLParser(data: cleaned)
        parser.delegate = counter
        // FoundationXML on Linux can report success for a truncated document: check every element closed.
        guard parser.parse(), counter.depth == 0, !counter.counts.isEmpty else { return nil }
        return GateJUnitTotals(
            tests: counter.counts["testcase", default: 0], failures: counter.counts["failure", default: 0],
            errors: counter.counts["error", default: 0], skipped: counter.counts["skipped", default: 0]
        )
    }
}

private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var depth = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        counts[elementName, default: 0] += 1
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }
}
