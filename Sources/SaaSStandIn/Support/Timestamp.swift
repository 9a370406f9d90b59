import Foundation
import Glibc

/// ISO-8601 UTC timestamps with milliseconds, formatted by hand: thread-safe and cheap.
enum Timestamp {
    /// `date` as `2026-05-01T12:00:00.000Z`.
    static func iso8601(_ date: Date = Date()) -> String {
        let seconds = date.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&whole, &parts)
        let milliseconds = min(999, Int(((seconds - seconds.rounded(.down)) * 1000).rounded(.down)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), milliseconds)
    }
}
