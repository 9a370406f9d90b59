import CanaryCore

/// What one identity switch showed: the sends that crossed, the credentials that crossed, and the CLI's part.
public struct IdentitySwitchOutcome: Sendable {
    /// The switch.
    public var change: IdentitySwitch
    /// Whether the project synced once before the switch (the control).
    public var syncedFirst: Bool
    /// Events recorded under the first identity that were sent to another.
    public var leaks: [IdentityLeak]
    /// Credentials one server issued that were presented to another.
    public var crossings: [CredentialCrossing]
    /// Envelopes stamped with a team other than the receiving account's.
    public var teamMismatches: [String]
    /// The CLI's own words and remediation along the way (refusals, `doctor restart-daemon`).
    public var notes: [String]
    /// A failure that stopped the switch before it could be judged (set-up, a CLI step), or nil.
    public var failure: ScenarioFailure?

    /// Creates an outcome.
    public init(change: IdentitySwitch, syncedFirst: Bool, leaks: [IdentityLeak] = [], crossings: [CredentialCrossing] = [],
                teamMismatches: [String] = [], notes: [String] = [], failure: ScenarioFailure? = nil) {
        self.change = change
        self.syncedFirst = syncedFirst
        self.leaks = leaks
        self.crossings = crossings
        self.teamMismatches = teamMismatches
        self.notes = notes
        self.failure = failure
    }

    /// Whether the boundary held: nothing crossed and nothing failed.
    public var held: Bool { leaks.isEmpty && crossings.isEmpty && teamMismatches.isEmpty && failure == nil }

    /// `arm B account` / `arm B server (synced first)`.
    public var label: String { "arm B \(change.rawValue)" + (syncedFirst ? " (synced first)" : "") }

    /// The failure mode this outcome stands for, most specific first; nil when the boundary held.
    public var mode: FailureMode? {
        if !leaks.isEmpty { return .boundaryForeignRowsLeaked }
        if !crossings.isEmpty { return .boundaryCredentialCrossed }
        if !teamMismatches.isEmpty { return .boundaryForeignRowsLeaked }
        return failure?.mode
    }

    /// Crossings of one credential to one server as one line, each request kind counted.
    static func grouped(_ crossings: [CredentialCrossing]) -> [String] {
        var order: [String] = []
        var byKey: [String: [CredentialCrossing]] = [:]
        for crossing in crossings {
            let key = "\(crossing.fingerprint) \(crossing.presentedTo)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(crossing)
        }
        return order.compactMap { key in
            guard let group = byKey[key], let first = group.first else { return nil }
            var requests: [String] = []
            var counts: [String: Int] = [:]
            for crossing in group {
                let request = "\(crossing.request) (answered \(crossing.status))"
                if counts[request] == nil { requests.append(request) }
                counts[request, default: 0] += 1
            }
            let listed = requests.map { counts[$0, default: 1] > 1 ? "\($0) x\(counts[$0, default: 1])" : $0 }
            return "\(first.issuer)'s \(first.kind) token \(first.fingerprint) (issued to \(first.issuedTo)) presented to \(first.presentedTo) with \(listed.joined(separator: ", ")) from \(first.time)"
        }
    }

    /// One paragraph a release engineer can act on.
    public var summary: String {
        var lines: [String] = []
        lines += leaks.map { "\(label): \($0)" }
        lines += Self.grouped(crossings).map { "\(label): credential crossed: \($0)" }
        lines += teamMismatches.map { "\(label): \($0)" }
        if let failure { lines.append("\(label): \(failure.mode.rawValue): \(failure.details)") }
        if lines.isEmpty { lines.append("\(label): held" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")) }
        return lines.joined(separator: "\n")
    }
}
