import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The host's sync-daemon window: a step that may leave a sync daemon alive holds it exclusively,
/// every CLI call and host daemon scan holds it shared.
///
/// 3.2.7's daemon scan is host-wide (`spec-kitty-cli.md`): a daemon one
/// scenario starts on purpose would turn another scenario's `sync status
/// --check` red, or its host scan into `harness.host_not_isolated`. Scenarios
/// run side by side in one process and, in the matrix, in several, so the
/// window is a pair of `flock(2)` files every canary process on the host
/// shares. A waiting exclusive holder stops new shared holders at a turnstile,
/// so a stream of overlapping CLI calls cannot starve it.
///
/// A thread that holds the window exclusively passes through its own shared
/// and exclusive requests (the CLI calls inside the daemon step).
public struct DaemonWindow: Sendable {
    /// The lock file; the turnstile is beside it.
    public let lockFile: URL

    /// A window on `lockFile`.
    public init(lockFile: URL) {
        self.lockFile = lockFile
    }

    /// The host's window: `CANARY_DAEMON_WINDOW_LOCK`, else one file in `/tmp` every canary on the host agrees on.
    public static let host = DaemonWindow(lockFile: URL(fileURLWithPath:
        ProcessInfo.processInfo.environment["CANARY_DAEMON_WINDOW_LOCK"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/tmp/spec-kitty-canary.daemon-window.lock"))

    private static let exclusiveKey = "canary.daemon-window.exclusive"
    private static let sharedKey = "canary.daemon-window.shared"

    /// Runs `body` while no step of any canary on the host may have a daemon alive.
    public func sharing<T>(_ body: () throws -> T) rethrows -> T {
        // Nested on a thread that holds it: passing the turnstile again could wait behind an
        // exclusive request that waits for this very thread.
        if Self.holdsExclusive || Self.holdsShared { return try body() }
        let (main, turnstile) = acquire(LOCK_SH)
        // Through the turnstile: the next exclusive request waits only for the holders already in.
        Self.release(turnstile)
        Thread.current.threadDictionary[Self.sharedKey] = true
        defer {
            Thread.current.threadDictionary[Self.sharedKey] = nil
            Self.release(main)
        }
        return try body()
    }

    /// Runs `body` alone on the host: every shared holder has finished and none starts until it returns.
    ///
    /// `body` must end every daemon it started before it returns.
    public func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        if Self.holdsExclusive { return try body() }
        let (main, turnstile) = acquire(LOCK_EX)
        Thread.current.threadDictionary[Self.exclusiveKey] = true
        defer {
            Thread.current.threadDictionary[Self.exclusiveKey] = nil
            Self.release(main)
            Self.release(turnstile)
        }
        return try body()
    }

    /// An exclusive hold that outlives a scope, for a process that stands in for a daemon across calls
    /// (a test's impostor); `release()` ends it. Calls on the holding thread do not pass through.
    public func holdExclusively() -> Hold {
        let (main, turnstile) = acquire(LOCK_EX)
        return Hold(descriptors: [main, turnstile])
    }

    /// Takes the turnstile, then the window in `mode`; the caller releases both.
    private func acquire(_ mode: Int32) -> (main: Int32, turnstile: Int32) {
        let main = Self.open(lockFile)
        let turnstile = Self.open(turnstileFile)
        Self.lock(turnstile, LOCK_EX)
        Self.lock(main, mode)
        return (main, turnstile)
    }

    /// An exclusive hold taken by `holdExclusively()`.
    public final class Hold: @unchecked Sendable {
        private let descriptors: Locked<[Int32]>

        fileprivate init(descriptors: [Int32]) {
            self.descriptors = Locked(descriptors)
        }

        deinit { release() }

        /// Ends the hold (idempotent).
        public func release() {
            descriptors.withLock { held in
                held.forEach(DaemonWindow.release)
                held = []
            }
        }
    }

    private var turnstileFile: URL { lockFile.appendingPathExtension("turnstile") }

    private static var holdsExclusive: Bool {
        Thread.current.threadDictionary[exclusiveKey] as? Bool == true
    }

    private static var holdsShared: Bool {
        Thread.current.threadDictionary[sharedKey] as? Bool == true
    }

    /// A descriptor of its own per holder: `flock` locks belong to the open file description,
    /// so threads of one process exclude each other as processes do. -1 (no lock) when the file
    /// cannot be opened: the scans and verdicts still stand, only the overlap is unguarded.
    private static func open(_ url: URL) -> Int32 {
        // Read-only is enough for flock, so another user's canary can share a file this one made.
        Glibc.open(url.path, O_CREAT | O_RDONLY | O_CLOEXEC, 0o644)
    }

    private static func lock(_ descriptor: Int32, _ operation: Int32) {
        guard descriptor >= 0 else { return }
        while flock(descriptor, operation) != 0, errno == EINTR {}
    }

    fileprivate static func release(_ descriptor: Int32) {
        guard descriptor >= 0 else { return }
        close(descriptor)
    }
}
