import Foundation

/// The planning files a scenario seeds instead of an agent: spec, tasks and one work package.
///
/// Checked against the real 3.2.7 CLI: `setup-plan` needs a committed spec
/// with a substantive FR-### row, and `finalize-tasks` refuses an
/// `owned_files` path that matches no file unless it is also listed in
/// `create_intent`.
public struct MissionArtifacts: Equatable, Sendable {
    /// The work package id, `WP01`.
    public var workPackageID: String
    /// The work package file's name part, `canary-transition` in `WP01-canary-transition.md`.
    public var workPackageName: String
    /// The work package title.
    public var title: String
    /// The single subtask, `T001`.
    public var subtaskID: String
    /// The single functional requirement, `FR-001`.
    public var requirementID: String
    /// The file the work package claims (created by nobody: listed in `create_intent`).
    public var ownedFile: String
    /// Whether the front matter lists `create_intent`: 3.2.7 needs it for an owned file that does
    /// not exist yet; 3.2.0 and its RCs refuse the key (`extra_forbidden`), so there the file is made instead.
    public var declaresCreateIntent = true

    /// The canary's default: WP01 with subtask T001 covering FR-001.
    public init(
        workPackageID: String = "WP01",
        workPackageName: String = "canary-transition",
        title: String = "Canary transition",
        subtaskID: String = "T001",
        requirementID: String = "FR-001",
        ownedFile: String = "canary/WP01.txt"
    ) {
        self.workPackageID = workPackageID
        self.workPackageName = workPackageName
        self.title = title
        self.subtaskID = subtaskID
        self.requirementID = requirementID
        self.ownedFile = ownedFile
    }

    /// `spec.md`: a Functional Requirements table with one substantive row.
    public var specMarkdown: String {
        """
        # Mission Specification: \(title)

        **Status**: Draft

        ## Functional Requirements

        | ID | Title | Description | Priority | Status |
        |----|-------|-------------|----------|--------|
        | \(requirementID) | \(title) | The canary records a work package transition so the sync identity boundary can be checked. | High | Open |

        """
    }

    /// `tasks.md`: one work package section referencing the requirement.
    public var tasksMarkdown: String {
        """
        # Tasks: \(title)

        ## Work Package \(workPackageID): \(title)

        **Requirements Refs**: \(requirementID)

        - [x] \(subtaskID) Record the canary transition

        """
    }

    /// `tasks/<WP>-<name>.md` with the front matter `finalize-tasks` validates.
    public var workPackageMarkdown: String {
        let surface = (ownedFile as NSString).deletingLastPathComponent
        return """
        ---
        work_package_id: \(workPackageID)
        title: \(title)
        lane: planned
        dependencies: []
        requirement_refs:
        - \(requirementID)
        subtasks:
        - \(subtaskID)
        owned_files:
        - \(ownedFile)
        \(declaresCreateIntent ? "create_intent:\n- \(ownedFile)\n" : "")authoritative_surface: \(surface.isEmpty ? "." : surface + "/")
        execution_mode: code_change
        ---

        # \(workPackageID): \(title)

        ## Objective

        Record one work-package transition for the sync identity-boundary canary.

        ### Subtask \(subtaskID): Record the canary transition

        - **Purpose**: produce a WPStatusChanged event the canary can follow to the server.

        """
    }

    /// The work package file's path relative to the feature directory.
    public var workPackageRelativePath: String { "tasks/\(workPackageID)-\(workPackageName).md" }

    /// Writes `spec.md` into `featureDirectory` (before `setup-plan`).
    public func writeSpec(into featureDirectory: URL) throws {
        try write(specMarkdown, to: featureDirectory.appendingPathComponent("spec.md"))
    }

    /// A plan whose Technical Context holds real values: 3.2.0 and its RCs block
    /// `setup-plan` on their own template until Language/Version and a peer field are filled.
    public var planMarkdown: String {
        """
        # Implementation Plan: \(title)

        ## Summary

        The sync identity-boundary canary records one work-package transition and checks where it is delivered.

        ## Technical Context

        **Language/Version**: Swift 6.3
        **Primary Dependencies**: Foundation, XCTest
        **Storage**: files
        **Testing**: XCTest against the real CLI
        **Target Platform**: Linux
        **Project Type**: single
        **Performance Goals**: one mission per scenario
        **Constraints**: loopback only
        **Scale/Scope**: one work package

        """
    }

    /// Writes `plan.md` into `featureDirectory` (after a `setup-plan` that found the template not substantive).
    public func writePlan(into featureDirectory: URL) throws {
        try write(planMarkdown, to: featureDirectory.appendingPathComponent("plan.md"))
    }

    /// Writes `tasks.md` and the work package file into `featureDirectory` (before `finalize-tasks`).
    public func writeTasks(into featureDirectory: URL) throws {
        try write(tasksMarkdown, to: featureDirectory.appendingPathComponent("tasks.md"))
        try write(workPackageMarkdown, to: featureDirectory.appendingPathComponent(workPackageRelativePath))
    }

    /// Creates the owned file in `checkout` (when `create_intent` is not declared, it must exist).
    public func writeOwnedFile(in checkout: URL) throws {
        try write("canary work package \(workPackageID)\n", to: checkout.appendingPathComponent(ownedFile))
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
