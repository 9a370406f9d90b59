import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class GitRepositoryTests: XCTestCase {
    func testInitializeCommitRemoteAndBranch() throws {
        let directory = try TemporaryDirectory("git-repo")
        defer { directory.remove() }
        let checkout = directory.url.appendingPathComponent("checkout")
        try FileManager.default.createDirectory(at: checkout, withIntermediateDirectories: true)
        let environment = SpecKittyEnvironment(home: directory.url.appendingPathComponent("home"), serverURL: "http://x")
        let runner = ProcessRunner()
        var calls: [[String]] = []
        let repository = GitRepository { arguments in
            calls.append(arguments)
            return try runner.run(["git"] + arguments, environment: environment.processEnvironment, workingDirectory: checkout)
        }

        try repository.initialize()
        XCTAssertEqual(try repository.currentBranch(), "main")
        XCTAssertNil(try repository.commitAll(message: "nothing"), "nothing staged, no commit")
        try Data("x\n".utf8).write(to: checkout.appendingPathComponent("file.txt"))
        XCTAssertNotNil(try repository.commitAll(message: "add file"))
        let remote = Workspace.makeCanaryRemoteURL()
        try repository.addRemote(remote)
        try repository.checkoutNewBranch("canary/feature")
        XCTAssertEqual(try repository.currentBranch(), "canary/feature")
        XCTAssertEqual(try repository.run(["remote", "get-url", "origin"]).stdout, remote + "\n")
        let log = try repository.run(["log", "--format=%an <%ae>|%s"]).stdout
        XCTAssertEqual(log, """
        \(GitIdentity.canary.name) <\(GitIdentity.canary.email)>|add file
        \(GitIdentity.canary.name) <\(GitIdentity.canary.email)>|Initial commit of the canary checkout

        """)
        XCTAssertEqual(calls.first, ["init", "-q", "-b", "main"])
    }

    func testFailedStepCarriesTheResult() throws {
        let repository = GitRepository { arguments in
            CommandResult(argv: ["git"] + arguments, termination: .exited(128), stderr: Data("fatal: nope\n".utf8))
        }
        XCTAssertThrowsError(try repository.addRemote("x")) { error in
            guard case let SpecKittyError.stepFailed(step, result) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(step, "git remote add")
            XCTAssertEqual(result.exitCode, 128)
            XCTAssertTrue(String(describing: error).contains("fatal: nope"))
        }
    }
}
