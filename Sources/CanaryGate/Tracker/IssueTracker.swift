import CanaryCore
import Foundation

/// Where the gate reads blocker issues and posts its evidence: GitHub, or a local JSON file.
public protocol IssueTracker: Sendable {
    /// What this tracker is, for reports (e.g. "file /work/gate-tracker.json").
    var trackerDescription: String { get }
    /// The issue's state, comments and fix-commit facts.
    func issue(_ ref: IssueRef) throws -> TrackedIssue
    /// Posts `body` as a comment; returns where it can be seen (a URL or file path).
    func postComment(_ body: String, on ref: IssueRef) throws -> String
    /// Closes the issue.
    func close(_ ref: IssueRef) throws
    /// Re-opens the issue.
    func reopen(_ ref: IssueRef) throws
}

/// Why the tracker could not answer.
public enum IssueTrackerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The tracker holds no such issue.
    case unknownIssue(IssueRef, tracker: String)
    /// The tracker's store could not be read or written.
    case storeUnusable(path: String, reason: String)
    /// A `gh` command failed.
    case commandFailed(command: String, status: Int32, lastLine: String)
    /// An answer did not have the expected shape.
    case malformedAnswer(what: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .unknownIssue(ref, tracker): "\(tracker) has no issue \(ref)"
        case let .storeUnusable(path, reason): "tracker file \(path) is unusable: \(reason)"
        case let .commandFailed(command, status, lastLine): "`\(command)` exited \(status): \(lastLine)"
        case let .malformedAnswer(what, reason): "unexpected \(what): \(reason)"
        }
    }
}
