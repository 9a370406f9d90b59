import CanaryCore

/// The live connections of a server, so `stop()` can wake and drain them all.
final class ConnectionRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var sockets: [ObjectIdentifier: ConnectedSocket] = [:]
    private var stopping = false

    /// Whether a new connection may be served.
    enum Admission: Equatable {
        /// Registered: serve it.
        case admitted
        /// The server is stopping: close it.
        case stopping
        /// `limit` connections are live already: refuse it.
        case full
    }

    /// Registers `socket` unless the server is stopping or `limit` connections are live.
    func admit(_ socket: ConnectedSocket, limit: Int) -> Admission {
        lock.withLock {
            guard !stopping else { return .stopping }
            guard sockets.count < limit else { return .full }
            sockets[ObjectIdentifier(socket)] = socket
            return .admitted
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
