import Foundation

/// Runs work items side by side on threads of their own and waits for them all.
///
/// The items mostly wait on subprocesses, so they are not CPU-bound:
/// `DispatchQueue.concurrentPerform` would cap them at the core count and run
/// four CLI lifecycles on two cores two at a time.
public enum SideBySide {
    /// Calls `body(0..<count)` on `min(count, width)` threads at most and returns when every call has.
    public static func run(_ count: Int, width: Int = .max, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let slots = DispatchSemaphore(value: max(1, min(width, count)))
        let group = DispatchGroup()
        for index in 0 ..< count {
            slots.wait()
            group.enter()
            let thread = Thread {
                body(index)
                slots.signal()
                group.leave()
            }
            thread.name = "side-by-side-\(index)"
            thread.start()
        }
        group.wait()
    }
}
