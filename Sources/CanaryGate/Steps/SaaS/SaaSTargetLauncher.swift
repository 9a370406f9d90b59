import CanaryCore
import Foundation

/// A server the gate targets for its whole walk: where it is, what it offers, how to stop it.
public struct SaaSTarget: Sendable {
    /// The base URL passed to the canary as `SPEC_KITTY_SAAS_URL`.
    public let url: String
    /// The historical-rows digest endpoint (the stand-in's by default; a server without one answers 404).
    public let historicalDigestPath: String?
    /// What it is, for reports (e.g. "embedded stand-in, store /tmp/x.db").
    public let targetDescription: String
    /// The stand-in's base URL when the target is one, so runs may use its admin API; nil for a real server.
    public let standInURL: String?
    /// The secret of that stand-in's admin API (`X-Standin-Secret`); nil for a real server.
    public let standInSecret: String?
    /// Stops it; a no-op for servers the gate did not start.
    public let stop: @Sendable () -> Void

    /// Creates a target.
    public init(
        url: String, historicalDigestPath: String? = HTTPSaaSProbe.standInDigestPath, targetDescription: String,
        standInURL: String? = nil, standInSecret: String? = nil, stop: @escaping @Sendable () -> Void = {}
    ) {
        self.standInSecret = standInSecret
        self.url = url
        self.historicalDigestPath = historicalDigestPath
        self.targetDescription = targetDescription
        self.standInURL = standInURL
        self.stop = stop
    }

    /// What the canary script and the Teamspace suite are told about a stand-in target:
    /// `CANARY_STANDIN_URL`, which makes them use it (and, with `CANARY_STANDIN_SECRET`,
    /// its admin API) instead of starting their own or treating it as a real server.
    /// Empty for a real server.
    public var runEnvironment: [String: String] {
        guard let standInURL else { return [:] }
        var environment = ["CANARY_STANDIN_URL": standInURL]
        environment["CANARY_STANDIN_SECRET"] = standInSecret
        return environment
    }
}

/// Starts a server for the gate when no `--saas-url` is given (the embedded stand-in).
///
/// A protocol with its one conformer in the `canary` executable on purpose: the
/// executable alone depends on both the gate and the stand-in.
public protocol SaaSTargetLauncher: Sendable {
    /// Starts the server with its store under `storeDirectory` and returns it running.
    func launch(storeDirectory: String) throws -> SaaSTarget
}
