import CanaryCore
import Foundation

/// Time formatting shared by the journal, comments and tracker, so every timestamp reads the same.
public enum GateClock {
    /// `2026-11-25T15:33:00Z`: UTC, whole seconds.
    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
