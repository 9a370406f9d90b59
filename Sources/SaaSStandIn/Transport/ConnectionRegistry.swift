/// The live connections of a server, so `stop()` can wake and drain them all.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var sockets: [ObjectIdentifier: ConnectedSocket] = [:]
    private var stopping = false

    /// Registers `socket`; false when the server is stopping (the caller closes it).
    func register(_ socket: ConnectedSocket) -> Bool {
        lock.withLock {
            guard !stopping else { return false }
            sockets[ObjectIdentifier(socket)] = socket
            return true
        }
    }

    /// Forgets `socket` once its connection loop has ended.
    func unregister(_ socket: ConnectedSocket) {
        lock.withLock { _ = sockets.removeValue(forKey: ObjectIdentifier(socket)) }
    }

    /// Whether `shutdownAll` has run: connection loops stop keeping connections alive.
    var isStopping: Bool { lock.withLock { stopping } }

    /// Refuses new registrations and shuts every live socket down.
    func shutdownAll() {
        let live = lock.withLock { () -> [ConnectedSocket] in
            stopping = true
            return Array(sockets.values)
        }
        live.forEach { $0.shutdown() }
    }
}
