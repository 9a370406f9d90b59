import CanaryCore
import Foundation

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
