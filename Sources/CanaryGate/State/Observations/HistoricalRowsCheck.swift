import CanaryCore
import Foundation

/// The historical rows at the start of the gate and after a step, compared.
public struct HistoricalRowsCheck: Codable, Equatable, Sendable {
    /// The snapshot taken at preflight.
    public let start: HistoricalRowsSnapshot
    /// The snapshot taken after the step; nil when it could not be read.
    public let end: HistoricalRowsSnapshot?
    /// Why the end snapshot could not be read, if so.
    public let error: String?

    /// Creates a check.
    public init(start: HistoricalRowsSnapshot, end: HistoricalRowsSnapshot?, error: String? = nil) {
        self.start = start
        self.end = end
        self.error = error
    }

    /// What changed; an unreadable end counts as a change, since the invariant was not shown to hold.
    public var changes: [String] {
        guard let end else { return ["unreadable at the end: \(error ?? "no snapshot")"] }
        return end.changes(since: start)
    }
}
