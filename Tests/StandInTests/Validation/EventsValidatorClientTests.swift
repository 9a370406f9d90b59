import CanaryCore
import Foundation
import Glibc
@testable import SaaSStandIn
import XCTest

/// The long-lived helper: answers over one process, serialized; bounded in time; restarted
/// when it dies; its whole process group ended on stop.
final class EventsValidatorClientTests: XCTestCase {
    private func realClient() throws -> EventsValidatorClient {
        let client = EventsValidatorClient(try EventsValidatorFixture.settings())
        addTeardownBlock { client.stop() }
        return client
    }

    /// A scripted stand-in for the helper: answers its ping, then runs `afterPing`.
    private func fakeClient(afterPing: String, requestTimeout: TimeInterval = 0.5) -> EventsValidatorClient {
        let script = #"read ping; echo '{"ok":true,"spec_kitty_events":"fake"}'; "# + afterPing
        let client = EventsValidatorClient(arguments: ["/bin/sh", "-c", script], requestTimeout: requestTimeout, startTimeout: 10)
        addTeardownBlock { client.stop() }
        return client
    }

    func testOneProcessAnswersEveryRequestWithTheValidatorsVerdict() throws {
        let client = try realClient()
        XCTAssertEqual(try client.start(), PayloadValidation.pinnedEventsVersion)
        XCTAssertNil(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "c1")))
        let malformed = SampleEnvelope.wpStatusChanged(eventID: "m1").replacingPayload("execution_mode", with: .string("code_change"))
        let message = try XCTUnwrap(try client.validate(malformed))
        XCTAssertTrue(message.hasPrefix("execution_mode: Input should be 'worktree' or 'direct_repo'"), message)
        XCTAssertEqual(try client.validate(.string("not an envelope")), "event must be a JSON object")
        for index in 0 ..< 20 { XCTAssertNil(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "r\(index)"))) }
        XCTAssertEqual(client.launches, 1, "one helper for the whole run")
    }

    func testConcurrentRequestsAreSerializedAndEachGetsItsOwnAnswer() throws {
        let client = try realClient()
        try client.start()
        let failures = Lock()
        var wrong: [String] = []
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0 ..< 25 {
                // Alternate conforming and not, so a crossed answer cannot go unnoticed.
                let conforming = (worker + index) % 2 == 0
                var envelope = SampleEnvelope.wpStatusChanged(eventID: "w\(worker)-\(index)")
                if !conforming { envelope = envelope.replacingPayload("wp_id", with: .number(7)) }
                let answer = Result { try client.validate(envelope) }
                let correct: Bool
                switch answer {
                case .success(nil): correct = conforming
                case .success(let message?): correct = !conforming && message.contains("wp_id")
                case .failure: correct = false
                }
                if !correct { failures.withLock { wrong.append("w\(worker)-\(index): \(answer)") } }
            }
        }
        XCTAssertEqual(wrong, [])
        XCTAssertEqual(client.launches, 1)
    }

    func testAHungHelperTimesOutAndIsKilledWithItsWholeProcessGroup() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("validator-child-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // The helper starts a grandchild and hangs: both must go, by process group.
        let client = fakeClient(afterPing: "read request; sleep 60 & echo $! > \(pidFile); wait")
        XCTAssertEqual(try client.start(), "fake")
        let helper = try XCTUnwrap(client.pid)

        let started = Date()
        XCTAssertThrowsError(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "t1"))) { error in
            XCTAssertEqual(error as? EventsValidatorError, .timedOut(seconds: 0.5))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the timeout bounds the request")
        XCTAssertNil(client.pid, "a helper that hung is not reused: its stream is out of step")
        XCTAssertTrue(EventsValidatorFixture.waitUntilGone(helper), "the helper was killed")
        let grandchild = try XCTUnwrap(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(EventsValidatorFixture.waitUntilGone(grandchild), "its process group went with it")

        // The next request starts a fresh helper (which hangs too, and is bounded the same way).
        XCTAssertThrowsError(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "t2")))
        XCTAssertEqual(client.launches, 2)
    }

    func testACrashedHelperIsRestartedAndTheRequestAnswered() throws {
        let client = try realClient()
        try client.start()
        let first = try XCTUnwrap(client.pid)
        kill(first, SIGKILL)
        XCTAssertTrue(EventsValidatorFixture.waitUntilGone(first))

        XCTAssertNil(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "after-crash")))
        XCTAssertEqual(client.launches, 2)
        XCTAssertNotEqual(client.pid, first)
    }

    func testAHelperThatDiesOnTheSameRequestAgainFailsClearly() throws {
        let client = fakeClient(afterPing: "read request; echo 'validator exploded' >&2; exit 3", requestTimeout: 5)
        XCTAssertThrowsError(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "doomed"))) { error in
            XCTAssertEqual(error as? EventsValidatorError, .crashed(stderrTail: "validator exploded"))
            XCTAssertTrue("\(error)".contains("died twice"), "\(error)")
        }
        XCTAssertEqual(client.launches, 2, "restarted once, then gave up")
    }

    func testAHelperThatAnswersGarbageIsAProtocolViolationNotAVerdict() throws {
        let client = fakeClient(afterPing: "read request; echo 'Traceback (most recent call last):'; sleep 60", requestTimeout: 5)
        XCTAssertThrowsError(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "g1"))) { error in
            guard case .protocolViolation(let detail)? = error as? EventsValidatorError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("Traceback"), detail)
        }
        XCTAssertNil(client.pid, "out of step: dropped")
    }

    func testStopEndsTheHelperAndRefusesFurtherRequests() throws {
        let client = try realClient()
        try client.start()
        let helper = try XCTUnwrap(client.pid)
        client.stop()
        XCTAssertTrue(EventsValidatorFixture.waitUntilGone(helper))
        XCTAssertThrowsError(try client.validate(SampleEnvelope.wpStatusChanged(eventID: "late"))) { error in
            XCTAssertEqual(error as? EventsValidatorError, .stopped)
        }
        client.stop()
    }

    func testAHelperThatCannotStartFailsClearly() {
        let client = EventsValidatorClient(arguments: ["/nonexistent/python", "-I", "validator.py"], requestTimeout: 1, startTimeout: 5)
        XCTAssertThrowsError(try client.start()) { error in
            guard case .startFailed(let command, _)? = error as? EventsValidatorError else { return XCTFail("\(error)") }
            XCTAssertEqual(command, "/nonexistent/python -I validator.py")
        }
    }
}
