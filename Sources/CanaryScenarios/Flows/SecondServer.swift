import CanaryCore
import Foundation
import SaaSStandIn

/// The second server of a server switch: started on first use, stopped with the scenario.
public final class SecondServer: Sendable {
    private let profile: StandInProfile
    private let started = Locked<ServerTarget?>(nil)

    /// Creates a slot with no server yet; the server will play `profile`.
    public init(profile: StandInProfile = ServerTarget.defaultProfile) {
        self.profile = profile
    }

    /// The running second server, started on first call.
    public func target() throws -> ServerTarget {
        try started.withLock { slot in
            if let slot { return slot }
            let target = try ServerTarget.startEmbedded(profile: profile)
            slot = target
            return target
        }
    }

    /// Stops it, if it was started.
    public func stop() {
        started.current?.stop()
    }
}
