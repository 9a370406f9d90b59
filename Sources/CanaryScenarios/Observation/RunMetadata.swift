import CanaryCore
import Foundation

/// Facts about the run that only the scenario fixtures learn (CLI, server).
public struct RunMetadata: Equatable, Sendable {
    /// Installed spec-kitty-cli version, or "unknown".
    public var cliVersion = "unknown"
    /// Installed spec-kitty-events version, or "unknown".
    public var eventsPackageVersion = "unknown"
    /// The target server's URL.
    public var saasURL = ""
    /// Stand-in or remote.
    public var targetEnvironment: CanaryRunResult.TargetEnvironment = .standin
    /// The stand-in's behaviour profile.
    public var serverProfile: String?

    /// Creates metadata with unknown values.
    public init() {}
}

/// The process-wide metadata the fixtures fill in and the observer reads at the end.
public final class RunMetadataBox: @unchecked Sendable {
    /// The one box of this test process.
    public static let shared = RunMetadataBox()
    private let lock = Lock()
    private var value = RunMetadata()

    /// Reads the current metadata.
    public var current: RunMetadata {
        lock.withLock { value }
    }

    /// Changes the metadata under the lock.
    public func update(_ change: (inout RunMetadata) -> Void) {
        lock.withLock {
            change(&value)
        }
    }
}
