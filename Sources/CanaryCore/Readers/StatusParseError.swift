/// Output the canary needs could not be read: the `boundary.status_unparseable` failure.
public enum StatusParseError: Error, Equatable, CustomStringConvertible {
    /// The text is not JSON at all.
    case notJSON(String)
    /// A required field is absent or of the wrong type; dotted path, e.g. `active_queue.path`.
    case missingField(String)
    /// The text form has no `Identity Boundary` block.
    case missingBlock(String)

    /// What is missing, in words.
    public var description: String {
        switch self {
        case let .notJSON(reason): "not JSON: \(reason)"
        case let .missingField(field): "missing field \(field)"
        case let .missingBlock(block): "no \(block) block"
        }
    }
}
