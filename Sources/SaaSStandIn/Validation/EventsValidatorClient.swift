import CanaryCore
import Foundation
import Glibc

/// The stand-in's one long-lived events validator helper: one process for the whole run
/// (Python start-up and the pydantic import cost far more than a validation), one
/// request at a time under a lock, every request bounded in time.
///
/// A helper that dies is restarted and the request sent once more; dying again on the
/// same request fails it clearly. A helper that hangs is killed (its stream can no
/// longer be trusted) and the request fails; the next one starts a fresh helper.
final class EventsValidatorClient: @unchecked Sendable {
    /// The helper's argv.
    let arguments: [String]
    /// How long one answer may take.
    let requestTimeout: TimeInterval
    /// How long a fresh helper may take to answer its first ping.
    let startTimeout: TimeInterval

    private let lock = Lock()
    private var process: ValidatorProcess?
    private var isStopped = false
    private var launchCount = 0
    private var reportedVersion: String?

    /// Creates a client; nothing runs until `start()` or the first request.
    init(arguments: [String], requestTimeout: TimeInterval, startTimeout: TimeInterval) {
        self.arguments = arguments
        self.requestTimeout = requestTimeout
        self.startTimeout = startTimeout
    }

    /// A client for `settings`.
    convenience init(_ settings: PayloadValidation) {
        self.init(arguments: settings.arguments, requestTimeout: settings.requestTimeout, startTimeout: settings.startTimeout)
    }

    deinit { stop() }

    /// Starts the helper now (so a broken venv fails the server's start, not its first
    /// batch) and returns the `spec-kitty-events` version it runs.
    @discardableResult
    func start() throws -> String {
        try lock.withLock {
            _ = try runningProcess()
            return reportedVersion ?? "unknown"
        }
    }

    /// Validates one envelope: nil when it conforms, else the validator's message.
    func validate(_ envelope: JSONValue) throws -> String? {
        let answer = try ask("{\"envelope\":\(envelope.compactText)}")
        if answer.fatal { throw EventsValidatorError.protocolViolation(answer.error ?? "request refused") }
        return answer.ok ? nil : (answer.error ?? "invalid event")
    }

    /// The version the running (or last) helper reported.
    var eventsVersion: String? { lock.withLock { reportedVersion } }

    /// How many helpers were spawned so far (1 after a clean run; more after restarts).
    var launches: Int { lock.withLock { launchCount } }

    /// The running helper's pid (its process group), if one runs.
    var pid: pid_t? { lock.withLock { process?.pid } }

    /// Ends the helper (EOF, then its process group) and refuses further requests. Idempotent.
    func stop() {
        let ending: ValidatorProcess? = lock.withLock {
            isStopped = true
            defer { process = nil }
            return process
        }
        ending?.terminate()
    }

    // MARK: - Requests

    /// Sends one request line; a helper that died is restarted once for it.
    private func ask(_ request: String) throws -> ValidatorAnswer {
        try lock.withLock {
            var restarted = false
            while true {
                let current = try runningProcess()
                do {
                    return try ValidatorAnswer.parse(current.exchange(request, deadline: Date(timeIntervalSinceNow: requestTimeout)))
                } catch ValidatorProcess.Failure.exited(let stderrTail) {
                    discard(current, grace: 0)
                    if restarted { throw EventsValidatorError.crashed(stderrTail: stderrTail) }
                    restarted = true
                } catch ValidatorProcess.Failure.timedOut {
                    discard(current, grace: 0)
                    throw EventsValidatorError.timedOut(seconds: requestTimeout)
                } catch ValidatorProcess.Failure.systemCall(let call, let code) {
                    discard(current, grace: 0)
                    throw EventsValidatorError.systemCall(call, errno: code)
                } catch let violation as EventsValidatorError {
                    // Out of step with the helper: the next answer could belong to this request.
                    discard(current, grace: 0)
                    throw violation
                }
            }
        }
    }

    /// The running helper, spawning and pinging a new one when there is none. Call under the lock.
    private func runningProcess() throws -> ValidatorProcess {
        if isStopped { throw EventsValidatorError.stopped }
        if let process { return process }
        let command = arguments.joined(separator: " ")
        let fresh: ValidatorProcess
        do {
            fresh = try ValidatorProcess(arguments: arguments)
        } catch {
            throw EventsValidatorError.startFailed(command: command, reason: "\(error)")
        }
        launchCount += 1
        do {
            let answer = try ValidatorAnswer.parse(fresh.exchange("{\"ping\":true}", deadline: Date(timeIntervalSinceNow: startTimeout)))
            guard answer.ok, let version = answer.eventsVersion else {
                throw EventsValidatorError.protocolViolation("ping answered without a version: \(answer)")
            }
            reportedVersion = version
        } catch {
            let tail = fresh.stderrTail()
            fresh.terminate(grace: 0)
            throw EventsValidatorError.startFailed(command: command, reason: tail.isEmpty ? "\(error)" : "\(error): \(tail)")
        }
        process = fresh
        return fresh
    }

    /// Drops `current` (ending its process group). Call under the lock.
    private func discard(_ current: ValidatorProcess, grace: TimeInterval) {
        if process === current { process = nil }
        current.terminate(grace: grace)
    }
}
