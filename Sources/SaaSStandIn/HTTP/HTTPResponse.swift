import CanaryCore
import Foundation

/// One HTTP/1.1 response, serialised with an exact `Content-Length`.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// Header fields; `Content-Length` and `Connection` are written by `serialized`.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response whose body is `value` encoded with sorted keys; a 500 saying why
    /// when `value` cannot be encoded (never `status` over an error body).
    public static func json<T: Encodable>(_ status: Int, _ value: T) -> HTTPResponse {
        do {
            return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: try JSONCoding.encode(value))
        } catch {
            return .error(500, "stand-in could not encode its \(status) answer: \(String(describing: error).prefix(300))")
        }
    }

    /// A JSON response written straight from a `JSONValue` tree (no Codable on the hot path).
    public static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Data(value.compactText.utf8))
    }

    /// The `{"error": message}` shape every failure here uses.
    public static func error(_ status: Int, _ message: String) -> HTTPResponse {
        // Written from a tree, which cannot fail: an error answer must always go out.
        json(status, JSONValue.object([(key: "error", value: .string(message))]))
    }

    /// The bytes on the wire. A HEAD answer keeps its length but omits the body.
    public func serialized(keepAlive: Bool, omitBody: Bool = false) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        for field in headers where !field.name.caseInsensitiveEquals("Content-Length") && !field.name.caseInsensitiveEquals("Connection") {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Data(head.utf8)
        if !omitBody { bytes.append(body) }
        return bytes
    }

    /// The reason phrase for the codes this server sends.
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}
