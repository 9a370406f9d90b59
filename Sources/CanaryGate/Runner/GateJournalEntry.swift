import CanaryCore
import Foundation

/// One line of the gate journal (`gate-journal.jsonl`): what a step observed and where it took the gate.
public struct GateJournalEntry: Encodable, Equatable, Sendable {
    /// When the step finished (ISO 8601, UTC).
    public let time: String
    /// The state the step ran in.
    public let state: String
    /// The step (`verify_blockers`, ..., or `reopen_blocker` after a stop).
    public let step: String
    /// The typed observation, when the entry records a step.
    public let observation: GateObservation?
    /// A one-line summary for humans.
    public let summary: String
    /// The state after the transition.
    public let nextState: String
    /// The stop report, when the step stopped the gate.
    public let stop: GateStopReport?

    /// Creates an entry.
    public init(
        time: String, state: String, step: String, observation: GateObservation?, summary: String, nextState: String,
        stop: GateStopReport? = nil
    ) {
        self.time = time
        self.state = state
        self.step = step
        self.observation = observation
        self.summary = summary
        self.nextState = nextState
        self.stop = stop
    }

    /// The entry as one JSON line (sorted keys, no trailing newline).
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey {
        case time, state, step, observation, summary, stop
        case nextState = "next_state"
    }
}
