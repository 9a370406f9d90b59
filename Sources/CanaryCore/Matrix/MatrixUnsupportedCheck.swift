/// Decides, from `--help` probes, whether a CLI has the sync surface the canary needs.
///
/// The protocol script's preflight asks `auth --help` and `sync --help`; a CLI
/// that answers either with a non-zero exit has no such command (4.0.0rc7).
public enum MatrixUnsupportedCheck {
    /// The commands every scenario drives.
    public static let surfaces = ["auth", "sync"]

    /// The reason the CLI is unsupported, or nil when every surface answered.
    ///
    /// - Parameters:
    ///   - version: the CLI's version, as it reported it.
    ///   - probes: each surface's `<surface> --help` exit code (nil: it could not run).
    public static func reason(version: String, probes: [String: Int32?]) -> String? {
        let missing = surfaces.filter { surface in
            guard let code = probes[surface] else { return true }
            return code != 0
        }
        guard !missing.isEmpty else { return nil }
        let names = missing.map { "'\($0)'" }.joined(separator: " or ")
        return "cli.unsupported: spec-kitty-cli \(version) has no \(names) command; the identity-boundary canary does not apply"
    }

    /// The same decision from the version alone, for when no probe ran: 4.x pre-releases have no sync surface.
    public static func reason(version: SpecKittyVersion) -> String? {
        version.hasSyncSurface ? nil
            : "cli.unsupported: spec-kitty-cli \(version) has no 'auth' or 'sync' command; the identity-boundary canary does not apply"
    }
}
