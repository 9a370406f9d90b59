@testable import SaaSStandIn
import XCTest

final class HTTPRequestParserTests: XCTestCase {
    private struct Incomplete: Error {}

    private let parser = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 4096)

    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> HTTPRequestParser.Result {
        try parser.parse(Array(text.utf8))
    }

    private func complete(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> (HTTPRequest, Int) {
        guard case .complete(let request, let consumed) = try parse(text) else {
            XCTFail("expected a complete request", file: file, line: line)
            throw Incomplete()
        }
        return (request, consumed)
    }

    private func assertFails(_ text: String, with expected: HTTPParseError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parser.parse(Array(text.utf8)), file: file, line: line) { error in
            XCTAssertEqual(error as? HTTPParseError, expected, file: file, line: line)
        }
    }

    func testGetWithHeadersAndQuery() throws {
        let (request, consumed) = try complete("GET /api/v1/me?x=1&y=a+b HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer tok\r\n\r\n")
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.path, "/api/v1/me")
        XCTAssertEqual(request.query, ["x": "1", "y": "a b"])
        XCTAssertEqual(request.headers["authorization"], "Bearer tok")
        XCTAssertEqual(request.bearerToken, "tok")
        XCTAssertTrue(request.wantsKeepAlive)
        XCTAssertEqual(consumed, 73)
    }

    func testContentLengthBodyWaitsForEveryByte() throws {
        let head = "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\n"
        XCTAssertEqual(try parse(head + "ab"), .incomplete(needAtLeast: head.utf8.count + 5, expectsContinue: false))
        let (request, consumed) = try complete(head + "abcdeGET")
        XCTAssertEqual(request.body, Data("abcde".utf8))
        XCTAssertEqual(consumed, head.utf8.count + 5)
    }

    func testChunkedBodyWithExtensionAndTrailer() throws {
        let text = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n"
        let (request, consumed) = try complete(text)
        XCTAssertEqual(String(decoding: request.body, as: UTF8.self), "Wikipedia")
        XCTAssertEqual(consumed, text.utf8.count)
    }

    func testChunkedBodyIncompleteUntilLastChunk() throws {
        XCTAssertEqual(try parse("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n"),
                       .incomplete(needAtLeast: nil, expectsContinue: false))
    }

    func testPipelinedRequestsParseOneAtATime() throws {
        let (first, consumed) = try complete("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n")
        XCTAssertEqual(first.path, "/a")
        let rest = Array("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n".utf8)[consumed...]
        guard case .complete(let second, _) = try parser.parse(Array(rest)) else { return XCTFail("second request") }
        XCTAssertEqual(second.path, "/b")
    }

    func testBareLineFeedsAndLeadingBlankLinesAreTolerated() throws {
        let (request, _) = try complete("\r\n\nGET /a HTTP/1.0\nHost: h\n\n")
        XCTAssertEqual(request.path, "/a")
        XCTAssertEqual(request.minorVersion, 0)
        XCTAssertFalse(request.wantsKeepAlive)
    }

    func testBlankLinesBeforeTheRequestLineCountAgainstTheHeaderLimit() throws {
        let blank = String(repeating: "\r\n", count: 600)
        assertFails(blank + "GET /a HTTP/1.1\r\n\r\n", with: .headerBlockTooLarge(limit: 1024))
        assertFails(blank, with: .headerBlockTooLarge(limit: 1024))
        XCTAssertEqual(try complete(String(repeating: "\r\n", count: 400) + "GET /a HTTP/1.1\r\n\r\n").0.path, "/a", "within the limit: still ignored")
    }

    func testAChunkedBodyResumesAcrossReadsWithoutDecodingAgain() throws {
        let head = Array("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        let body = (0 ..< 50).map { "\(String(1 + $0 % 16, radix: 16))\r\n" + String(repeating: "z", count: 1 + $0 % 16) + "\r\n" }.joined() + "0\r\nT: 1\r\n\r\n"
        let wire = head + Array(body.utf8) + Array("GET /next HTTP/1.1\r\n\r\n".utf8)
        let expected = Data((0 ..< 50).map { String(repeating: "z", count: 1 + $0 % 16) }.joined().utf8)
        let parser = HTTPRequestParser(maxHeaderBytes: 1024, maxBodyBytes: 4096)
        for step in [1, 2, 7, 64] {
            var buffer = Array("\r\n".utf8)
            var chunks: ChunkedBodyDecoder?
            var result = HTTPRequestParser.Result.incomplete(needAtLeast: nil, expectsContinue: false)
            for end in stride(from: step, through: wire.count + step, by: step) {
                buffer = Array("\r\n".utf8) + wire.prefix(end)
                result = try parser.parse(buffer, from: 2, resuming: &chunks)
                if case .complete = result { break }
                XCTAssertEqual(result, .incomplete(needAtLeast: nil, expectsContinue: false))
            }
            guard case .complete(let request, let consumed) = result else { return XCTFail("never completed in steps of \(step)") }
            XCTAssertEqual(request.body, expected, "steps of \(step)")
            XCTAssertEqual(consumed, head.count + body.utf8.count, "counted from the offset")
            XCTAssertNil(chunks, "reset for the next request")
        }
    }

    func testChunkSizeLines() {
        for (line, size) in [("0", 0), ("1a", 26), ("FF", 255), (" 10 ", 16), ("4;ext=1", 4), ("4 ; a=b", 4), ("fffffffffffffff", 0xFFF_FFFF_FFFF_FFFF)] {
            XCTAssertEqual(ChunkedBodyDecoder.chunkSize(ArraySlice(line.utf8)), size, line)
        }
        for line in ["", ";x", "zz", "+1", "-1", "1 2", "0x10", "1000000000000000"] {
            XCTAssertNil(ChunkedBodyDecoder.chunkSize(ArraySlice(line.utf8)), line)
        }
    }

    func testAbsoluteFormTargetKeepsPathAndQuery() throws {
        XCTAssertEqual(try complete("GET http://127.0.0.1:9/health/?a=1 HTTP/1.1\r\n\r\n").0.target, "/health/?a=1")
    }

    func testExpectContinueIsReported() throws {
        XCTAssertEqual(try parse("POST /x HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"),
                       .incomplete(needAtLeast: 64, expectsContinue: true))
    }

    func testMalformedRequestLines() {
        assertFails("GARBAGE\r\n\r\n", with: .malformedRequestLine("GARBAGE"))
        assertFails("GET /x\r\n\r\n", with: .malformedRequestLine("GET /x"))
        assertFails("GET  /x HTTP/1.1\r\n\r\n", with: .malformedRequestLine("GET  /x HTTP/1.1"))
        assertFails("GET /x FTP/1.1\r\n\r\n", with: .malformedRequestLine("GET /x FTP/1.1"))
        assertFails("G(T /x HTTP/1.1\r\n\r\n", with: .malformedRequestLine("G(T /x HTTP/1.1"))
        assertFails("GET x HTTP/1.1\r\n\r\n", with: .malformedRequestLine("GET x HTTP/1.1"))
        assertFails("GET /x HTTP/2.0\r\n\r\n", with: .unsupportedVersion("HTTP/2.0"))
    }

    func testMalformedHeaders() {
        assertFails("GET /x HTTP/1.1\r\nNoColon\r\n\r\n", with: .malformedHeader("NoColon"))
        assertFails("GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n", with: .malformedHeader("Bad Name: v"))
        assertFails("GET /x HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n", with: .malformedHeader(" folded"))
    }

    func testFramingErrors() {
        assertFails("POST /x HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", with: .conflictingFraming)
        assertFails("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", with: .invalidContentLength("-1"))
        assertFails("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", with: .invalidContentLength("1, 2"))
        assertFails("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", with: .unsupportedTransferEncoding("gzip"))
        assertFails("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", with: .malformedChunk("bad chunk size 'zz'"))
        assertFails("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", with: .malformedChunk("chunk data longer than its size"))
    }

    func testLimits() {
        assertFails("POST /x HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", with: .bodyTooLarge(limit: 4096))
        let big = "GET /x HTTP/1.1\r\nX: " + String(repeating: "a", count: 2000)
        assertFails(big, with: .headerBlockTooLarge(limit: 1024))
        assertFails(big + "\r\n\r\n", with: .headerBlockTooLarge(limit: 1024))
        XCTAssertEqual(HTTPParseError.headerBlockTooLarge(limit: 1).status, 431)
        XCTAssertEqual(HTTPParseError.bodyTooLarge(limit: 1).status, 413)
        XCTAssertEqual(HTTPParseError.malformedRequestLine("").status, 400)
    }

    func testResponseSerialisationAndParsingRoundTrip() throws {
        let response = HTTPResponse.json(201, ["status": "stored"])
        let wire = Array(response.serialized(keepAlive: true))
        guard case .complete(let parsed, let consumed) = try HTTPResponseParser().parse(wire, requestMethod: "POST", atEndOfStream: false) else {
            return XCTFail("response should parse")
        }
        XCTAssertEqual(parsed.status, 201)
        XCTAssertEqual(parsed.body, response.body)
        XCTAssertEqual(parsed.headers["Connection"], "keep-alive")
        XCTAssertEqual(consumed, wire.count)
        let head = Array(response.serialized(keepAlive: false, omitBody: true))
        XCTAssertTrue(String(decoding: head, as: UTF8.self).hasSuffix("Connection: close\r\n\r\n"))
    }
}
