import CanaryCore

/// The in-process stand-in `canary gate` starts when no `--saas-url` is given.
///
/// Nil while the SaaSStandIn module offers no in-process start; the gate then
/// asks for `--saas-url` (a real server, or one started with `canary standin`).
/// Wiring it is one assignment of a `SaaSTargetLauncher` here.
enum EmbeddedStandIn {
    /// The launcher, when this build has one.
    static let launcher: SaaSTargetLauncher? = nil
}
