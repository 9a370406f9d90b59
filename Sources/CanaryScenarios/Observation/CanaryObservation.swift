import XCTest

/// Registers the canary observer once per test process, the way Linux XCTest allows.
///
/// Linux has no principal class: the scenario base class calls `install()`
/// from its initializer, which XCTest runs before the bundle starts, so the
/// observer sees every callback from bundle start on.
public enum CanaryObservation {
    private static let registration: CanaryTestObserver = {
        let observer = CanaryTestObserver()
        XCTestObservationCenter.shared.addTestObserver(observer)
        return observer
    }()

    /// Installs the process-wide observer (idempotent) and returns it.
    @discardableResult
    public static func install() -> CanaryTestObserver { registration }
}
