import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The per-instance secret the admin and witness API asks for, in the `X-Standin-Secret` header.
///
/// Without it any local process could list every account's envelopes, name the
/// account the next device login gets, or queue faults; loopback is shared by
/// everything on the host, so the stand-in's own port is no boundary.
public enum AdminSecret {
    /// The request header that carries the secret.
    public static let header = "X-Standin-Secret"
    /// The environment variable the harness hands a running stand-in's secret on in.
    public static let environmentVariable = "CANARY_STANDIN_SECRET"

    /// A fresh secret: 32 random bytes in hex.
    public static func generate() -> String {
        RandomToken.make("", bytes: 32)
    }

    /// Whether `presented` is `secret`, compared in time independent of where they differ.
    static func matches(_ presented: String?, _ secret: String) -> Bool {
        guard let presented else { return false }
        let left = Array(presented.utf8), right = Array(secret.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0 ..< max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }

    /// Writes `secret` to `path`, readable by its owner only (an existing file is truncated and narrowed first).
    public static func write(_ secret: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StandInError.secretUnwritable(path: path, errno: errno) }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw StandInError.secretUnwritable(path: path, errno: errno) }
        let bytes = Array((secret + "\n").utf8)
        guard Glibc.write(descriptor, bytes, bytes.count) == bytes.count else {
            throw StandInError.secretUnwritable(path: path, errno: errno)
        }
    }

    /// Reads a secret written by `write(_:to:)`.
    public static func read(from path: String) throws -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw StandInError.secretUnreadable(path: path, reason: "\(error)")
        }
        guard !text.isEmpty else { throw StandInError.secretUnreadable(path: path, reason: "the file is empty") }
        return text
    }
}
