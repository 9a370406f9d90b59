/// Events recorded under one identity that crossed to another: accepted or refused, they were sent.
public struct IdentityLeak: Equatable, Sendable, CustomStringConvertible {
    /// The identity the events were recorded under.
    public var recordedUnder: SendIdentity
    /// The identity they were sent to.
    public var sentTo: SendIdentity
    /// The leaked event ids, in the order sent.
    public var eventIDs: [String]
    /// `batch` or `push`.
    public var kind: String
    /// `accepted` or `refused`, with the status answered.
    public var answer: String
    /// When it arrived.
    public var receivedAt: String
    /// The CLI command running at the time, when known.
    public var during: String?

    /// Creates a leak.
    public init(recordedUnder: SendIdentity, sentTo: SendIdentity, eventIDs: [String], kind: String, answer: String,
                receivedAt: String, during: String? = nil) {
        self.recordedUnder = recordedUnder
        self.sentTo = sentTo
        self.eventIDs = eventIDs
        self.kind = kind
        self.answer = answer
        self.receivedAt = receivedAt
        self.during = during
    }

    public var description: String {
        let shown = eventIDs.prefix(3).joined(separator: ", ") + (eventIDs.count > 3 ? ", +\(eventIDs.count - 3) more" : "")
        return "\(eventIDs.count) event(s) recorded under \(recordedUnder) sent to \(sentTo) in a \(kind) \(answer) at \(receivedAt)"
            + (during.map { " during `\($0)`" } ?? "") + " [\(shown)]"
    }
}
