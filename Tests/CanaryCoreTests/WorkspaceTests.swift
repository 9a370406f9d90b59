import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class WorkspaceTests: XCTestCase {
    private var root: TemporaryDirectory!

    override func setUpWithError() throws {
        root = try TemporaryDirectory("workspace")
    }

    override func tearDown() {
        root.remove()
        super.tearDown()
    }

    func testCreateLaysOutHomeAndCheckoutAndRefusesReuse() throws {
        let workspace = try Workspace.create(root: root.url, name: "scenario-1")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.home.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.checkout.path))
        XCTAssertEqual(workspace.directory.lastPathComponent, "scenario-1")
        XCTAssertThrowsError(try Workspace.create(root: root.url, name: "scenario-1"))
    }

    func testRuntimePathsFollowTheGeneration() throws {
        let workspace = Workspace(directory: root.url.appendingPathComponent("s"))
        let current = try SpecKittyVersion("3.2.7")
        let old = try SpecKittyVersion("3.2.0rc13")
        XCTAssertEqual(workspace.runtimeRoot(for: current), workspace.home)
        XCTAssertEqual(workspace.runtimeRoot(), workspace.home)
        XCTAssertEqual(workspace.runtimeRoot(for: old).lastPathComponent, ".spec-kitty")
        XCTAssertEqual(workspace.projectStoreURL(projectUUID: "u-1").path, workspace.home.path + "/projects/u-1/sync/sync.db")
        XCTAssertEqual(workspace.legacyQueueURL().path, workspace.home.path + "/queue.db")
        XCTAssertEqual(workspace.legacyQueueURL(for: old).path, workspace.home.path + "/.spec-kitty/queue.db")
        XCTAssertEqual(workspace.ownerRecordURL().path, workspace.home.path + "/sync/daemon/owner.json")
        XCTAssertEqual(workspace.daemonAddressURL().path, workspace.home.path + "/sync-daemon")
        XCTAssertEqual(workspace.configURL(for: old).path, workspace.home.path + "/.spec-kitty/config.toml")
    }

    func testConfigTOML() throws {
        let workspace = try Workspace.create(root: root.url, name: "config")
        try workspace.writeConfig(.manualDaemon)
        XCTAssertEqual(try String(contentsOf: workspace.configURL(), encoding: .utf8), "[sync]\nbackground_daemon = \"manual\"\n")
        let old = try SpecKittyVersion("3.2.0")
        try workspace.writeConfig(SpecKittyConfig(backgroundDaemon: "manual", serverURL: "http://127.0.0.1:8080/"), for: old)
        XCTAssertEqual(
            try String(contentsOf: workspace.configURL(for: old), encoding: .utf8),
            "[sync]\nserver_url = \"http://127.0.0.1:8080/\"\nbackground_daemon = \"manual\"\n"
        )
        XCTAssertEqual(SpecKittyConfig(serverURL: "a\"b\\c\n").tomlText, "[sync]\nserver_url = \"a\\\"b\\\\c\\n\"\n")
    }

    func testProjectIdentityFromRecordedConfigs() throws {
        let current = ProjectIdentity.parse(yaml: try RecordedOutputs.text("cli-3.2.7/kittify-config.yaml"))
        XCTAssertEqual(current, ProjectIdentity(uuid: "d93c6e1c-439d-4f06-96d5-69a5a4618ea1", slug: "checkout"))
        let old = ProjectIdentity.parse(yaml: try RecordedOutputs.text("cli-3.2.0/kittify-config.yaml"))
        XCTAssertEqual(old?.uuid, "d3c5ab9a-47e6-4b5f-b73c-b21989d00e48")
        XCTAssertEqual(ProjectIdentity.parse(yaml: "project_uuid: 'abc'\n"), ProjectIdentity(uuid: "abc"))
        XCTAssertNil(ProjectIdentity.parse(yaml: "vcs:\n  uuid: not-this-one\n"))
    }

    func testProjectIdentityReadsTheCheckoutAndNamesAMissingFile() throws {
        let workspace = try Workspace.create(root: root.url, name: "identity")
        XCTAssertThrowsError(try workspace.projectIdentity())
        try FileManager.default.createDirectory(at: workspace.kittifyConfigURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("vcs:\n  type: git\n".utf8).write(to: workspace.kittifyConfigURL)
        XCTAssertThrowsError(try workspace.projectIdentity()) { error in
            guard case SpecKittyError.projectIdentityMissing = error else { return XCTFail("\(error)") }
        }
    }

    func testCanaryRemotesAreUnique() {
        let first = Workspace.makeCanaryRemoteURL()
        XCTAssertNotNil(first.range(of: #"^git@github\.com:Priivacy-ai/spec-kitty-canary-[0-9a-f]{12}\.git$"#, options: .regularExpression), first)
        XCTAssertNotEqual(first, Workspace.makeCanaryRemoteURL())
    }
}
