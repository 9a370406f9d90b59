import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class SpecKittyEnvironmentTests: XCTestCase {
    private let home = URL(fileURLWithPath: "/tmp/canary/scenario-1/home")

    func testSetsTheVariablesOfTheCLINotes() {
        let environment = SpecKittyEnvironment(home: home, serverURL: "http://127.0.0.1:8765", base: ["PATH": "/usr/bin:/bin"])
        let variables = environment.processEnvironment.variables
        XCTAssertEqual(variables["HOME"], home.path)
        XCTAssertEqual(variables["SPEC_KITTY_HOME"], home.path)
        XCTAssertEqual(variables["SPEC_KITTY_SAAS_URL"], "http://127.0.0.1:8765")
        XCTAssertEqual(variables["SPEC_KITTY_ENABLE_SAAS_SYNC"], "1")
        XCTAssertEqual(variables["SPEC_KITTY_NO_UPGRADE_CHECK"], "1")
        XCTAssertEqual(variables["SPEC_KITTY_NON_INTERACTIVE"], "1")
        XCTAssertEqual(variables["NO_COLOR"], "1")
        XCTAssertEqual(variables["COLUMNS"], "200")
        XCTAssertEqual(variables["GIT_AUTHOR_NAME"], GitIdentity.canary.name)
        XCTAssertEqual(variables["GIT_COMMITTER_EMAIL"], GitIdentity.canary.email)
        XCTAssertNil(variables["SPEC_KITTY_SYNC_DISABLE"])
    }

    func testStripsInheritedStateThatCouldLeakTheRealUser() {
        let base = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm",
            "SPEC_KITTY_SYNC_DISABLE": "1", "SPEC_KITTY_HOME": "/root/.spec-kitty", "SPEC_KITTY_TOKEN": "real",
            "GIT_DIR": "/root/repo/.git", "GIT_CONFIG_GLOBAL": "/root/.gitconfig", "GIT_AUTHOR_NAME": "Real Person",
            "XDG_CONFIG_HOME": "/root/.config", "PYTHONPATH": "/root/lib", "VIRTUAL_ENV": "/root/venv",
        ]
        let variables = SpecKittyEnvironment(home: home, serverURL: "http://x", base: base).processEnvironment.variables
        XCTAssertNil(variables["SPEC_KITTY_SYNC_DISABLE"])
        XCTAssertNil(variables["SPEC_KITTY_TOKEN"])
        XCTAssertEqual(variables["SPEC_KITTY_HOME"], home.path)
        XCTAssertNil(variables["GIT_DIR"])
        XCTAssertNil(variables["GIT_CONFIG_GLOBAL"])
        XCTAssertEqual(variables["GIT_AUTHOR_NAME"], GitIdentity.canary.name)
        XCTAssertNil(variables["XDG_CONFIG_HOME"])
        XCTAssertNil(variables["PYTHONPATH"])
        XCTAssertNil(variables["VIRTUAL_ENV"])
        XCTAssertEqual(variables["LANG"], "C.UTF-8", "harmless variables are kept")
        XCTAssertEqual(variables["TERM"], "xterm")
    }

    func testExtraCannotDisableCapture() {
        let variables = SpecKittyEnvironment(
            home: home, serverURL: "http://x", extra: ["SPEC_KITTY_SYNC_DISABLE": "1", "CANARY_EXTRA": "yes"], base: [:]
        ).processEnvironment.variables
        XCTAssertNil(variables["SPEC_KITTY_SYNC_DISABLE"])
        XCTAssertEqual(variables["CANARY_EXTRA"], "yes")
    }

    func testPathPutsTheCLIFirstAndFindsGit() throws {
        let path = SpecKittyEnvironment.path(cliBinDirectory: URL(fileURLWithPath: "/venv/bin"), inheritedPath: nil)
        let directories = path.split(separator: ":").map(String.init)
        XCTAssertEqual(directories.first, "/venv/bin")
        XCTAssertEqual(directories.count, Set(directories).count, "no duplicates")
        XCTAssertNoThrow(try ExecutableLocator.resolve("git", searchPath: path))
        XCTAssertTrue(directories.contains("/usr/bin"))
    }

    func testGitRunsWithTheEnvironmentAndSeesTheCanaryIdentity() throws {
        let directory = try TemporaryDirectory("env-git")
        defer { directory.remove() }
        let environment = SpecKittyEnvironment(home: directory.url, serverURL: "http://x")
        let result = try ProcessRunner().run(["git", "var", "GIT_AUTHOR_IDENT"], environment: environment.processEnvironment)
        XCTAssertTrue(result.stdout.hasPrefix("\(GitIdentity.canary.name) <\(GitIdentity.canary.email)>"), result.stdout)
    }
}
