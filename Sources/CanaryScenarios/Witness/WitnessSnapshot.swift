import SaaSStandIn

/// What the stand-in had received from one account at one moment.
///
/// Comparing two snapshots shows what crossed the boundary in between,
/// whatever the CLI printed.
public struct WitnessSnapshot: Equatable, Sendable {
    /// Batch requests the account sent.
    public var batchRequests: Int
    /// Envelopes accepted under the account.
    public var envelopeIDs: Set<String>
    /// Every event id the account sent, accepted or not: the batch receipts, and every send the
    /// witness attributes to the account's credentials (refused ones too, before any receipt).
    public var receiptIDs: Set<String>

    /// Creates a snapshot from counts already read.
    public init(batchRequests: Int, envelopeIDs: Set<String>, receiptIDs: Set<String>) {
        self.batchRequests = batchRequests
        self.envelopeIDs = envelopeIDs
        self.receiptIDs = receiptIDs
    }

    /// Reads a snapshot for `account`.
    public static func take(_ client: StandInClient, account: String) throws -> WitnessSnapshot {
        let sends = try client.sends(account: account)
        return WitnessSnapshot(
            batchRequests: sends.filter { $0.kind == .batch }.count,
            envelopeIDs: Set(try client.envelopes(account: account).map(\.eventID)),
            receiptIDs: Set(try client.receipts(account: account).compactMap(\.eventID)).union(sends.flatMap(\.eventIDs)))
    }

    /// What arrived after `earlier`: new batch requests and event ids.
    public func since(_ earlier: WitnessSnapshot) -> (batchRequests: Int, eventIDs: Set<String>) {
        (batchRequests - earlier.batchRequests, receiptIDs.union(envelopeIDs).subtracting(earlier.receiptIDs.union(earlier.envelopeIDs)))
    }
}
