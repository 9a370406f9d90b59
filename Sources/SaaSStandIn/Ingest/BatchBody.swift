import CanaryCore
import Foundation

/// The decoded body of a batch-ingest request: `{"events": [envelope, ...]}`.
struct BatchBody: Equatable {
    /// Why a body is not a batch; each becomes a 400 (or 413/415) answer.
    enum Failure: Error, Equatable {
        /// Content-Encoding other than gzip, deflate or identity.
        case unsupportedEncoding(String)
        /// The gzip stream is broken.
        case undecodable(String)
        /// The inflated body passed the size limit.
        case tooLarge(limit: Int)
        /// Not JSON, or not an object with an `events` list.
        case malformed(String)

        /// The status code answered.
        var status: Int {
            switch self {
            case .unsupportedEncoding: return 415
            case .tooLarge: return 413
            case .undecodable, .malformed: return 400
            }
        }

        /// The `error` text answered.
        var message: String {
            switch self {
            case .unsupportedEncoding(let encoding): return "Unsupported Content-Encoding: \(encoding)"
            case .undecodable(let detail): return "Could not decompress request body: \(detail)"
            case .tooLarge(let limit): return "Request body too large (over \(limit) bytes inflated)"
            case .malformed(let detail): return "Malformed request body: \(detail)"
            }
        }
    }

    /// The envelopes in order.
    var events: [JSONValue]
    /// Each envelope's text exactly as it arrived (after inflating), in the same order:
    /// what the witness stores and serves, so nothing it shows was re-encoded.
    var envelopeTexts: [String]

    /// Decodes `request`'s body, inflating gzip or deflate first.
    static func decode(_ request: HTTPRequest, inflatedLimit: Int) throws -> BatchBody {
        let encoding = request.headers["Content-Encoding"]?.trimmingCharacters(in: .whitespaces).lowercased() ?? "identity"
        let bytes: Data
        switch encoding {
        case "gzip", "x-gzip", "deflate":
            do {
                bytes = try Gzip.inflate(request.body, limit: inflatedLimit)
            } catch Gzip.Failure.tooLarge(let limit) {
                throw Failure.tooLarge(limit: limit)
            } catch {
                throw Failure.undecodable("\(error)")
            }
        case "identity", "":
            bytes = request.body
        default:
            throw Failure.unsupportedEncoding(encoding)
        }
        let parsed: (value: JSONValue, elementRanges: [Range<Int>])
        do {
            parsed = try JSONParser.parse(bytes, elementRangesOf: "events")
        } catch let failure as JSONParser.Failure {
            throw Failure.malformed("not JSON: \(failure.reason) at byte \(failure.offset)")
        }
        guard let events = parsed.value["events"]?.arrayValue, events.count == parsed.elementRanges.count else {
            throw Failure.malformed("expected an object with an 'events' list")
        }
        // The parser validated every string, and JSON outside strings is ASCII: decoding loses nothing.
        let texts = bytes.withUnsafeBytes { raw in
            parsed.elementRanges.map { String(decoding: UnsafeRawBufferPointer(rebasing: raw[$0]), as: UTF8.self) }
        }
        return BatchBody(events: events, envelopeTexts: texts)
    }
}
