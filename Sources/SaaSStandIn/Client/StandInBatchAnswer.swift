import CanaryCore
/// The stand-in's answer to one batch-ingest request.
public struct StandInBatchAnswer: Equatable, Sendable {
    /// The HTTP status.
    public var status: Int
    /// The per-event results of a 200 answer.
    public var results: [BatchEventResult]
    /// The `error` member of a failure answer.
    public var error: String?
    /// The whole JSON body (`.null` when it was not JSON).
    public var body: JSONValue
}
