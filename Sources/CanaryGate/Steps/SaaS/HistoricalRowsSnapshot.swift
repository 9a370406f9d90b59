import CanaryCore
import Foundation

/// The historical business-rule rows as seen at one moment: their count and, where the server offers it, a content digest.
public struct HistoricalRowsSnapshot: Codable, Equatable, Sendable {
    /// `business_rule_rejected_count` from `/health/ready/`.
    public let count: Int?
    /// A digest of the rows' content (the stand-in's admin endpoint); nil where none is offered.
    public let digest: String?

    /// Creates a snapshot.
    public init(count: Int?, digest: String?) {
        self.count = count
        self.digest = digest
    }

    /// What changed from `start` to this snapshot; empty when nothing did.
    ///
    /// A count or digest missing at either end is a change too: the gate
    /// checks this invariant, it does not assume it.
    public func changes(since start: HistoricalRowsSnapshot) -> [String] {
        var changes: [String] = []
        switch (start.count, count) {
        case let (before?, after?) where before != after: changes.append("count \(before) -> \(after)")
        case (nil, _), (_, nil): changes.append("count unreadable (\(Self.text(start.count)) -> \(Self.text(count)))")
        default: break
        }
        switch (start.digest, digest) {
        case let (before?, after?) where before != after:
            changes.append("digest \(before.prefix(12)) -> \(after.prefix(12))")
        case (nil, .some), (.some, nil):
            changes.append("digest \(start.digest?.prefix(12) ?? "none") -> \(digest?.prefix(12) ?? "none")")
        default: break
        }
        return changes
    }

    private static func text(_ count: Int?) -> String { count.map(String.init) ?? "none" }
}
