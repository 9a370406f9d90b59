import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

/// The daemon window keeps a daemon-starting step apart from every CLI call and host scan, across threads and processes.
final class DaemonWindowTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var window: DaemonWindow!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory("daemon-window")
        window = DaemonWindow(lockFile: directory.url.appendingPathComponent("window.lock"))
    }

    override func tearDown() {
        directory = nil
    }

    func testAnExclusiveStepWaitsForEverySharedHolderAndHoldsNewOnesOff() {
        let events = Locked<[String]>([])
        let sharedHolding = DispatchSemaphore(value: 0)
        let window = window!
        let reader = Thread {
            window.sharing {
                sharedHolding.signal()
                Thread.sleep(forTimeInterval: 0.3)
                events.withLock { $0.append("shared done") }
            }
        }
        reader.start()
        sharedHolding.wait()
        let writerDone = DispatchSemaphore(value: 0)
        Thread {
            window.exclusively {
                events.withLock { $0.append("exclusive in") }
                Thread.sleep(forTimeInterval: 0.2)
                events.withLock { $0.append("exclusive out") }
            }
            writerDone.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.1)
        window.sharing { events.withLock { $0.append("late shared") } }
        writerDone.wait()
        XCTAssertEqual(events.withLock { $0 }, ["shared done", "exclusive in", "exclusive out", "late shared"],
                       "a shared request made while the exclusive one waits comes after it")
    }

    func testCallsInsideTheExclusiveStepPassThrough() {
        let window = window!
        let finished = expectation(description: "no deadlock")
        Thread {
            window.exclusively {
                window.sharing { window.exclusively {} }
            }
            finished.fulfill()
        }.start()
        wait(for: [finished], timeout: 5)
    }

    func testASharedHolderNestingAnotherSharedRequestDoesNotWaitBehindAWaitingExclusiveOne() {
        let window = window!
        let inside = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let finished = expectation(description: "the nested request passes")
        Thread {
            window.sharing {
                inside.signal()
                proceed.wait()
                window.sharing {}
            }
            finished.fulfill()
        }.start()
        inside.wait()
        let writer = expectation(description: "the exclusive step runs after")
        Thread { window.exclusively {}; writer.fulfill() }.start()
        Thread.sleep(forTimeInterval: 0.1)
        proceed.signal()
        wait(for: [finished, writer], timeout: 5)
    }

    func testAStreamOfOverlappingSharedHoldersDoesNotStarveTheExclusiveStep() {
        let window = window!
        let stop = Locked(false)
        for _ in 0 ..< 3 {
            Thread {
                while !stop.withLock({ $0 }) {
                    window.sharing { Thread.sleep(forTimeInterval: 0.05) }
                }
            }.start()
        }
        Thread.sleep(forTimeInterval: 0.1)
        let started = Date()
        window.exclusively {}
        let waited = Date().timeIntervalSince(started)
        stop.withLock { $0 = true }
        XCTAssertLessThan(waited, 1.0, "the turnstile lets the exclusive step in once the holders of the moment finish")
    }

    func testAnotherProcessHoldingTheWindowExclusivelyHoldsThisOneOff() throws {
        // flock(1) from util-linux is a second process on the same file.
        let path = try ExecutableLocator.resolve("flock", searchPath: ProcessInfo.processInfo.environment["PATH"])
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: path)
        holder.arguments = ["-x", window.lockFile.path, "sleep", "0.5"]
        try holder.run()
        Thread.sleep(forTimeInterval: 0.15)
        let started = Date()
        window.sharing {}
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.2, "the shared holder waited for the other process")
        holder.waitUntilExit()
    }
}
