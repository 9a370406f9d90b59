import CanaryCore
import Foundation

/// What the gate found about one blocker: its state and its fix commit's facts.
public struct BlockerFinding: Codable, Equatable, Sendable {
    /// The blocker.
    public let issue: IssueRef
    /// OPEN or CLOSED; nil when the issue could not be read.
    public let state: IssueState?
    /// The fix commit's facts; nil when no fix commit is known or it could not be inspected.
    public let fix: FixFacts?
    /// Why the issue or its fix could not be read, if so.
    public let unreadable: String?

    /// Creates a finding.
    public init(issue: IssueRef, state: IssueState?, fix: FixFacts?, unreadable: String? = nil) {
        self.issue = issue
        self.state = state
        self.fix = fix
        self.unreadable = unreadable
    }
}
