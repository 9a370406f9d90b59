/// Why a request could not be parsed; each maps to the status the server answers.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// The request line is not `METHOD SP target SP HTTP/1.x`.
    case malformedRequestLine(String)
    /// A version other than HTTP/1.0 or HTTP/1.1.
    case unsupportedVersion(String)
    /// A header line without a valid `name: value` shape, or an obsolete folded line.
    case malformedHeader(String)
    /// The header block passed the limit before its blank line arrived.
    case headerBlockTooLarge(limit: Int)
    /// `Content-Length` is not one non-negative decimal (repeats must agree).
    case invalidContentLength(String)
    /// Both `Content-Length` and `Transfer-Encoding`: refused, it is how requests are smuggled.
    case conflictingFraming
    /// A transfer coding other than a final `chunked`.
    case unsupportedTransferEncoding(String)
    /// A chunk size line or chunk terminator that is not valid.
    case malformedChunk(String)
    /// The body passed the limit.
    case bodyTooLarge(limit: Int)
    /// A response whose status line is not `HTTP/1.x NNN reason` (client side only).
    case malformedStatusLine(String)

    /// The status code answered for this error.
    public var status: Int {
        switch self {
        case .headerBlockTooLarge: return 431
        case .bodyTooLarge: return 413
        case .unsupportedVersion: return 505
        case .unsupportedTransferEncoding: return 501
        default: return 400
        }
    }

    /// A one-line description for the JSON error body.
    public var message: String {
        switch self {
        case .malformedRequestLine(let line): return "malformed request line: \(line.prefix(120))"
        case .unsupportedVersion(let version): return "unsupported HTTP version: \(version.prefix(20))"
        case .malformedHeader(let line): return "malformed header line: \(line.prefix(120))"
        case .headerBlockTooLarge(let limit): return "header block larger than \(limit) bytes"
        case .invalidContentLength(let value): return "invalid Content-Length: \(value.prefix(40))"
        case .conflictingFraming: return "both Content-Length and Transfer-Encoding"
        case .unsupportedTransferEncoding(let value): return "unsupported Transfer-Encoding: \(value.prefix(40))"
        case .malformedChunk(let detail): return "malformed chunked body: \(detail)"
        case .bodyTooLarge(let limit): return "body larger than \(limit) bytes"
        case .malformedStatusLine(let line): return "malformed status line: \(line.prefix(120))"
        }
    }
}
