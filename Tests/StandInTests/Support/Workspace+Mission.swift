import CanaryCore
import Foundation

/// The mission lifecycle of spec-kitty-cli.md ("Mission lifecycle used by the scenarios").
extension Workspace {
    /// Creates a mission, seeds its spec and one work package, plans and finalizes it, walks
    /// WP01 to `in_review` one lane at a time, then rolls it back to `planned` with review
    /// feedback (the rollback 3.2.x only accepts with `--review-feedback-file`). Returns the slug.
    @discardableResult
    func runMissionLifecycle(label: String) throws -> String {
        let created = try Self.jsonObject(run(["agent", "mission", "create", label, "--mission-type", "software-dev", "--json"]).stdout)
        guard let slug = created["mission_slug"]?.stringValue, let featureDir = created["feature_dir"]?.stringValue else {
            throw CLIFailure("mission create answered no mission_slug/feature_dir: \(created)")
        }
        try seedMission(at: URL(fileURLWithPath: featureDir))
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "seed \(slug)"])
        // Exits 0 even when it reports "blocked"; what matters is that it ran on a committed spec.
        try run(["agent", "mission", "setup-plan", "--mission", slug, "--json"])
        try run(["agent", "mission", "finalize-tasks", "--mission", slug, "--json"])
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-m", "finalize \(slug)"])
        try run(["agent", "tasks", "mark-status", "T001", "--status", "done", "--mission", slug, "--json"])
        let roles = ["--mission", slug, "--agent", "claude", "--reviewer", "claude", "--json"]
        for lane in ["claimed", "in_progress", "for_review", "in_review"] {
            try run(["agent", "tasks", "move-task", "WP01", "--to", lane] + roles)
        }
        let feedback = home.appendingPathComponent("review-feedback-\(slug).md")
        try Data("# Review feedback\n\nThe canary work needs another pass.\n".utf8).write(to: feedback)
        try run(["agent", "tasks", "move-task", "WP01", "--to", "planned", "--review-feedback-file", feedback.path,
                 "--note", "needs rework"] + roles)
        return slug
    }

    /// spec.md with an FR-001 row, tasks.md with WP01/T001, and WP01's prompt file; the
    /// owned file exists so finalize-tasks' ownership check passes.
    private func seedMission(at featureDir: URL) throws {
        let files: [(String, String)] = [
            ("spec.md", """
                # Specification

                ## Functional Requirements

                | ID | Requirement | Priority |
                |----|-------------|----------|
                | FR-001 | The canary's work package moves through review and back | High |

                """),
            ("tasks.md", """
                # Tasks

                ## Work Package WP01: Canary work

                **Requirements Refs**: FR-001

                - [x] T001 Do the canary work

                """),
            ("tasks/WP01-canary-work.md", """
                ---
                work_package_id: WP01
                title: Canary work
                lane: planned
                dependencies: []
                requirement_refs: [FR-001]
                subtasks: [T001]
                owned_files: [src/canary.txt]
                authoritative_surface: src/
                execution_mode: code_change
                ---

                # WP01: Canary work

                Do the canary work.

                """),
        ]
        for (path, text) in files {
            let url = featureDir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let owned = checkout.appendingPathComponent("src/canary.txt")
        try FileManager.default.createDirectory(at: owned.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("canary\n".utf8).write(to: owned)
    }

    /// The JSON object in a command's stdout (which may carry warnings before it).
    static func jsonObject(_ stdout: String) throws -> JSONValue {
        guard let start = stdout.firstIndex(of: "{"),
              let object = try? JSONDecoder().decode(JSONValue.self, from: Data(stdout[start...].utf8)) else {
            throw CLIFailure("no JSON object in: \(stdout.suffix(2000))")
        }
        return object
    }
}
