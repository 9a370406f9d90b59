import CanaryCore
import CanaryGate
import Foundation
import SaaSStandIn

/// The stand-in `canary gate` starts in its own process when no `--saas-url` is given.
///
/// One server serves the whole walk, its store in the attempt directory
/// (`attempt-N/standin/store.sqlite`): the preflight probe, the single run, the four
/// runs and the Teamspace runs all reach the same store. So the historical-rows digest
/// the gate reads at preflight and again after the runs is the digest of the store the
/// runs wrote to, and the four runs see one another's state exactly as the protocol
/// promises: between runs only the runs themselves reach it (the gate reads
/// `/health/ready/` and the digest before and after a step, never in between).
///
/// The canary script is handed this server through `CANARY_STANDIN_URL` (see
/// `SaaSTarget.runEnvironment`) rather than left to start its own: a second stand-in
/// would make the gate's digest check read a store no run ever touched.
struct EmbeddedStandInLauncher: SaaSTargetLauncher {
    /// This package's checkout: where the payload validator is bootstrapped from.
    let repositoryRoot: String
    /// The strictest profile the pinned CLI passes, the one the scenarios' and the script's
    /// stand-ins use: a lenient server hides the bugs the gate exists to catch.
    var profile: StandInProfile = .deployedDev202605
    /// Strict consumer mode (every envelope validated with spec-kitty-events), on unless
    /// `CANARY_VALIDATE_PAYLOADS=0`, as for the script's own stand-in.
    var validatePayloads = ProcessInfo.processInfo.environment["CANARY_VALIDATE_PAYLOADS"] != "0"

    /// Starts the server on 127.0.0.1 (port chosen by the kernel) with its store under `storeDirectory`.
    func launch(storeDirectory: String) throws -> SaaSTarget {
        try FileManager.default.createDirectory(atPath: storeDirectory, withIntermediateDirectories: true)
        let store = (storeDirectory as NSString).appendingPathComponent("store.sqlite")
        var configuration = StandInConfiguration(databasePath: store, profile: profile)
        if validatePayloads {
            configuration.payloadValidation = try PayloadValidation.bootstrap(
                repositoryRoot: repositoryRoot, eventsVersion: configuration.specKittyEventsVersion)
        }
        let server = try StandInServer(configuration: configuration)
        try server.start()
        let url = server.baseURL.absoluteString
        let mode = profile.rawValue + (validatePayloads ? "+validate-payloads" : "")
        return SaaSTarget(
            url: url, historicalDigestPath: HTTPSaaSProbe.standInDigestPath,
            targetDescription: "embedded stand-in \(url) (profile \(mode), store \(store))",
            standInURL: url, standInSecret: server.adminSecret, stop: { server.stop() }
        )
    }
}
