import CanaryCore
import Foundation

/// An issue in one of spec-kitty's repositories, written `spec-kitty#1141` or `spec-kitty-e2e#41`.
public struct IssueRef: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The repository name without its owner, e.g. `spec-kitty`.
    public let repository: String
    /// The issue number.
    public let number: Int

    /// Creates a reference.
    public init(_ repository: String, _ number: Int) {
        self.repository = repository
        self.number = number
    }

    /// Parses `spec-kitty#1141`; nil when the text has another shape.
    public init?(key: String) {
        let parts = key.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let number = Int(parts[1]), number > 0 else { return nil }
        self.init(String(parts[0]), number)
    }

    /// The key used in tracker files and journals: `spec-kitty#1141`.
    public var description: String { "\(repository)#\(number)" }

    /// How release engineers say it: `#1141` in the CLI's own repository, the full key elsewhere.
    public var shortName: String { repository == Self.cliRepository ? "#\(number)" : description }

    /// Orders by repository, then number, so reports list issues stably.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.repository, lhs.number) < (rhs.repository, rhs.number)
    }

    /// Decodes from the `spec-kitty#1141` key.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let key = try container.decode(String.self)
        guard let ref = IssueRef(key: key) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(key)' is not repository#number")
        }
        self = ref
    }

    /// Encodes as the `spec-kitty#1141` key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension IssueRef {
    /// The CLI's repository name.
    public static let cliRepository = "spec-kitty"
    /// Blocker: a review rollback silently refused (the scenario 4 signature).
    public static let rollbackBlocker = IssueRef("spec-kitty", 1141)
    /// Blocker: queued events misclassified as errors (`sync.event_loop_unavailable`).
    public static let queuedEventsBlocker = IssueRef("spec-kitty", 1182)
    /// The end-to-end gate issue that the four-run evidence closes.
    public static let e2eGate = IssueRef("spec-kitty-e2e", 41)
    /// The release-tracking issue that receives the final evidence and stays open.
    public static let releaseTracking = IssueRef("spec-kitty", 1038)
}
