import CanaryCore

/// A bearer token's fingerprint: enough to tell which server issued a credential, never enough to use it.
public enum TokenFingerprint {
    /// `sha256:` and the first 16 hex digits of the token's SHA-256.
    public static func of(_ token: String) -> String {
        "sha256:" + SHA256.hex(of: token).prefix(16)
    }
}
