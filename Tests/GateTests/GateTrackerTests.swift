import CanaryCore
import CanaryGate
import Foundation
import XCTest

/// The local tracker file, the gh answer parsers, and the fix-commit analysis.
final class GateTrackerTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-tracker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    // MARK: File tracker

    func testTemplateRoundTripCommentCloseReopen() throws {
        let path = directory.appendingPathComponent("gate-tracker.json").path
        try FileIssueTracker.writeTemplate(to: path)
        let tracker = FileIssueTracker(path: path, now: { Date(timeIntervalSince1970: 1_795_000_000) })

        for ref in [IssueRef.rollbackBlocker, .queuedEventsBlocker, .e2eGate, .releaseTracking] {
            XCTAssertEqual(try tracker.issue(ref).state, .open)
            XCTAssertNil(try tracker.issue(ref).fix)
        }
        let location = try tracker.postComment("evidence body", on: .e2eGate)
        XCTAssertEqual(location, "\(path)#spec-kitty-e2e#41/comments/1")
        try tracker.close(.e2eGate)

        // A fresh tracker over the same file sees everything: nothing lived only in memory.
        let reread = try FileIssueTracker(path: path).issue(.e2eGate)
        XCTAssertEqual(reread.state, .closed)
        XCTAssertEqual(reread.comments, [IssueComment(body: "evidence body", author: "canary gate", createdAt: "2026-11-18T11:06:40.000Z")])
        try tracker.reopen(.e2eGate)
        XCTAssertEqual(try tracker.issue(.e2eGate).state, .open)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["gate-tracker.json"],
                       "atomic writes leave no temporary files behind")
    }

    func testFixRecordsBecomeFacts() throws {
        let path = directory.appendingPathComponent("t.json").path
        try Data("""
            {"issues": {
              "spec-kitty#1141": {"state": "CLOSED", "fix": {"commit": "abc123", "tests_changed": true,
                 "files": [{"path": "src/specify_cli/cli/commands/agent/tasks.py", "added_lines": 30, "removed_lines": 4}]}},
              "spec-kitty#1182": {"state": "CLOSED", "comments": [], "fix": {"commit": "def456",
                 "files": [{"path": "src/specify_cli/sync/batch.py", "added_lines": 3, "removed_lines": 0}]}},
              "spec-kitty#9": {"state": "CLOSED", "fix": {"commit": "0a0a", "log_only": true,
                 "files": [{"path": "src/specify_cli/sync/batch.py", "added_lines": 3, "removed_lines": 0},
                           {"path": "tests/sync/test_batch.py", "added_lines": 10, "removed_lines": 0}]}}
            }}
            """.utf8).write(to: URL(fileURLWithPath: path))
        let tracker = FileIssueTracker(path: path)

        let rollback = try XCTUnwrap(tracker.issue(.rollbackBlocker).fix)
        XCTAssertEqual(rollback.verdict, .substantive)
        XCTAssertEqual(rollback.source, "tracker record \(path)")
        XCTAssertEqual(try tracker.issue(.queuedEventsBlocker).fix?.verdict, .diagnosticOnly("no test added or changed"))
        XCTAssertEqual(try tracker.issue(IssueRef("spec-kitty", 9)).fix?.verdict, .diagnosticOnly("only log calls changed"))
    }

    func testUnknownIssuesAndBrokenFilesAreErrorsWithContext() throws {
        let path = directory.appendingPathComponent("t.json").path
        try FileIssueTracker.writeTemplate(to: path)
        XCTAssertThrowsError(try FileIssueTracker(path: path).issue(IssueRef("spec-kitty", 1))) { error in
            XCTAssertEqual("\(error)", "file \(path) has no issue spec-kitty#1")
        }
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try FileIssueTracker(path: path).issue(.e2eGate)) { error in
            XCTAssertTrue("\(error)".hasPrefix("tracker file \(path) is unusable: not a tracker file"), "\(error)")
        }
        XCTAssertThrowsError(try FileIssueTracker(path: path + ".missing").issue(.e2eGate)) { error in
            XCTAssertTrue("\(error)".contains("cannot read it"), "\(error)")
        }
    }

    func testIssueRefKeys() {
        XCTAssertEqual(IssueRef(key: "spec-kitty-e2e#41"), .e2eGate)
        XCTAssertNil(IssueRef(key: "spec-kitty"))
        XCTAssertNil(IssueRef(key: "#41"))
        XCTAssertNil(IssueRef(key: "a#b"))
        XCTAssertEqual(IssueRef.rollbackBlocker.shortName, "#1141")
        XCTAssertEqual(IssueRef.e2eGate.shortName, "spec-kitty-e2e#41")
    }

    // MARK: GitHub answers

    func testParsesGhIssueView() throws {
        let (state, comments) = try GitHubIssueTracker.parseIssueView("""
            {"state":"CLOSED","comments":[{"author":{"login":"rkt"},"body":"fixed in abc","createdAt":"2026-10-01T10:00:00Z"}]}
            """)
        XCTAssertEqual(state, .closed)
        XCTAssertEqual(comments, [IssueComment(body: "fixed in abc", author: "rkt", createdAt: "2026-10-01T10:00:00Z")])
        XCTAssertThrowsError(try GitHubIssueTracker.parseIssueView(#"{"state":"MERGED"}"#))
    }

    func testTheClosingCommitWinsOverReferences() {
        XCTAssertEqual(GitHubIssueTracker.fixCommit(fromTimeline: "referenced\taaa\nclosed\tbbb\nreferenced\tccc\n"), "bbb")
        XCTAssertEqual(GitHubIssueTracker.fixCommit(fromTimeline: "referenced\taaa\nreferenced\tccc\n"), "ccc")
        XCTAssertNil(GitHubIssueTracker.fixCommit(fromTimeline: ""))
    }

    func testCommitAPIPatchesAreAnalysed() throws {
        let json = """
            {"sha": "cafe1234", "files": [
              {"filename": "src/specify_cli/sync/batch.py", "additions": 2, "deletions": 0,
               "patch": "@@ -10,0 +11,2 @@\\n+    logger.warning(\\"queued events: %s\\",\\n+                   count)"},
              {"filename": "CHANGELOG.md", "additions": 1, "deletions": 0, "patch": "@@ -1 +1 @@\\n+- fix"}
            ]}
            """
        let facts = try GitHubIssueTracker.parseCommitFacts(json, source: "GitHub commit API")
        XCTAssertEqual(facts.commit, "cafe1234")
        XCTAssertEqual(facts.files.map(\.path), ["src/specify_cli/sync/batch.py", "CHANGELOG.md"])
        XCTAssertFalse(facts.codeChangedBeyondLogging)
        XCTAssertEqual(facts.verdict, .diagnosticOnly("only log calls changed and no test added or changed"))
    }

    // MARK: Diff analysis

    func testLogOnlyDiffsAreRecognisedAcrossLines() {
        XCTAssertTrue(FixDiffAnalysis.changesOnlyDiagnostics([
            "+import logging", "+logger = logging.getLogger(__name__)", "+", "+# explain the queue state",
            "+    logger.debug(", "+        \"queue has %d rows (%s)\",", "+        len(rows), reason,", "+    )",
            "-    print(\"old\")", "+    console.print(f\"[yellow]{msg}[/yellow]\")",
        ]))
        XCTAssertFalse(FixDiffAnalysis.changesOnlyDiagnostics(["+    logger.info(\"x\")", "+    return rows"]))
        XCTAssertFalse(FixDiffAnalysis.changesOnlyDiagnostics(["-    if force:", "+    if force or reason:"]))
        XCTAssertTrue(FixDiffAnalysis.changesOnlyDiagnostics(["+    logger.info(\"a ) b\")"]), "brackets in strings do not count")
    }

    func testGitShowOutputIsAnalysed() {
        let numstat = """
            12\t3\tsrc/specify_cli/cli/commands/agent/tasks.py
            40\t0\ttests/agent/test_move_task_rollback.py
            -\t-\tdocs/diagram.png
            0\t0\tsrc/{old => new}/name.py
            """
        let patch = """
            diff --git a/src/specify_cli/cli/commands/agent/tasks.py b/src/specify_cli/cli/commands/agent/tasks.py
            --- a/src/specify_cli/cli/commands/agent/tasks.py
            +++ b/src/specify_cli/cli/commands/agent/tasks.py
            @@ -100,3 +100,12 @@
            -    if not feedback_file:
            +    if not feedback_file and not force:
            diff --git a/tests/agent/test_move_task_rollback.py b/tests/agent/test_move_task_rollback.py
            +def test_rollback_lands():
            """
        let facts = FixDiffAnalysis.facts(commit: "abc", source: "clone /src", numstat: numstat, patch: patch)
        XCTAssertEqual(facts.files.map(\.path), [
            "src/specify_cli/cli/commands/agent/tasks.py", "tests/agent/test_move_task_rollback.py", "docs/diagram.png", "src/new/name.py",
        ])
        XCTAssertEqual(facts.files[2].addedLines, 1, "binary files count as changed")
        XCTAssertTrue(facts.testsAddedOrChanged)
        XCTAssertTrue(facts.codeChangedBeyondLogging)
        XCTAssertEqual(facts.verdict, .substantive)
    }

    func testTestFileRecognition() {
        for path in ["tests/a.py", "src/pkg/tests/b.py", "test_x.py", "pkg/x_test.py", "conftest.py"] {
            XCTAssertTrue(FixFileChange(path: path, addedLines: 1, removedLines: 0).isTest, path)
        }
        for path in ["src/testing.py", "README.md", "src/pkg/attest.py"] {
            XCTAssertFalse(FixFileChange(path: path, addedLines: 1, removedLines: 0).isTest, path)
        }
        XCTAssertFalse(FixFileChange(path: "CHANGELOG.md", addedLines: 1, removedLines: 0).isCode)
    }

    func testCloneInspectorRunsGitShowInTheClone() throws {
        let processes = FakeProcesses { command in
            if command.arguments.contains("--numstat") { return CommandResult(exitStatus: 0, stdout: "1\t1\tsrc/a.py\n2\t0\ttests/test_a.py\n") }
            return CommandResult(exitStatus: 0, stdout: "diff --git a/src/a.py b/src/a.py\n-x = 1\n+x = 2\n")
        }
        let facts = try GitCloneFixInspector(repository: "/src/spec-kitty", processes: processes).facts(ofCommit: "abc")
        XCTAssertEqual(facts.verdict, .substantive)
        XCTAssertEqual(facts.source, "clone /src/spec-kitty")
        XCTAssertEqual(processes.commands.withLock { $0.map { Array($0.arguments.prefix(4)) } },
                       [["git", "-C", "/src/spec-kitty", "show"], ["git", "-C", "/src/spec-kitty", "show"]])

        let failing = FakeProcesses { _ in CommandResult(exitStatus: 128, stderr: "fatal: bad object abc") }
        XCTAssertThrowsError(try GitCloneFixInspector(repository: "/src", processes: failing).facts(ofCommit: "abc")) { error in
            XCTAssertTrue("\(error)".contains("exited 128: fatal: bad object abc"), "\(error)")
        }
    }
}
