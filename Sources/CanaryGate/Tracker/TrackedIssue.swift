import CanaryCore
import Foundation

/// An issue as the tracker reports it, with the facts of the commit that fixed it when known.
public struct TrackedIssue: Equatable, Sendable {
    /// Which issue.
    public let ref: IssueRef
    /// Open or closed.
    public let state: IssueState
    /// Its comments, oldest first.
    public let comments: [IssueComment]
    /// What the fixing commit changed; nil when the tracker knows of no fix commit.
    public let fix: FixFacts?

    /// Creates an issue record.
    public init(ref: IssueRef, state: IssueState, comments: [IssueComment] = [], fix: FixFacts? = nil) {
        self.ref = ref
        self.state = state
        self.comments = comments
        self.fix = fix
    }
}
