import Foundation

/// One CLI call as the run document records it.
public struct CommandRecord: Codable, Equatable, Sendable {
    /// The full argument vector, executable first.
    public var argv: [String]
    /// The exit status, or nil when the process was killed by a signal.
    public var exitCode: Int32?
    /// Wall time of the call.
    public var seconds: Double
    /// Whether the harness killed the call for running past its limit.
    public var timedOut: Bool
    /// CPU time of the call (user + system, its reaped descendants included); absent in older documents.
    public var cpuSeconds: Double?

    /// Creates a record.
    public init(argv: [String], exitCode: Int32?, seconds: Double, timedOut: Bool = false, cpuSeconds: Double? = nil) {
        self.argv = argv
        self.exitCode = exitCode
        self.seconds = seconds
        self.timedOut = timedOut
        self.cpuSeconds = cpuSeconds
    }

    enum CodingKeys: String, CodingKey {
        case argv, exitCode = "exit_code", seconds, timedOut = "timed_out", cpuSeconds = "cpu_seconds"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(argv, forKey: .argv)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(timedOut, forKey: .timedOut)
        try container.encodeIfPresent(cpuSeconds, forKey: .cpuSeconds)
    }
}
