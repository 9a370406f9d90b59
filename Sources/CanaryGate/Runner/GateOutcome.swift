import CanaryCore
import Foundation

/// How a gate walk ended, with everything needed to report it.
public struct GateOutcome: Sendable {
    /// GATE_COMPLETE or STOPPED (or where a bounded walk ended).
    public let finalState: GateState
    /// Everything observed.
    public let ledger: GateLedger
    /// The journal's entries, in order.
    public let journal: [GateJournalEntry]
    /// Blockers re-opened after a failure, with where their comment went (or why it failed).
    public let reopened: [String]
    /// Where the journal is.
    public let journalPath: String
    /// The attempt's location.
    public let attemptLocation: String

    /// Creates an outcome (the runner does; tests and report previews may too).
    public init(
        finalState: GateState, ledger: GateLedger, journal: [GateJournalEntry], reopened: [String], journalPath: String,
        attemptLocation: String
    ) {
        self.finalState = finalState
        self.ledger = ledger
        self.journal = journal
        self.reopened = reopened
        self.journalPath = journalPath
        self.attemptLocation = attemptLocation
    }

    /// The process exit code: 0 for GATE_COMPLETE, 1 otherwise.
    public var exitCode: Int32 { finalState == .at(.gateComplete) ? 0 : 1 }
}
