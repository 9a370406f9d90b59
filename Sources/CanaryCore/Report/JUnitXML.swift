import Foundation

/// Renders test case records as JUnit XML.
///
/// A pure function from records to text; writing the text is the caller's job.
public enum JUnitXML {
    /// The document for `records`, one `<testsuite>` per class, with `properties` on each suite.
    public static func render(records: [TestCaseRecord], properties: [(name: String, value: String)], timestamp: Date) -> String {
        var suites: [(name: String, cases: [TestCaseRecord])] = []
        for record in records {
            if let index = suites.firstIndex(where: { $0.name == record.className }) {
                suites[index].cases.append(record)
            } else {
                suites.append((record.className, [record]))
            }
        }
        let totals = Tally(records)
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        lines.append(#"<testsuites name="IdentityBoundary" \#(totals.attributes)>"#)
        for suite in suites {
            lines.append(#"  <testsuite name="\#(escape(suite.name))" \#(Tally(suite.cases).attributes) timestamp="\#(Timestamp.iso8601(timestamp))">"#)
            lines.append("    <properties>")
            for property in properties {
                lines.append(#"      <property name="\#(escape(property.name))" value="\#(escape(property.value))"/>"#)
            }
            lines.append("    </properties>")
            for record in suite.cases {
                lines.append(contentsOf: testCase(record))
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func testCase(_ record: TestCaseRecord) -> [String] {
        let open = #"    <testcase classname="\#(escape(record.className))" name="\#(escape(record.name))" time="\#(seconds(record.durationSeconds))""#
        switch record.verdict {
        case .passed:
            return [open + "/>"]
        case let .failed(mode, message):
            return [open + ">",
                    #"      <failure message="\#(escape(mode.rawValue + ": " + firstLine(message)))" type="\#(mode.rawValue)">\#(escape(message))</failure>"#,
                    "    </testcase>"]
        case let .errored(message):
            return [open + ">",
                    #"      <error message="\#(escape(firstLine(message)))" type="\#(FailureMode.harnessError.rawValue)">\#(escape(message))</error>"#,
                    "    </testcase>"]
        case let .skipped(reason):
            return [open + ">", #"      <skipped message="\#(escape(reason))"/>"#, "    </testcase>"]
        }
    }

    /// Escapes XML metacharacters and drops what XML 1.0 cannot carry (C0 controls, ANSI escapes).
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in stripANSI(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\n": result += "&#10;"
            case "\t", "\r": result.unicodeScalars.append(scalar)
            default:
                // XML 1.0 allows no other C0 control, nor U+FFFE/U+FFFF.
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Removes ANSI CSI sequences (colours, cursor moves) so only their text remains.
    public static func stripANSI(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var output = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\u{1B}" else { output.append(scalar); continue }
            guard let next = iterator.next() else { break }
            if next == "[" {
                // CSI: parameters and intermediates until a final byte in @...~.
                while let byte = iterator.next(), !(0x40 ... 0x7E).contains(byte.value) {}
            }
        }
        return String(output)
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first ?? "")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private struct Tally {
        var tests = 0, failures = 0, errors = 0, skipped = 0, time = 0.0

        init(_ records: [TestCaseRecord]) {
            for record in records {
                tests += 1
                time += record.durationSeconds
                switch record.verdict {
                case .passed: break
                case .failed: failures += 1
                case .errored: errors += 1
                case .skipped: skipped += 1
                }
            }
        }

        var attributes: String {
            #"tests="\#(tests)" failures="\#(failures)" errors="\#(errors)" skipped="\#(skipped)" time="\#(seconds(time))""#
        }
    }
}
