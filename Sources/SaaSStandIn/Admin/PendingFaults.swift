import CanaryCore

/// Faults waiting for upcoming batch requests, each account's applied first-in first-out.
final class PendingFaults: @unchecked Sendable {
    private let lock = Lock()
    private var queue: [PendingFault] = []

    /// Queues `fault` for its `remaining` next batch requests, after those already queued.
    func add(_ fault: PendingFault) {
        lock.withLock { queue.append(fault) }
    }

    /// Takes one use of the oldest fault queued for `account`, if any; other accounts' faults stay.
    func next(for account: String) -> BatchFault? {
        lock.withLock {
            guard let index = queue.firstIndex(where: { $0.account == account }) else { return nil }
            let fault = queue[index].fault
            queue[index].remaining -= 1
            if queue[index].remaining <= 0 { queue.remove(at: index) }
            return fault
        }
    }

    /// The faults still queued.
    var snapshot: [PendingFault] { lock.withLock { queue } }

    /// Drops every queued fault.
    func reset() {
        lock.withLock { queue.removeAll() }
    }
}
