import CanaryCore
import Foundation

/// Whether an issue is open or closed, spelled as GitHub spells it.
public enum IssueState: String, Codable, Sendable {
    /// Still open.
    case open = "OPEN"
    /// Closed.
    case closed = "CLOSED"
}
