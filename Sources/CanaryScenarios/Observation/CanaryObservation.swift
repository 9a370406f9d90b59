import CanaryCore
import Foundation
import XCTest

/// Registers the canary observer once per test process, the way Linux XCTest allows.
///
/// Linux has no principal class: the scenario base class calls `install()`
/// from its initializer, which XCTest runs before the bundle starts, so the
/// observer sees every callback from bundle start on.
public enum CanaryObservation {
    private static let lock = Lock()
    nonisolated(unsafe) private static var teardowns: [() -> Void] = []

    private static let registration: CanaryTestObserver = {
        let observer = CanaryTestObserver(onBundleFinish: runTeardowns)
        XCTestObservationCenter.shared.addTestObserver(observer)
        XCTestObservationCenter.shared.addTestObserver(ScenarioPrestart())
        return observer
    }()

    /// Installs the process-wide observer and the scenarios' prestart (idempotent) and returns the observer.
    @discardableResult
    public static func install() -> CanaryTestObserver { registration }

    /// Runs `body` when the test bundle finishes (after the run files are written).
    ///
    /// Process-wide resources (the embedded stand-in) end here, not at exit,
    /// so nothing the run started outlives the run.
    public static func addTeardown(_ body: @escaping () -> Void) {
        lock.withLock { teardowns.append(body) }
    }

    static func runTeardowns() {
        let pending = lock.withLock {
            defer { teardowns = [] }
            return teardowns
        }
        pending.reversed().forEach { $0() }
    }
}
