import CanaryCore
import Foundation
import SaaSStandIn

/// Strict consumer mode judged on a synced lifecycle: a stand-in that validates every
/// envelope with spec-kitty-events behind the deployed profile's ingress rule, as the
/// hosted server does, refused nothing the CLI sent, and the lifecycle sent what proves it.
///
/// A false red here would make the canary cry wolf on every release; a lifecycle that
/// sent nothing worth validating would prove nothing. Pure: every input is what the
/// CLI reported or the stand-in's witness holds.
struct StrictConsumerReview {
    /// What the CLI's `sync now --report` counted.
    var counts: SyncNowSummary.EventSyncCounts
    /// Every envelope the stand-in accepted for the account.
    var envelopes: [StandInEnvelope]
    /// The per-event answers the stand-in gave the account.
    var receiptStatuses: [String]
    /// The HTTP status of every batch the account sent.
    var batchStatuses: [Int]
    /// The answer the profile gives an event seen for the first time (`queued` when deployed).
    var newEventStatus: String
    /// The spec-kitty-events version the stand-in validates with, as its health reports it.
    var validatorEventsVersion: String?
    /// The spec-kitty-events version installed beside the CLI, when it is a venv.
    var cliEventsVersion: String?

    /// The event types a lifecycle must have sent for the verdict to mean anything.
    static let requiredEventTypes: Set<String> = ["WPCreated", "WPStatusChanged", "BuildRegistered"]

    /// Every way the run departs from a conforming CLI meeting a strict consumer; empty when none.
    var failures: [String] {
        var failures: [String] = []
        if counts.selected == 0 { failures.append("the lifecycle queued no events: nothing was validated") }
        for (name, value) in [("rejected", counts.rejected), ("transient", counts.transient), ("terminal_failed", counts.terminalFailed)] where value != 0 {
            failures.append("sync now counted \(value) \(name): a conforming CLI was refused")
        }
        if counts.delivered + counts.pending != counts.selected {
            failures.append("sync now selected \(counts.selected) but delivered \(counts.delivered) and left \(counts.pending) pending")
        }
        if envelopes.count != counts.selected {
            failures.append("the stand-in holds \(envelopes.count) envelopes for the account, the CLI selected \(counts.selected)")
        }
        let unexpected = Set(receiptStatuses).subtracting([newEventStatus])
        if !unexpected.isEmpty { failures.append("events answered \(unexpected.sorted()), not only `\(newEventStatus)`") }
        let refused = batchStatuses.filter { $0 != 200 }
        if !refused.isEmpty { failures.append("batches refused with HTTP \(refused)") }

        let types = Set(envelopes.compactMap(\.eventType))
        let missing = Self.requiredEventTypes.subtracting(types)
        if !missing.isEmpty { failures.append("no \(missing.sorted()) among the event types sent (\(types.sorted()))") }
        let rollback = envelopes.first { $0.eventType == "WPStatusChanged" && $0.envelope["payload"]?["to_lane"] == .string("planned")
                                         && $0.envelope["payload"]?["from_lane"] == .string("in_review") }
        if let payload = rollback?.envelope["payload"] {
            if payload["force"] != .bool(true) { failures.append("the rollback in_review -> planned reached the server unforced") }
            if payload["reason"]?.stringValue?.hasPrefix("backward rewind: in_review -> planned") != true {
                failures.append("the rollback's reason is \(payload["reason"]?.stringValue ?? "missing"), not the CLI's backward rewind")
            }
            if payload["review_ref"]?.stringValue == nil { failures.append("the rollback reached the server without its review_ref") }
        } else {
            failures.append("no rollback in_review -> planned reached the server")
        }

        if validatorEventsVersion != PayloadValidation.pinnedEventsVersion {
            failures.append("the stand-in validates with spec-kitty-events \(validatorEventsVersion ?? "none"), not \(PayloadValidation.pinnedEventsVersion)")
        }
        if let cliEventsVersion, cliEventsVersion != validatorEventsVersion {
            failures.append("the CLI pulls spec-kitty-events \(cliEventsVersion), the stand-in validates with \(validatorEventsVersion ?? "none")")
        }
        return failures
    }
}
