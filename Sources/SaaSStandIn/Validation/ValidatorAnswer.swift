import CanaryCore
import Foundation

/// One answer line of `scripts/events-validator.py`, decoded. Pure.
struct ValidatorAnswer: Equatable, Sendable {
    /// Whether the envelope conforms (or the ping succeeded).
    var ok: Bool
    /// The validator's message when it does not.
    var error: String?
    /// The helper could not read the request at all (our bug, not a verdict).
    var fatal: Bool
    /// The installed `spec-kitty-events` version (ping answers only).
    var eventsVersion: String?

    /// Decodes `line`; anything but a JSON object with a boolean `ok` is a protocol violation.
    static func parse(_ line: String) throws -> ValidatorAnswer {
        guard let object = try? JSONValue.parseWire(Data(line.utf8)), let ok = object["ok"]?.boolValue else {
            throw EventsValidatorError.protocolViolation("unreadable answer \(line.prefix(200).debugDescription)")
        }
        return ValidatorAnswer(ok: ok, error: object["error"]?.stringValue, fatal: object["fatal"]?.boolValue == true,
                               eventsVersion: object["spec_kitty_events"]?.stringValue)
    }
}
