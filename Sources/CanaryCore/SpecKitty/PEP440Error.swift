import Foundation

/// Why a string is not a PEP 440 version.
public struct PEP440Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that failed to parse.
    public let text: String
    /// What was wrong, e.g. "unexpected 'x' at offset 5".
    public let reason: String

    /// An error for `text`, saying what was wrong with it.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// A one-line explanation.
    public var description: String { "'\(text)' is not a PEP 440 version: \(reason)" }
}
