/// Faults waiting for upcoming batch requests, applied first-in first-out.
final class PendingFaults: @unchecked Sendable {
    private let lock = Lock()
    private var queue: [PendingFault] = []

    /// Queues `fault` for its `remaining` next batch requests, after those already queued.
    func add(_ fault: PendingFault) {
        lock.withLock { queue.append(fault) }
    }

    /// Takes one use of the oldest fault, if any.
    func next() -> BatchFault? {
        lock.withLock {
            guard !queue.isEmpty else { return nil }
            let fault = queue[0].fault
            queue[0].remaining -= 1
            if queue[0].remaining <= 0 { queue.removeFirst() }
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
