import CanaryCore
import Foundation

/// Whether the installed CLI can be traced to a commit at or after the floor commit (the identity-boundary work).
public struct CLITrace: Codable, Equatable, Sendable {
    /// The verdict.
    public enum Verdict: String, Codable, Sendable {
        /// The commit is the floor or descends from it.
        case atOrAfter = "at_or_after"
        /// The commit predates the floor: this CLI lacks the boundary work.
        case before
        /// The commit or its ancestry could not be read; reported, not failed.
        case unreadable
    }

    /// The floor every release candidate must contain.
    public static let floorCommit = "cc5e1ca983adff4a45489ce7afe11ad3a3a26e30"

    /// The verdict.
    public let verdict: Verdict
    /// The CLI's commit, when found.
    public let commit: String?
    /// The tag that named it, when found.
    public let tag: String?
    /// How it was read, or why it could not be.
    public let explanation: String

    /// Creates a trace.
    public init(verdict: Verdict, commit: String?, tag: String?, explanation: String) {
        self.verdict = verdict
        self.commit = commit
        self.tag = tag
        self.explanation = explanation
    }

    /// The commit recorded in `direct_url.json` (`vcs_info.commit_id`), present for installs from git.
    public static func commit(fromDirectURL text: String?) -> String? {
        struct DirectURL: Decodable {
            struct VCSInfo: Decodable { let commit_id: String? }
            let vcs_info: VCSInfo?
        }
        guard let text, let decoded = try? JSONDecoder().decode(DirectURL.self, from: Data(text.utf8)) else { return nil }
        return decoded.vcs_info?.commit_id
    }
}
