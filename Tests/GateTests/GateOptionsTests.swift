import CanaryCore
import CanaryGate
import XCTest

/// `canary gate` option parsing, defaults and errors.
final class GateOptionsTests: XCTestCase {
    func testDefaultsFollowTheDesign() throws {
        let options = try GateOptions.parse([])
        XCTAssertEqual(options.tracker, .file(nil))
        XCTAssertEqual(options.baseline.description, "3.2.0rc15")
        XCTAssertNil(options.line)
        XCTAssertNil(options.candidate, "the index decides unless a release engineer names a version")
        XCTAssertEqual(options.index, .pip)
        XCTAssertNil(options.saasURL)
        XCTAssertEqual(options.teamspaceDirectory, "/tmp")
        XCTAssertEqual(options.teamspaceCommand, "swift test --parallel --filter TeamspaceMVP --xunit-output {junit}")
        XCTAssertTrue(options.reopenBlockers)
        XCTAssertFalse(options.dryRun)
    }

    func testParsesEveryOption() throws {
        let options = try GateOptions.parse([
            "--tracker", "github", "--github-owner", "spec-kitty", "--line", "3.2", "--baseline=3.2.0-RC.15", "--candidate", "3.2.7",
            "--index", "3.2.0rc15, 3.2.0rc16", "--cli-bin", "/v/bin/spec-kitty", "--venv-root", "/venvs", "--saas-url", "http://127.0.0.1:8000",
            "--cli-repo", "/src/spec-kitty", "--teamspace-command", "make teamspace", "--teamspace-dir", "/logs", "--work-dir", "/work",
            "--repo-root", "/repo", "--no-reopen", "--verbose", "--dry-run",
        ])
        XCTAssertEqual(options.tracker, .github)
        XCTAssertEqual(options.githubOwner, "spec-kitty")
        XCTAssertEqual(options.line?.description, "3.2")
        XCTAssertEqual(options.baseline.normalized, "3.2.0rc15")
        XCTAssertEqual(options.baseline.description, "3.2.0-RC.15", "printed as the release engineer typed it")
        XCTAssertEqual(options.candidate?.description, "3.2.7")
        XCTAssertEqual(options.index, .fixed(["3.2.0rc15", "3.2.0rc16"]))
        XCTAssertEqual(options.cliBinary, "/v/bin/spec-kitty")
        XCTAssertEqual(options.venvRoot, "/venvs")
        XCTAssertEqual(options.saasURL, "http://127.0.0.1:8000")
        XCTAssertEqual(options.cliRepository, "/src/spec-kitty")
        XCTAssertEqual(options.teamspaceCommand, "make teamspace")
        XCTAssertEqual(options.teamspaceDirectory, "/logs")
        XCTAssertEqual(options.workDirectory, "/work")
        XCTAssertEqual(options.repositoryRoot, "/repo")
        XCTAssertFalse(options.reopenBlockers)
        XCTAssertTrue(options.verbose)
        XCTAssertTrue(options.dryRun)
        XCTAssertEqual(try GateOptions.parse(["--tracker", "gate.json"]).tracker, .file("gate.json"))
        XCTAssertTrue(try GateOptions.parse(["-h"]).help)
    }

    func testMistakesAreExplained() {
        let cases: [([String], String)] = [
            (["--frobnicate"], "unknown option '--frobnicate'"),
            (["--line"], "--line needs a value"),
            (["--line", "--dry-run"], "--line needs a value"),
            (["--line", "3.2rc1"], "--line '3.2rc1': expected release numbers such as 3.2"),
            (["--baseline", "rc15"], "--baseline 'rc15': 'rc15' is not a PEP 440 version: expected a number at offset 0, found 'r'"),
            (["--saas-url", "127.0.0.1:8000"], "--saas-url '127.0.0.1:8000': expected an http(s) URL"),
            (["--index", ","], "--index ',': expected 'pip' or a comma-separated version list"),
            (["--dry-run=yes"], "--dry-run 'yes': takes no value"),
            (["--work-dir="], "--work-dir '': must not be empty"),
            (["--init-tracker", "--tracker", "github"], "--init-tracker writes a tracker file; it cannot be used with --tracker github"),
        ]
        for (arguments, message) in cases {
            XCTAssertThrowsError(try GateOptions.parse(arguments), "\(arguments)") { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testHelpDocumentsTheExitCodes() {
        XCTAssertTrue(GateOptions.helpText.contains("0  GATE_COMPLETE"))
        XCTAssertTrue(GateOptions.helpText.contains("1  STOPPED"))
        XCTAssertTrue(GateOptions.helpText.contains("2  preflight error"))
        XCTAssertTrue(GateOptions.helpText.contains("64  usage error"), "one usage exit code for every command")
    }

    func testHelpListsEveryOptionWithItsHelp() {
        for option in GateOptions.spec.options {
            XCTAssertTrue(GateOptions.helpText.contains(option.synopsis), option.name)
        }
        XCTAssertTrue(GateOptions.helpText.contains("--verbose, -v"))
        XCTAssertTrue(GateOptions.helpText.hasPrefix("usage: canary gate [options]\n"))
    }

    func testEveryValuedOptionTakesTheEqualsSpelling() throws {
        let options = try GateOptions.parse([
            "--tracker=github", "--github-owner=o", "--line=3.2", "--candidate=3.2.7", "--index=pip", "--cli-bin=/b",
            "--venv-root=/v", "--saas-url=https://x.test", "--cli-repo=/c", "--teamspace-command=make", "--teamspace-dir=/t",
            "--work-dir=/w", "--repo-root=/r",
        ])
        XCTAssertEqual(options.tracker, .github)
        XCTAssertEqual(options.githubOwner, "o")
        XCTAssertEqual(options.line?.description, "3.2")
        XCTAssertEqual(options.candidate?.description, "3.2.7")
        XCTAssertEqual(options.index, .pip)
        XCTAssertEqual(options.saasURL, "https://x.test")
        XCTAssertEqual([options.cliBinary, options.venvRoot, options.cliRepository, options.workDirectory, options.repositoryRoot],
                       ["/b", "/v", "/c", "/w", "/r"])
        XCTAssertEqual([options.teamspaceCommand, options.teamspaceDirectory], ["make", "/t"])
    }
}
