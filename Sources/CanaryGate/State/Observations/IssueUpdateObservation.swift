import CanaryCore
import Foundation

/// An evidence comment posted on an issue, and the issue's state afterwards.
public struct IssueUpdateObservation: Codable, Equatable, Sendable {
    /// The issue.
    public let issue: IssueRef
    /// Where the posted comment can be seen; nil when posting failed.
    public let commentLocation: String?
    /// The issue's state read back after the update; nil when unread.
    public let stateAfter: IssueState?
    /// The comment body as saved in the attempt directory.
    public let bodyPath: String?
    /// What failed, if anything.
    public let error: String?

    /// Creates an observation.
    public init(issue: IssueRef, commentLocation: String?, stateAfter: IssueState?, bodyPath: String? = nil, error: String? = nil) {
        self.issue = issue
        self.commentLocation = commentLocation
        self.stateAfter = stateAfter
        self.bodyPath = bodyPath
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case issue, error
        case commentLocation = "comment_location"
        case stateAfter = "state_after"
        case bodyPath = "body_path"
    }
}
