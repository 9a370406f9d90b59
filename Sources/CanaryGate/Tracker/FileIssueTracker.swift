import CanaryCore
import Foundation

/// The local tracker: issues kept in a JSON file (`gate-tracker.json`), rewritten atomically on every change.
///
/// Shape:
/// ```json
/// {"issues": {"spec-kitty#1141": {"title": "...", "state": "CLOSED",
///   "comments": [{"body": "...", "author": "...", "created_at": "..."}],
///   "fix": {"commit": "abc123", "tests_changed": true, "log_only": false,
///           "files": [{"path": "src/specify_cli/x.py", "added_lines": 12, "removed_lines": 3}]}}}}
/// ```
/// `tests_changed` and `log_only` may be left out: tests are then recognised
/// from the file paths, and code changes are taken as more than logging.
public struct FileIssueTracker: IssueTracker {
    /// The JSON file.
    public let path: String
    private let now: @Sendable () -> Date

    /// Creates a tracker over the file at `path`; `now` stamps posted comments.
    public init(path: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.path = path
        self.now = now
    }

    /// "file <path>".
    public var trackerDescription: String { "file \(path)" }

    /// Reads the issue; fix facts come from its `fix` record.
    public func issue(_ ref: IssueRef) throws -> TrackedIssue {
        let store = try load()
        guard let record = store.issues[ref.description] else {
            throw IssueTrackerError.unknownIssue(ref, tracker: trackerDescription)
        }
        return TrackedIssue(
            ref: ref, state: record.state, comments: record.comments,
            fix: record.fix.map { $0.facts(source: "tracker record \(path)") }
        )
    }

    /// Appends a comment stamped "canary gate"; returns `<path>#<key>/comments/<n>`.
    public func postComment(_ body: String, on ref: IssueRef) throws -> String {
        var count = 0
        try update(ref) { record in
            record.comments.append(IssueComment(body: body, author: "canary gate", createdAt: Timestamp.iso8601(now())))
            count = record.comments.count
        }
        return "\(path)#\(ref)/comments/\(count)"
    }

    /// Sets the issue's state to CLOSED.
    public func close(_ ref: IssueRef) throws {
        try update(ref) { $0.state = .closed }
    }

    /// Sets the issue's state to OPEN.
    public func reopen(_ ref: IssueRef) throws {
        try update(ref) { $0.state = .open }
    }

    /// Writes a starting file: the gate's four issues, all OPEN, no fixes recorded.
    public static func writeTemplate(to path: String) throws {
        let issues: [(IssueRef, String)] = [
            (.rollbackBlocker, "Review rollback from in_review is silently refused"),
            (.queuedEventsBlocker, "Queued events are counted as sync errors (sync.event_loop_unavailable)"),
            (.e2eGate, "Sync identity-boundary canary gate"),
            (.releaseTracking, "Teamspace MVP release tracking"),
        ]
        var store = Store(issues: [:])
        for (ref, title) in issues {
            store.issues[ref.description] = Record(title: title, state: .open, comments: [], fix: nil)
        }
        try AtomicFile.replace(try encode(store), at: URL(fileURLWithPath: path))
    }

    // MARK: Storage

    struct Store: Codable {
        var issues: [String: Record]
    }

    struct Record: Codable {
        var title: String?
        var state: IssueState
        var comments: [IssueComment]
        var fix: FixRecord?

        init(title: String?, state: IssueState, comments: [IssueComment], fix: FixRecord?) {
            self.title = title
            self.state = state
            self.comments = comments
            self.fix = fix
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            state = try container.decode(IssueState.self, forKey: .state)
            comments = try container.decodeIfPresent([IssueComment].self, forKey: .comments) ?? []
            fix = try container.decodeIfPresent(FixRecord.self, forKey: .fix)
        }
    }

    struct FixRecord: Codable {
        var commit: String
        var files: [FixFileChange]
        var testsChanged: Bool?
        var logOnly: Bool?

        enum CodingKeys: String, CodingKey {
            case commit, files
            case testsChanged = "tests_changed"
            case logOnly = "log_only"
        }

        func facts(source: String) -> FixFacts {
            FixFacts(
                commit: commit, source: source, files: files,
                testsAddedOrChanged: testsChanged == true || files.contains { $0.isTest && $0.changesLines },
                codeChangedBeyondLogging: logOnly != true && files.contains { $0.isCode && $0.changesLines }
            )
        }
    }

    private func load() throws -> Store {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw IssueTrackerError.storeUnusable(path: path, reason: "cannot read it (\(error.localizedDescription))")
        }
        do {
            return try JSONDecoder().decode(Store.self, from: data)
        } catch {
            throw IssueTrackerError.storeUnusable(path: path, reason: "not a tracker file: \(error)")
        }
    }

    private func update(_ ref: IssueRef, _ change: (inout Record) -> Void) throws {
        var store = try load()
        guard var record = store.issues[ref.description] else {
            throw IssueTrackerError.unknownIssue(ref, tracker: trackerDescription)
        }
        change(&record)
        store.issues[ref.description] = record
        do {
            try AtomicFile.replace(try Self.encode(store), at: URL(fileURLWithPath: path))
        } catch {
            throw IssueTrackerError.storeUnusable(path: path, reason: "\(error)")
        }
    }

    private static func encode(_ store: Store) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(store) + Data("\n".utf8)
    }
}
