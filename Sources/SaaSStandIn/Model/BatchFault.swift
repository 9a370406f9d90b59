/// A misbehaviour injected into upcoming batch-ingest requests.
///
/// JSON: `{"kind": K, ...}` with K one of `reject` (`error_category`, `error`),
/// `http_412` (`error_code`, `error_description`, `upgrade_guidance`), `http_413`,
/// `http_500`, `delay` (`delay_ms`), `close`.
public enum BatchFault: Equatable, Sendable {
    /// Answer 200 with every event `rejected` under `category` (and record the rejection).
    case reject(category: String, message: String)
    /// Answer 412 `{error_code, error_description, sync_protocol: {upgrade_guidance}}`: the CLI halts.
    case protocolMismatch(errorCode: String, description: String, upgradeGuidance: String)
    /// Answer 413: the CLI halves the batch.
    case payloadTooLarge
    /// Answer 500: the CLI counts the batch transient.
    case serverError
    /// Wait this long, then answer normally.
    case delay(milliseconds: Int)
    /// Close the connection without answering.
    case closeConnection

    /// The `kind` string of the JSON form.
    public var kind: String {
        switch self {
        case .reject: return "reject"
        case .protocolMismatch: return "http_412"
        case .payloadTooLarge: return "http_413"
        case .serverError: return "http_500"
        case .delay: return "delay"
        case .closeConnection: return "close"
        }
    }
}

extension BatchFault: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, errorCategory = "error_category", error, errorCode = "error_code"
        case errorDescription = "error_description", upgradeGuidance = "upgrade_guidance", delayMilliseconds = "delay_ms"
    }

    /// Decodes the `{"kind": ...}` form; omitted details take the defaults shown in the code.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        func text(_ key: CodingKeys, _ fallback: String) throws -> String {
            try container.decodeIfPresent(String.self, forKey: key) ?? fallback
        }
        switch kind {
        case "reject":
            self = .reject(category: try text(.errorCategory, "business_rule"),
                           message: try text(.error, "rejected by stand-in fault injection"))
        case "http_412":
            self = .protocolMismatch(
                errorCode: try text(.errorCode, "client-too-old"),
                description: try text(.errorDescription, "This CLI speaks a sync protocol the server no longer accepts."),
                upgradeGuidance: try text(.upgradeGuidance, "Upgrade spec-kitty-cli to a release that speaks sync protocol 2.x."))
        case "http_413": self = .payloadTooLarge
        case "http_500": self = .serverError
        case "delay":
            let milliseconds = try container.decodeIfPresent(Int.self, forKey: .delayMilliseconds) ?? 1000
            guard (0 ... 600_000).contains(milliseconds) else {
                throw DecodingError.dataCorruptedError(forKey: .delayMilliseconds, in: container, debugDescription: "delay_ms must be 0...600000")
            }
            self = .delay(milliseconds: milliseconds)
        case "close": self = .closeConnection
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                debugDescription: "unknown fault kind '\(kind)': use reject, http_412, http_413, http_500, delay or close")
        }
    }

    /// Encodes the `{"kind": ...}` form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .reject(let category, let message):
            try container.encode(category, forKey: .errorCategory)
            try container.encode(message, forKey: .error)
        case .protocolMismatch(let code, let description, let guidance):
            try container.encode(code, forKey: .errorCode)
            try container.encode(description, forKey: .errorDescription)
            try container.encode(guidance, forKey: .upgradeGuidance)
        case .delay(let milliseconds):
            try container.encode(milliseconds, forKey: .delayMilliseconds)
        case .payloadTooLarge, .serverError, .closeConnection:
            break
        }
    }
}
