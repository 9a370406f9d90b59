import CanaryCore
import Foundation

/// The real tracker: GitHub through the `gh` CLI, which carries its own login.
///
/// The fix commit of an issue is the commit that closed it (a `closed`
/// timeline event with a commit), else the last commit that referenced it;
/// its facts come from the commits API's per-file patches.
public struct GitHubIssueTracker: IssueTracker {
    /// The GitHub owner of the repositories, e.g. `Priivacy-ai`.
    public let owner: String
    private let processes: GateProcessRunning

    /// Creates a tracker for `owner`'s repositories.
    public init(owner: String, processes: GateProcessRunning = GateProcessRunner()) {
        self.owner = owner
        self.processes = processes
    }

    /// Nil when `gh` is installed and logged in; otherwise why it cannot be used.
    public static func unavailabilityReason(processes: GateProcessRunning = GateProcessRunner()) -> String? {
        guard let version = try? processes.run(GateCommandLine(["gh", "--version"], timeout: 30)), version.succeeded
        else { return "the GitHub CLI `gh` is not installed (or not on PATH)" }
        guard let status = try? processes.run(GateCommandLine(["gh", "auth", "status"], timeout: 30)), status.succeeded
        else { return "`gh` is installed but not logged in: run `gh auth login`" }
        return nil
    }

    /// "GitHub <owner> (gh)".
    public var trackerDescription: String { "GitHub \(owner) (gh)" }

    /// Reads state and comments with `gh issue view`, then the fix commit and its files with `gh api`.
    public func issue(_ ref: IssueRef) throws -> TrackedIssue {
        let view = try gh(["issue", "view", String(ref.number), "--repo", slug(ref), "--json", "state,comments"])
        let (state, comments) = try Self.parseIssueView(view)
        let timeline = try gh([
            "api", "--paginate", "repos/\(slug(ref))/issues/\(ref.number)/timeline",
            "--jq", #".[] | select(.commit_id != null) | [.event, .commit_id] | @tsv"#,
        ])
        var fix: FixFacts?
        if let commit = Self.fixCommit(fromTimeline: timeline) {
            let commitJSON = try gh(["api", "repos/\(slug(ref))/commits/\(commit)"])
            fix = try Self.parseCommitFacts(commitJSON, source: "GitHub commit API \(slug(ref))@\(commit.prefix(12))")
        }
        return TrackedIssue(ref: ref, state: state, comments: comments, fix: fix)
    }

    /// Posts with `gh issue comment --body-file`; returns the comment URL gh prints.
    public func postComment(_ body: String, on ref: IssueRef) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("canary-gate-comment-\(UUID().uuidString).md")
        try AtomicFile.replace(Data(body.utf8), at: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try gh(["issue", "comment", String(ref.number), "--repo", slug(ref), "--body-file", file.path])
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes with `gh issue close`.
    public func close(_ ref: IssueRef) throws {
        _ = try gh(["issue", "close", String(ref.number), "--repo", slug(ref)])
    }

    /// Re-opens with `gh issue reopen`.
    public func reopen(_ ref: IssueRef) throws {
        _ = try gh(["issue", "reopen", String(ref.number), "--repo", slug(ref)])
    }

    // MARK: Parsing (pure, tested on recorded shapes)

    /// State and comments from `gh issue view --json state,comments`.
    public static func parseIssueView(_ json: String) throws -> (IssueState, [IssueComment]) {
        struct View: Decodable {
            struct Comment: Decodable {
                struct Author: Decodable { let login: String? }
                let author: Author?
                let body: String
                let createdAt: String?
            }

            let state: String
            let comments: [Comment]?
        }
        let view: View
        do {
            view = try JSONDecoder().decode(View.self, from: Data(json.utf8))
        } catch {
            throw IssueTrackerError.malformedAnswer(what: "`gh issue view` output", reason: "\(error)")
        }
        guard let state = IssueState(rawValue: view.state.uppercased()) else {
            throw IssueTrackerError.malformedAnswer(what: "issue state", reason: "'\(view.state)'")
        }
        let comments = (view.comments ?? []).map {
            IssueComment(body: $0.body, author: $0.author?.login, createdAt: $0.createdAt)
        }
        return (state, comments)
    }

    /// The closing commit from `event<TAB>commit_id` lines, else the last referencing commit.
    public static func fixCommit(fromTimeline tsv: String) -> String? {
        let events = tsv.split(whereSeparator: \.isNewline).compactMap { line -> (String, String)? in
            let fields = line.split(separator: "\t")
            return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
        }
        return events.last { $0.0 == "closed" }?.1 ?? events.last { $0.0 == "referenced" }?.1
    }

    /// Fix facts from `GET /repos/{owner}/{repo}/commits/{sha}` (files with additions, deletions, patch).
    public static func parseCommitFacts(_ json: String, source: String) throws -> FixFacts {
        struct Commit: Decodable {
            struct File: Decodable {
                let filename: String
                let additions: Int
                let deletions: Int
                let patch: String?
            }

            let sha: String
            let files: [File]?
        }
        let commit: Commit
        do {
            commit = try JSONDecoder().decode(Commit.self, from: Data(json.utf8))
        } catch {
            throw IssueTrackerError.malformedAnswer(what: "commit API answer", reason: "\(error)")
        }
        let files = commit.files ?? []
        var patches: [String: [String]] = [:]
        for file in files {
            guard let patch = file.patch else { continue }
            patches[file.filename] = patch.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
        }
        return FixDiffAnalysis.facts(
            commit: commit.sha, source: source,
            files: files.map { FixFileChange(path: $0.filename, addedLines: $0.additions, removedLines: $0.deletions) },
            patches: patches
        )
    }

    // MARK: Plumbing

    private func slug(_ ref: IssueRef) -> String { "\(owner)/\(ref.repository)" }

    private func gh(_ arguments: [String]) throws -> String {
        let command = GateCommandLine(["gh"] + arguments, environment: ["GH_PROMPT_DISABLED": "1", "NO_COLOR": "1"], timeout: 120)
        let result = try processes.run(command)
        guard result.succeeded else {
            throw IssueTrackerError.commandFailed(command: command.description, status: result.exitStatus, lastLine: result.lastErrorLine)
        }
        return result.stdout
    }
}
