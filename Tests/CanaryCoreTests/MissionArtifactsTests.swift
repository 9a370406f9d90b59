import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class MissionArtifactsTests: XCTestCase {
    func testSpecHasASubstantiveFunctionalRequirementRow() {
        let spec = MissionArtifacts().specMarkdown
        // The CLI's own check: `| FR-### |` then a title or description that is not a placeholder.
        let row = spec.split(separator: "\n").first { $0.hasPrefix("| FR-001 |") }
        XCTAssertNotNil(row)
        XCTAssertFalse(row?.contains("[") ?? true, "no [placeholder] text")
    }

    func testTasksReferenceTheRequirementAndTheSubtask() {
        let tasks = MissionArtifacts().tasksMarkdown
        XCTAssertTrue(tasks.contains("## Work Package WP01: "))
        XCTAssertTrue(tasks.contains("**Requirements Refs**: FR-001"))
        XCTAssertTrue(tasks.contains("- [x] T001 "))
    }

    func testWorkPackageFrontMatterHasTheFieldsFinalizeTasksValidates() throws {
        let artifacts = MissionArtifacts()
        let text = artifacts.workPackageMarkdown
        XCTAssertTrue(text.hasPrefix("---\n"))
        let frontMatter = try XCTUnwrap(text.components(separatedBy: "\n---\n").first)
        for line in [
            "work_package_id: WP01", "lane: planned", "dependencies: []", "requirement_refs:\n- FR-001",
            "subtasks:\n- T001", "owned_files:\n- canary/WP01.txt", "create_intent:\n- canary/WP01.txt",
            "authoritative_surface: canary/", "execution_mode: code_change",
        ] {
            XCTAssertTrue(frontMatter.contains(line), "front matter lacks \(line)")
        }
        XCTAssertEqual(artifacts.workPackageRelativePath, "tasks/WP01-canary-transition.md")
    }

    func testWritesIntoTheFeatureDirectory() throws {
        let directory = try TemporaryDirectory("artifacts")
        defer { directory.remove() }
        let artifacts = MissionArtifacts()
        try artifacts.writeSpec(into: directory.url)
        try artifacts.writeTasks(into: directory.url)
        XCTAssertEqual(try String(contentsOf: directory.url.appendingPathComponent("spec.md"), encoding: .utf8), artifacts.specMarkdown)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("tasks.md").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(artifacts.workPackageRelativePath).path))
    }
}
