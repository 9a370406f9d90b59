import CanaryCore

/// Strict consumer mode: every envelope of a batch validated with
/// `spec_kitty_events.conformance.validate_event`, as the hosted SaaS does, after the
/// documented allowances (`ValidationAllowance`) have adapted it.
final class PayloadValidator: Sendable {
    /// The helper connection.
    let client: EventsValidatorClient
    /// The `spec-kitty-events` version the helper runs, reported by `/health/`.
    let eventsVersion: String

    /// Starts the helper for `settings` and learns its version; throws when it cannot run.
    init(_ settings: PayloadValidation) throws {
        client = EventsValidatorClient(settings)
        eventsVersion = try client.start()
    }

    /// The validator's message for the first envelope that does not conform, nil when all do.
    ///
    /// The hosted server is all-or-nothing: one invalid envelope gets the whole batch an
    /// HTTP 400 whose `error` is that envelope's message, without per-event `details`, and
    /// nothing of the batch is stored (spec-kitty#2736; the CLI's fix, #2810, bisects such
    /// a batch down to the culprit and keeps it `rejected`, i.e. retryable).
    func firstRefusal(in envelopes: [JSONValue]) throws -> String? {
        for envelope in envelopes {
            if let message = try client.validate(ValidationAllowance.adapt(envelope)) { return message }
        }
        return nil
    }

    /// Ends the helper. Idempotent.
    func stop() { client.stop() }
}
