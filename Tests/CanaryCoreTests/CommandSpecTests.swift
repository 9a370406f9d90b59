import CanaryCore
import XCTest

/// The one argument parser: spellings, mistakes, positionals and the generated help.
final class CommandSpecTests: XCTestCase {
    private let spec = CommandSpec(
        command: "canary demo",
        summary: "Demonstrates the parser.",
        options: [
            .flag("--verbose", "-v", help: "say more"),
            .value("--runs", valueName: "N", help: "runs expected, 1 to 4 (default 4)"),
            .value("--work-dir", valueName: "DIR", help: "where attempts go\nand stay"),
            .repeatable("--tag", valueName: "T", help: "a tag; repeat for more"),
        ],
        positionals: [PositionalSpec("<bundle>", help: "the bundle directory"), PositionalSpec("<extra>", arity: .optional)],
        footer: "exit codes:\n  0  fine"
    )

    private func assertUsageError(_ arguments: [String], _ expected: UsageError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try spec.parse(arguments), "\(arguments)", file: file, line: line) { error in
            XCTAssertEqual(error as? UsageError, expected, file: file, line: line)
        }
    }

    func testFlagsAndBothValueSpellings() throws {
        let parsed = try spec.parse(["-v", "--runs", "2", "--work-dir=/w", "b"])
        XCTAssertTrue(parsed.flag("--verbose"), "a short spelling is stored under the canonical name")
        XCTAssertEqual(parsed.value("--runs"), "2")
        XCTAssertEqual(parsed.value("--work-dir"), "/w")
        XCTAssertEqual(parsed.positionals, ["b"])
        XCTAssertFalse(parsed.helpRequested)
        XCTAssertEqual(try spec.parse(["--runs=3", "b"]), try spec.parse(["b", "--runs", "3"]))
        XCTAssertEqual(try spec.parse(["--work-dir=a=b", "b"]).value("--work-dir"), "a=b", "only the first = splits")
        XCTAssertEqual(try spec.parse(["--work-dir=", "b"]).value("--work-dir"), "", "an empty inline value is a value")
    }

    func testRepeatedOptions() throws {
        let parsed = try spec.parse(["--tag", "a", "b", "--tag=c", "--runs", "1", "--runs", "2"])
        XCTAssertEqual(parsed.allValues("--tag"), ["a", "c"])
        XCTAssertEqual(parsed.value("--runs"), "2", "a single-valued option given twice: the last counts")
    }

    func testMissingValues() {
        assertUsageError(["b", "--runs"], .missingValue("--runs"))
        assertUsageError(["--runs", "--verbose", "b"], .missingValue("--runs"))
    }

    func testUnknownOptionsAndFlagsWithValues() {
        assertUsageError(["b", "--bogus"], .unknownOption("--bogus"))
        assertUsageError(["b", "--bogus=1"], .unknownOption("--bogus"))
        assertUsageError(["b", "-x"], .unknownOption("-x"))
        assertUsageError(["b", "--verbose=yes"], .invalidValue(option: "--verbose", value: "yes", why: "takes no value"))
        assertUsageError(["--help=me"], .invalidValue(option: "--help", value: "me", why: "takes no value"))
    }

    func testBadValuesNameTheirOption() throws {
        let parsed = try spec.parse(["--runs=nine", "--work-dir=", "b"])
        XCTAssertThrowsError(try parsed.value("--runs", invalid: "expected a number from 1 to 4") { Int($0) }) { error in
            XCTAssertEqual("\(error)", "--runs 'nine': expected a number from 1 to 4")
        }
        XCTAssertThrowsError(try parsed.nonEmptyValue("--work-dir")) { error in
            XCTAssertEqual("\(error)", "--work-dir '': must not be empty")
        }
        struct Refusal: Error, CustomStringConvertible { var description: String { "not today" } }
        XCTAssertThrowsError(try parsed.value("--runs") { (_: String) throws -> Int in throw Refusal() }) { error in
            XCTAssertEqual(error as? UsageError, .invalidValue(option: "--runs", value: "nine", why: "not today"))
        }
        XCTAssertNil(try parsed.value("--tag", invalid: "never asked") { $0 }, "absent is nil, not an error")
    }

    func testPositionals() throws {
        XCTAssertEqual(try spec.parse(["b", "e"]).positionals, ["b", "e"])
        XCTAssertEqual(try spec.parse(["-", "--", "--runs"]).positionals, ["-", "--runs"], "`-` is a word; after `--` everything is")
        assertUsageError([], .missingArgument("<bundle>"))
        assertUsageError(["b", "e", "f"], .unexpectedArgument("f"))
        let variadic = CommandSpec(command: "canary matrix", positionals: [PositionalSpec("V", arity: .oneOrMore)])
        XCTAssertEqual(try variadic.parse(["1", "2", "3"]).positionals, ["1", "2", "3"])
        XCTAssertThrowsError(try variadic.parse([])) { XCTAssertEqual($0 as? UsageError, .missingArgument("V")) }
        let any = CommandSpec(command: "canary matrix", positionals: [PositionalSpec("V", arity: .zeroOrMore)])
        XCTAssertEqual(try any.parse([]).positionals, [])
        XCTAssertEqual(try any.parse(["1", "2"]).positionals, ["1", "2"])
        XCTAssertEqual(any.usageLine, "usage: canary matrix [V ...]")
    }

    func testHelpIsRecognisedAndSkipsThePositionalCount() throws {
        XCTAssertTrue(try spec.parse(["--help"]).helpRequested)
        XCTAssertTrue(try spec.parse(["-h", "--runs=2"]).helpRequested)
        assertUsageError(["-h", "--bogus"], .unknownOption("--bogus"))
    }

    func testHelpIsGeneratedFromTheDeclarations() {
        XCTAssertEqual(spec.helpText, """
            usage: canary demo [options] <bundle> [<extra>]

            Demonstrates the parser.

            arguments:
              <bundle>        the bundle directory

            options:
              --verbose, -v   say more
              --runs N        runs expected, 1 to 4 (default 4)
              --work-dir DIR  where attempts go
                              and stay
              --tag T ...     a tag; repeat for more
              --help, -h      this help

            exit codes:
              0  fine
            """)
        XCTAssertEqual(CommandSpec(command: "canary host-check").helpText, "usage: canary host-check\n\noptions:\n  --help, -h  this help")
    }

    func testOneUsageExitCode() {
        XCTAssertEqual(UsageError.exitCode, 64, "EX_USAGE, for every command")
    }

    func testAnInvocationRunsPrintsHelpOrRefusesWithOneExitCode() {
        let spec = CommandSpec(command: "canary demo", summary: "A demo.", options: [.value("--runs", valueName: "N", help: "runs")])
        var printed: [String] = [], errors: [String] = []
        func invoke(_ arguments: [String]) -> CommandInvocation<Int> {
            spec.invocation(arguments, output: { printed.append($0) }, errorOutput: { errors.append($0) }) { parsed in
                try parsed.value("--runs", invalid: "expected a number") { Int($0) } ?? 4
            }
        }
        guard case .run(2) = invoke(["--runs=2"]) else { return XCTFail("runs with its options") }
        guard case .exit(0) = invoke(["--help"]) else { return XCTFail("help exits 0") }
        XCTAssertEqual(printed, [spec.helpText])
        guard case .exit(UsageError.exitCode) = invoke(["--runs", "x"]) else { return XCTFail("a bad value is a usage error") }
        guard case .exit(UsageError.exitCode) = invoke(["--nope"]) else { return XCTFail("an unknown option is a usage error") }
        XCTAssertEqual(errors.count, 2)
        XCTAssertTrue(errors.allSatisfy { $0.hasPrefix("canary demo: ") && $0.hasSuffix(spec.helpText) }, "\(errors)")
    }
}

