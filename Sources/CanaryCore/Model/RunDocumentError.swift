/// Why a run document could not be built or read; always names the field.
public enum RunDocumentError: Error, Equatable, CustomStringConvertible {
    /// A field breaks an invariant of the format.
    case invalidField(String, reason: String)
    /// A field is missing or has the wrong type.
    case malformedField(String, reason: String)
    /// The bytes are not JSON at all.
    case notJSON(reason: String)

    public var description: String {
        switch self {
        case let .invalidField(field, reason): "run document field '\(field)' is invalid: \(reason)"
        case let .malformedField(field, reason): "run document field '\(field)' is malformed: \(reason)"
        case let .notJSON(reason): "run document is not JSON: \(reason)"
        }
    }
}
