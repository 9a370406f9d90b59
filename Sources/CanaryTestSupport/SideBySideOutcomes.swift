import CanaryCore
import Foundation

/// Slow live controls of one test class, run side by side the first time a test asks for one; each test then takes its own.
///
/// A control that drives a whole CLI lifecycle mostly waits (Python start-up,
/// the CLI's own store lock), so running a class's controls at once costs
/// about one control's time. The first `outcome(of:)` starts every key on a
/// thread of its own; every call returns its key's outcome once it is there.
/// A test run alone still gets its own outcome (its siblings run beside it).
public final class SideBySideOutcomes<Key: Hashable & CaseIterable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let body: @Sendable (Key) -> Value
    private let condition = NSCondition()
    private var started = false
    private var outcomes: [Key: Value] = [:]

    /// Outcomes that `body` makes, one per key.
    public init(_ body: @escaping @Sendable (Key) -> Value) {
        self.body = body
    }

    /// `key`'s outcome: starts every key side by side on the first call, then waits for this one.
    public func outcome(of key: Key) -> Value {
        let first: Bool = condition.withLock {
            defer { started = true }
            return !started
        }
        if first {
            for each in Key.allCases {
                let thread = Thread { [self] in
                    let value = body(each)
                    condition.withLock {
                        outcomes[each] = value
                        condition.broadcast()
                    }
                }
                thread.name = "side-by-side-outcome"
                thread.start()
            }
        }
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = outcomes[key] { return value }
            condition.wait()
        }
    }
}
