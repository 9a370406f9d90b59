import CanaryCore
/// The `/health/ready/` answer as the gate reads it.
public struct StandInReadiness: Equatable, Sendable {
    /// 200 when ready, 503 when not.
    public var httpStatus: Int
    /// `ready` or `not_ready`.
    public var status: String
    /// The drain-queue figures (nil when the store could not be read).
    public var drainQueue: DrainQueueCounts?
    /// The whole JSON body.
    public var body: JSONValue
}
