/// A spec-kitty-cli version such as `3.2.7` or `3.2.0rc13`, and what it implies.
///
/// The generations table of `spec-kitty-cli.md` keys behaviour on version
/// ranges; this type is the one place those ranges are written down.
public struct SpecKittyVersion: Comparable, CustomStringConvertible, Sendable {
    /// Major, minor and patch.
    public let major: Int, minor: Int, patch: Int
    /// The pre-release tag (`rc`, `a`, `b`, `dev`) and number, or nil for a release.
    public let prerelease: (tag: String, number: Int)?
    /// The text it was parsed from.
    public let description: String

    /// Parses `3.2.7`, `3.2.0rc13`, `4.0.0rc7`, `3.2.1a1`; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digitsAndDots = trimmed.prefix { $0.isNumber || $0 == "." }
        let parts = digitsAndDots.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2] else { return nil }
        let rest = trimmed.dropFirst(digitsAndDots.count)
        if rest.isEmpty {
            prerelease = nil
        } else {
            let tag = rest.prefix { $0.isLetter }
            guard !tag.isEmpty, let number = Int(rest.dropFirst(tag.count)) else { return nil }
            prerelease = (String(tag), number)
        }
        self.major = major
        self.minor = minor
        self.patch = patch
        description = trimmed
    }

    /// Same version, ignoring how it was written.
    public static func == (lhs: SpecKittyVersion, rhs: SpecKittyVersion) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    /// PEP 440 order for the forms the CLI uses: pre-releases sort before their release.
    public static func < (lhs: SpecKittyVersion, rhs: SpecKittyVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, nil), (nil, _?): return false
        case (_?, nil): return true
        case let (left?, right?): return (left.tag, left.number) < (right.tag, right.number)
        }
    }

    private static func release(_ text: String) -> SpecKittyVersion {
        guard let version = SpecKittyVersion(text) else { preconditionFailure("bad literal \(text)") }
        return version
    }

    /// Whether the CLI has `auth` and `sync` commands at all (4.0 pre-releases do not).
    public var hasSyncSurface: Bool { major < 4 }

    /// Up to 3.2.2 the runtime root is `<HOME>/.spec-kitty`; later `$SPEC_KITTY_HOME` itself.
    public var usesDotSpecKittyRuntimeRoot: Bool { self < Self.release("3.2.3") }

    /// Up to 3.2.5 sync reads the server from `[sync].server_url` in config.toml, not the env var.
    public var readsServerURLFromConfig: Bool { self < Self.release("3.2.6") }

    /// From 3.2.6 events live in the per-project store and `sync opt-in` is required.
    public var hasProjectStore: Bool { self >= Self.release("3.2.6") }

    /// Before 3.2.6 every logged-in command syncs when it exits and deletes what the server
    /// acknowledged, so the local queue may no longer hold a delivered event.
    public var deliversAtCommandExit: Bool { !hasProjectStore }
}
