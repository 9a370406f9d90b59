import Foundation

/// A server the gate targets for its whole walk: where it is, what it offers, how to stop it.
public struct SaaSTarget: Sendable {
    /// The base URL passed to the canary as `SPEC_KITTY_SAAS_URL`.
    public let url: String
    /// The historical-rows digest endpoint (the stand-in's by default; a server without one answers 404).
    public let historicalDigestPath: String?
    /// What it is, for reports (e.g. "embedded stand-in, store /tmp/x.db").
    public let targetDescription: String
    /// Stops it; a no-op for servers the gate did not start.
    public let stop: @Sendable () -> Void

    /// Creates a target.
    public init(
        url: String, historicalDigestPath: String? = HTTPSaaSProbe.standInDigestPath, targetDescription: String,
        stop: @escaping @Sendable () -> Void = {}
    ) {
        self.url = url
        self.historicalDigestPath = historicalDigestPath
        self.targetDescription = targetDescription
        self.stop = stop
    }
}

/// Starts a server for the gate when no `--saas-url` is given (the embedded stand-in).
public protocol SaaSTargetLauncher: Sendable {
    /// Starts the server with its store under `storeDirectory` and returns it running.
    func launch(storeDirectory: String) throws -> SaaSTarget
}
