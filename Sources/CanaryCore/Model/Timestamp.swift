import Foundation

/// The canary's one timestamp format: ISO 8601, UTC, milliseconds and `Z`, as in `2026-05-19T11:17:05.123Z`.
///
/// Run documents, the JUnit report, the matrix, the gate's journal and tracker,
/// and the stand-in's rows all print time through here, so evidence from any
/// of them can be compared and sorted as text.
public enum Timestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let wholeSeconds = Date.ISO8601FormatStyle()

    /// `date` (now by default) as `2026-05-19T11:17:05.123Z`, milliseconds truncated.
    public static func iso8601(_ date: Date = Date()) -> String {
        date.formatted(withFraction)
    }

    /// Parses a timestamp with or without fractional seconds; nil when it is not ISO 8601.
    public static func parse(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? wholeSeconds.parse(text))
    }
}
