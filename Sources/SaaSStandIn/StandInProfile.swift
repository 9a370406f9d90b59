/// How the stand-in answers batch ingest, named after the server behaviour it reproduces.
public enum StandInProfile: String, CaseIterable, Sendable {
    /// Every valid new event answered `success`, a repeat `duplicate`.
    case instant
    /// The hosted dev server when the original canary ran: new events `queued`, repeats
    /// `duplicate`, and strict ingress (a batch with an unknown top-level envelope key is
    /// refused whole with 400, see `EnvelopeKeyAllowList`).
    case deployedDev202605 = "deployed-dev-2026-05"

    /// The per-event status answered for an event seen for the first time.
    public var newEventStatus: String {
        switch self {
        case .instant: return "success"
        case .deployedDev202605: return "queued"
        }
    }

    /// Whether batches are checked against the envelope key allow-list.
    var enforcesEnvelopeKeyAllowList: Bool { self == .deployedDev202605 }
}
