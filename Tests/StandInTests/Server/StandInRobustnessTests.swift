import CanaryCore
import Foundation
import Glibc
@testable import SaaSStandIn
import XCTest

/// HTTP/1.1 done properly: bad bytes, slow or vanishing clients, keep-alive, shutdown.
final class StandInRobustnessTests: StandInTestCase {
    private func server(requestTimeout: TimeInterval = 30) throws -> StandInServer {
        try startServer(StandInConfiguration(requestTimeout: requestTimeout))
    }

    func testMalformedRequestLineGets400AndTheServerKeepsServing() throws {
        let server = try server()
        let socket = try rawSocket(server)
        try socket.write(Data("THIS IS NOT HTTP\r\n\r\n".utf8))
        let answer = try readAll(socket)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400 "), answer)
        XCTAssertTrue(answer.contains("Connection: close"))
        XCTAssertTrue(answer.contains("malformed request line"))
        assertStillServing(server)
        XCTAssertEqual(try server.client().requestLog().first?.status, 400, "logged")
    }

    func testOversizedHeaderBlockGets431() throws {
        let server = try server()
        let socket = try rawSocket(server)
        let huge = "GET /health/ HTTP/1.1\r\n" + (0 ..< 2000).map { "X-Filler-\($0): \(String(repeating: "x", count: 40))\r\n" }.joined()
        try? socket.write(Data(huge.utf8))
        XCTAssertTrue(try readAll(socket).hasPrefix("HTTP/1.1 431 "))
        assertStillServing(server)
    }

    func testBodyShorterThanContentLengthTimesOutWith408() throws {
        let server = try server(requestTimeout: 0.5)
        let socket = try rawSocket(server)
        try socket.write(Data("POST /api/v1/events/batch/ HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"events\":".utf8))
        let started = Date()
        let answer = try readAll(socket, seconds: 10)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 408 "), answer)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        assertStillServing(server)
    }

    func testMegabytesOfBlankLinesBeforeARequestGet431() throws {
        var configuration = StandInConfiguration()
        configuration.maxHeaderBytes = 4096
        let server = try startServer(configuration)
        let socket = try rawSocket(server)
        let blank = Data(String(repeating: "\r\n", count: 32 * 1024).utf8)
        // The server may hang up before all of it is written: that is the point.
        for _ in 0 ..< 16 { guard (try? socket.write(blank)) != nil else { break } }
        let answer = try readAll(socket, seconds: 5)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 431 "), "blank lines are no request, and they count: \(answer.prefix(80).debugDescription)")
        assertStillServing(server)
    }

    func testATrickleOfBlankLinesIsHeldToTheRequestTimeout() throws {
        let server = try startServer(StandInConfiguration(requestTimeout: 0.5, idleTimeout: 30))
        let socket = try rawSocket(server)
        let started = Date()
        var open = true
        while open, Date().timeIntervalSince(started) < 4 {
            open = (try? socket.write(Data("\r\n".utf8))) != nil
            if case .bytes(let bytes) = try socket.read(deadline: Date(timeIntervalSinceNow: 0.1)) {
                XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
                break
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "blank lines must not keep a connection past the request timeout")
    }

    func testALargeChunkedBodyCostsOnePassOverItsBytes() throws {
        let server = try server()
        let socket = try rawSocket(server)
        let chunk = Data("400\r\n".utf8) + Data(repeating: 0x61, count: 0x400) + Data("\r\n".utf8)
        let block = Data((0 ..< 64).map { _ in chunk }.joined())
        let started = Date()
        try socket.write(Data("POST /health/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8))
        // 16 MiB in 1 KiB chunks: decoding from the start on every read took 8 s of CPU (#14).
        for _ in 0 ..< 16 * 1024 / 64 { try socket.write(block) }
        try socket.write(Data("0\r\n\r\n".utf8))
        let answer = try readAll(socket, seconds: 30)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 405 "), "the body was read whole: \(answer.prefix(80))")
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testConnectionsOverTheCapAreAnswered503AndClosed() throws {
        var configuration = StandInConfiguration()
        configuration.maxConnections = 2
        let server = try startServer(configuration)
        // Two kept-alive connections, each proven admitted by an answer.
        let held = [rawClient(server), rawClient(server)]
        for client in held { XCTAssertEqual(try client.send(HTTPRequest(method: "GET", target: "/health/")).status, 200) }

        let socket = try rawSocket(server)
        try socket.write(Data("GET /health/ HTTP/1.1\r\n\r\n".utf8))
        let answer = try readAll(socket, seconds: 5)
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 503 "), answer)
        XCTAssertTrue(answer.contains("Connection: close"))
        XCTAssertTrue(answer.contains("Retry-After: 1"))
        XCTAssertTrue(answer.contains("maximum of 2 connections"))

        held[0].close()
        let deadline = Date(timeIntervalSinceNow: 5)
        var status = 0
        repeat {
            status = (try? rawClient(server).send(HTTPRequest(method: "GET", target: "/health/", headers: HTTPHeaders([("Connection", "close")]))).status) ?? 0
        } while status != 200 && Date() < deadline
        XCTAssertEqual(status, 200, "a freed slot serves again")
        XCTAssertEqual(try held[1].send(HTTPRequest(method: "GET", target: "/health/")).status, 200, "admitted connections never noticed")
    }

    func testAbruptDisconnectsNeverWedgeOrKillTheServer() throws {
        let server = try server()
        for partial in ["", "GET /hea", "POST /api/v1/events/batch/ HTTP/1.1\r\nContent-Length: 50000\r\n\r\n{\"ev"] {
            let socket = try ConnectedSocket.connect(host: "127.0.0.1", port: UInt16(server.baseURL.port!))
            if !partial.isEmpty { try socket.write(Data(partial.utf8)) }
            socket.close()
        }
        // A client that asks for a large answer and vanishes before reading it.
        let client = server.client()
        let token = try client.deviceLogin().accessToken
        let body = try StandInClient.encodeBatch((0 ..< 300).map { SampleEnvelope.wpStatusChanged(eventID: "gone-\($0)") })
        let socket = try ConnectedSocket.connect(host: "127.0.0.1", port: UInt16(server.baseURL.port!))
        try socket.write(Data("POST /api/v1/events/batch/ HTTP/1.1\r\nAuthorization: Bearer \(token)\r\nContent-Encoding: gzip\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        var linger = linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        socket.close() // RST, not FIN: the server's write meets ECONNRESET/EPIPE
        Thread.sleep(forTimeInterval: 0.3)
        assertStillServing(server)
        XCTAssertEqual(try client.envelopes().count, 300, "the batch itself was processed")
    }

    func testChunkedRequestBodyAndKeepAlive() throws {
        let server = try server()
        let client = server.client()
        let token = try client.deviceLogin().accessToken
        let json = #"{"events":[{"event_id":"chunked-1","event_type":"X"}]}"#
        let half = json.utf8.count / 2
        let chunks = [String(json.prefix(half)), String(json.dropFirst(half))]
        let chunked = chunks.map { String($0.utf8.count, radix: 16) + "\r\n" + $0 + "\r\n" }.joined() + "0\r\n\r\n"
        let socket = try rawSocket(server)
        let request = "POST /api/v1/events/batch HTTP/1.1\r\nAuthorization: Bearer \(token)\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
        // Two requests on one connection, the second pipelined right behind the first.
        try socket.write(Data((request + "GET /health/ HTTP/1.1\r\nConnection: close\r\n\r\n").utf8))
        let answers = try readAll(socket)
        XCTAssertEqual(answers.components(separatedBy: "HTTP/1.1 200 OK").count - 1, 2, answers)
        XCTAssertTrue(answers.contains(#""status":"success""#))
        XCTAssertEqual(try client.envelopes().map(\.eventID), ["chunked-1"])
    }

    func testExpectContinueGets100BeforeTheBody() throws {
        let server = try server()
        let socket = try rawSocket(server)
        try socket.write(Data("POST /__standin__/accounts HTTP/1.1\r\n\(AdminSecret.header): \(server.adminSecret)\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n".utf8))
        guard case .bytes(let interim) = try socket.read(deadline: Date(timeIntervalSinceNow: 5)) else { return XCTFail("no 100 Continue") }
        XCTAssertEqual(String(decoding: interim, as: UTF8.self), "HTTP/1.1 100 Continue\r\n\r\n")
        try socket.write(Data("{}".utf8))
        guard case .bytes(let final) = try socket.read(deadline: Date(timeIntervalSinceNow: 5)) else { return XCTFail("no answer") }
        XCTAssertTrue(String(decoding: final, as: UTF8.self).hasPrefix("HTTP/1.1 201 "))
    }

    func testStopWakesIdleConnectionsAndReturnsPromptly() throws {
        let server = try StandInServer(configuration: StandInConfiguration())
        try server.start()
        let idle = try (0 ..< 3).map { _ in try ConnectedSocket.connect(host: "127.0.0.1", port: UInt16(server.baseURL.port!)) }
        defer { idle.forEach { $0.close() } }
        let halfRequest = idle[0]
        try halfRequest.write(Data("GET /health/ HTTP/1.1\r\n".utf8))
        Thread.sleep(forTimeInterval: 0.1)
        let started = Date()
        server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "stop() must not wait for idle clients")
        XCTAssertThrowsError(try ConnectedSocket.connect(host: "127.0.0.1", port: UInt16(server.baseURL.port!)), "the port is closed")
    }

    func testStopDoesNotWaitOutAnInjectedDelay() throws {
        let server = try StandInServer(configuration: StandInConfiguration())
        try server.start()
        let client = server.client(timeout: 30)
        let account = try client.createAccount()
        let token = try client.deviceLogin(account: account.userID).accessToken
        try client.injectFault(.delay(milliseconds: 60_000), account: account.userID)
        let answered = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "slow")], accessToken: token)
            answered.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        let started = Date()
        server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertEqual(answered.wait(timeout: .now() + 5), .success)
    }

    func testEverySocketIsCloseOnExec() throws {
        // Only sockets made here count: `swift test` hands its runner sockets of its own.
        let inherited = Self.socketDescriptors()
        let server = try server()
        let socket = try rawSocket(server)
        try socket.write(Data("GET /health/ HTTP/1.1\r\n\r\n".utf8))
        _ = try socket.read(deadline: Date(timeIntervalSinceNow: 5))
        let ours = Self.socketDescriptors().subtracting(inherited)
        XCTAssertGreaterThanOrEqual(ours.count, 3, "listener, server side and client side")
        for fd in ours {
            let flags = fcntl(fd, F_GETFD)
            XCTAssertGreaterThanOrEqual(flags, 0)
            XCTAssertNotEqual(flags & FD_CLOEXEC, 0, "socket fd \(fd) would leak into a spawned CLI")
        }
    }

    private static func socketDescriptors() -> Set<Int32> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(names.compactMap { name -> Int32? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
                  target.hasPrefix("socket:") else { return nil }
            return Int32(name)
        })
    }

    func testConcurrentClients() throws {
        let server = try server()
        let client = server.client()
        let token = try client.deviceLogin().accessToken
        let failures = Lock()
        var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let own = server.client()
            for index in 0 ..< 10 {
                do {
                    let answer = try own.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "w\(worker)-\(index)"), SampleEnvelope.wpStatusChanged(eventID: "shared-\(index)")], accessToken: token)
                    if answer.status != 200 { failures.withLock { errors.append("HTTP \(answer.status)") } }
                } catch {
                    failures.withLock { errors.append("\(error)") }
                }
            }
        }
        XCTAssertEqual(errors, [])
        XCTAssertEqual(try client.envelopes().count, 80 + 10, "every shared id stored exactly once")
    }
}
