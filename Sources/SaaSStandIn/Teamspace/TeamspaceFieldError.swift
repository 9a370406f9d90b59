/// Why the Teamspace projection could not use an envelope it needed; the text names the field.
enum TeamspaceFieldError: Error, Equatable, CustomStringConvertible {
    /// A field the projection needs is absent or null.
    case missing(field: String)
    /// A field is present with the wrong type or an empty value.
    case malformed(field: String, expected: String)
    /// The fields are each well formed but break a rule between them.
    case contract(String)

    /// One line, starting with the field.
    var description: String {
        switch self {
        case let .missing(field): return "\(field) missing"
        case let .malformed(field, expected): return "\(field) malformed: expected \(expected)"
        case let .contract(rule): return rule
        }
    }
}
