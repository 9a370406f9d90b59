import Foundation

/// Whether an issue is open or closed, spelled as GitHub spells it.
public enum IssueState: String, Codable, Sendable {
    /// Still open.
    case open = "OPEN"
    /// Closed.
    case closed = "CLOSED"
}

/// One comment on an issue.
public struct IssueComment: Codable, Equatable, Sendable {
    /// The comment's Markdown text.
    public let body: String
    /// Who wrote it, when known.
    public let author: String?
    /// When it was written (ISO 8601), when known.
    public let createdAt: String?

    /// Creates a comment.
    public init(body: String, author: String? = nil, createdAt: String? = nil) {
        self.body = body
        self.author = author
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case body, author
        case createdAt = "created_at"
    }
}

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
