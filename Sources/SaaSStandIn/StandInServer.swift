import CanaryCore
import Foundation
import Glibc

/// The stand-in SaaS: a real HTTP/1.1 server on 127.0.0.1 that the unmodified
/// `spec-kitty` CLI logs into and syncs to, and the canary's witness of what it sent.
///
/// ```swift
/// let server = try StandInServer(configuration: StandInConfiguration(profile: .deployedDev202605))
/// try server.start()
/// defer { server.stop() }
/// let admin = server.client()
/// let account = try admin.createAccount(email: "scenario-1@standin.invalid")
/// try admin.setLoginHint(account: account.userID)
/// // run `spec-kitty auth login --headless` with SPEC_KITTY_SAAS_URL = server.baseURL ...
/// let delivered = try admin.envelopes(account: account.userID)
/// ```
///
/// One thread accepts; each connection gets its own thread, up to
/// `StandInConfiguration.maxConnections` (one more is answered 503). All state is in
/// one SQLite file (`databasePath`, or a temp file removed by `stop()`).
public final class StandInServer: @unchecked Sendable {
    /// The configuration the server was created with.
    public let configuration: StandInConfiguration
    /// The SQLite file in use.
    public let databasePath: String
    /// The secret its admin and witness API asks for; `client()` presents it.
    public let adminSecret: String

    private enum State { case created, running, stopped }

    private let lock = Lock()
    private var state = State.created
    private var store: StandInStore?
    private var service: StandInService?
    private var validator: PayloadValidator?
    private var listener: ListeningSocket?
    private var boundPort: UInt16
    private let registry = ConnectionRegistry()
    private let connections = DispatchGroup()
    private let acceptLoopEnded = DispatchSemaphore(value: 0)
    private let ownsDatabase: Bool

    /// Opens (or creates and seeds) the store; nothing listens until `start()`.
    public init(configuration: StandInConfiguration) throws {
        self.configuration = configuration
        adminSecret = configuration.adminSecret ?? AdminSecret.generate()
        ownsDatabase = configuration.databasePath == nil
        databasePath = configuration.databasePath
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("standin-\(UUID().uuidString).sqlite")
        boundPort = configuration.port
        do {
            store = try StandInStore(path: databasePath, historicalRows: configuration.historicalRows)
        } catch let error as StandInError {
            throw error
        } catch {
            throw StandInError.storeUnavailable(path: databasePath, reason: "\(error)")
        }
    }

    deinit { stop() }

    /// The payload validator helper's pid (also its process group) while strict mode runs.
    var payloadValidatorPID: pid_t? { lock.withLock { validator?.client.pid } }

    /// `http://127.0.0.1:PORT`; the real port once `start()` returned.
    public var baseURL: URL {
        // Cannot fail: a scheme, an IPv4 literal and a port.
        URL(string: "http://127.0.0.1:\(lock.withLock { boundPort })")!
    }

    /// A client of this server that presents its admin secret.
    public func client(timeout: TimeInterval = 60) -> StandInClient {
        StandInClient(baseURL: baseURL, adminSecret: adminSecret, timeout: timeout)
    }

    /// Binds 127.0.0.1, then serves on background threads until `stop()`.
    public func start() throws {
        try lock.withLock {
            switch state {
            case .running: throw StandInError.alreadyStarted
            case .stopped: throw StandInError.stopped
            case .created: break
            }
            // A client that hangs up mid-answer must cost an EPIPE, never the process.
            signal(SIGPIPE, SIG_IGN)
            let listener: ListeningSocket
            do {
                listener = try ListeningSocket(host: "127.0.0.1", port: configuration.port)
            } catch {
                throw StandInError.listenFailed(port: configuration.port, reason: "\(error)")
            }
            guard let store else { throw StandInError.stopped }
            // Before serving: a validator that cannot run fails the start, not the first batch.
            let validator: PayloadValidator?
            do {
                validator = try configuration.payloadValidation.map(PayloadValidator.init)
            } catch {
                listener.close()
                throw StandInError.validatorUnavailable(reason: "\(error)")
            }
            boundPort = listener.port
            let service = StandInService(configuration: configuration, store: store, baseURL: "http://127.0.0.1:\(listener.port)",
                                         adminSecret: adminSecret,
                                         payloadValidator: validator, isStopping: { [registry] in registry.isStopping })
            self.validator = validator
            self.listener = listener
            self.service = service
            state = .running
            let thread = Thread { [self] in
                defer { acceptLoopEnded.signal() }
                while let socket = listener.accept() { serve(socket, with: service) }
            }
            thread.name = "standin-accept"
            thread.start()
        }
    }

    /// Stops accepting, wakes and joins every connection thread, ends the payload
    /// validator's process group, closes the store (and deletes it when it was a temp
    /// file). Idempotent.
    public func stop() {
        let previous = lock.withLock { () -> State in
            defer { state = .stopped }
            return state
        }
        guard previous != .stopped else { return }
        if previous == .running {
            listener?.close()
            acceptLoopEnded.wait()
            registry.shutdownAll()
            connections.wait()
        }
        // Only now: a connection thread may have been validating until it was joined.
        let validator = lock.withLock { () -> PayloadValidator? in
            defer {
                listener = nil
                service = nil
                store = nil
                self.validator = nil
            }
            return self.validator
        }
        validator?.stop()
        if ownsDatabase {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        }
    }

    private func serve(_ socket: ConnectedSocket, with service: StandInService) {
        switch registry.admit(socket, limit: configuration.maxConnections) {
        case .admitted: break
        case .stopping: return socket.close()
        case .full: return refuse(socket, with: service)
        }
        connections.enter()
        let connection = HTTPConnection(
            socket: socket,
            parser: HTTPRequestParser(maxHeaderBytes: configuration.maxHeaderBytes, maxBodyBytes: configuration.maxBodyBytes),
            timeouts: .init(request: configuration.requestTimeout, idle: configuration.idleTimeout),
            handler: service, registry: registry)
        let thread = Thread { [registry, connections] in
            defer {
                registry.unregister(socket)
                socket.close()
                connections.leave()
            }
            connection.run()
        }
        thread.name = "standin-connection"
        thread.start()
    }

    /// Answers a connection over the cap with 503 and closes it. On the accept thread:
    /// a thread of its own would be the very cost the cap bounds.
    private func refuse(_ socket: ConnectedSocket, with service: StandInService) {
        var response = service.handleUnreadable(
            status: 503, message: "stand-in is serving its maximum of \(configuration.maxConnections) connections; retry shortly")
        response.headers.set("Retry-After", "1")
        try? socket.write(response.serialized(keepAlive: false))
        socket.finishWriting()
        // Read what the client already sent: closing on unread bytes is a reset, which can
        // destroy the 503 before the client reads it. Briefly: the accept loop waits meanwhile.
        let deadline = Date(timeIntervalSinceNow: 0.01)
        var drained = 0
        while drained < 64 * 1024, case .bytes(let bytes)? = try? socket.read(deadline: deadline) { drained += bytes.count }
        socket.close()
    }
}
