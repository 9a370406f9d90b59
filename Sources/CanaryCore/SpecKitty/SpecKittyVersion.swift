import Foundation

/// A spec-kitty-cli version (`3.2.7`, `3.2.0rc13`), parsed and ordered as PEP 440 and pip do.
///
/// One type for the harness (generations table, matrix, known verdicts) and the
/// gate (release-candidate selection): both must order `3.2.0rc9` before
/// `3.2.0rc10`, `3.2.0.dev1` before `3.2.0a1` and `3.2.0` after every RC of it,
/// which string order of the pre-release tag does not.
public struct SpecKittyVersion: Sendable {
    /// The kind of a pre-release, in PEP 440 order (alpha < beta < release candidate).
    public enum PreReleaseKind: Int, Comparable, Sendable, CaseIterable {
        /// `a`, also spelled `alpha`.
        case alpha
        /// `b`, also spelled `beta`.
        case beta
        /// `rc`, also spelled `c`, `pre` or `preview`.
        case releaseCandidate

        /// The normalised spelling: `a`, `b` or `rc`.
        public var spelling: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .releaseCandidate: "rc"
            }
        }

        /// Orders kinds as PEP 440 does.
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A pre-release segment such as `rc16`.
    public struct PreRelease: Hashable, Sendable {
        /// Alpha, beta or release candidate.
        public let kind: PreReleaseKind
        /// The number after the kind; an omitted number means 0.
        public let number: Int

        /// Creates a pre-release segment.
        public init(_ kind: PreReleaseKind, _ number: Int) {
            self.kind = kind
            self.number = number
        }
    }

    /// One dot-separated part of a local version label (`+ubuntu.1`).
    public enum LocalSegment: Hashable, Sendable {
        /// A purely numeric part, compared as a number.
        case number(Int)
        /// Any other part, compared as lowercase text.
        case text(String)
    }

    /// The epoch (`1!`), 0 when absent.
    public let epoch: Int
    /// The release numbers as written, e.g. `[3, 2, 0]`.
    public let release: [Int]
    /// The pre-release segment, if any.
    public let pre: PreRelease?
    /// The post-release number, if any (`.post1`, or the implicit `-1`).
    public let post: Int?
    /// The developmental-release number, if any.
    public let dev: Int?
    /// The local version label's parts, empty when there is no label.
    public let local: [LocalSegment]
    /// The text it was parsed from (trimmed), or the normalised form when built from parts.
    ///
    /// Kept as given because evidence, known verdicts and the matrix name a
    /// version the way `spec-kitty --version` printed it.
    public let description: String

    /// Creates a version from its parts; `release` must not be empty.
    public init(
        epoch: Int = 0, release: [Int], pre: PreRelease? = nil, post: Int? = nil, dev: Int? = nil,
        local: [LocalSegment] = []
    ) {
        self.init(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local, spelling: nil)
    }

    /// Parses any spelling PEP 440 accepts (`3.2.0-rc.16`, `v3.2.0RC16`, `1.0-1`, `1!2.0.post3.dev4+abc.5`).
    public init(_ text: String) throws {
        var parser = PEP440Parser(text)
        let parts = try parser.parse()
        self.init(
            epoch: parts.epoch, release: parts.release, pre: parts.pre, post: parts.post, dev: parts.dev,
            local: parts.local, spelling: text.trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }

    private init(
        epoch: Int, release: [Int], pre: PreRelease?, post: Int?, dev: Int?, local: [LocalSegment], spelling: String?
    ) {
        precondition(!release.isEmpty, "a PEP 440 version has at least one release number")
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
        description = spelling
            ?? Self.normalisedText(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    /// True for alpha, beta, release-candidate and developmental releases.
    public var isPrerelease: Bool { pre != nil || dev != nil }

    /// True when the pre-release segment is a release candidate.
    public var isReleaseCandidate: Bool { pre?.kind == .releaseCandidate }

    /// The same release with the next release-candidate number (`3.2.0rc15` gives `3.2.0rc16`).
    public var nextReleaseCandidate: SpecKittyVersion {
        let number = isReleaseCandidate ? (pre?.number ?? 0) + 1 : 1
        return SpecKittyVersion(epoch: epoch, release: release, pre: PreRelease(.releaseCandidate, number))
    }
}

// MARK: - Normalised text

extension SpecKittyVersion: CustomStringConvertible {
    /// The normalised form, e.g. `3.2.0rc16` for `3.2.0-RC.16`: what pip pins and JSON stores.
    public var normalized: String {
        Self.normalisedText(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    private static func normalisedText(
        epoch: Int, release: [Int], pre: PreRelease?, post: Int?, dev: Int?, local: [LocalSegment]
    ) -> String {
        var text = epoch == 0 ? "" : "\(epoch)!"
        text += release.map(String.init).joined(separator: ".")
        if let pre { text += "\(pre.kind.spelling)\(pre.number)" }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        if !local.isEmpty {
            text += "+" + local.map { segment in
                switch segment {
                case let .number(value): String(value)
                case let .text(value): value
                }
            }.joined(separator: ".")
        }
        return text
    }
}

// MARK: - Ordering

extension SpecKittyVersion: Comparable, Hashable {
    /// Equal when PEP 440 orders neither first: `1.0 == 1.0.0`, `1.0RC1 == 1.0rc1`.
    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }

    /// PEP 440 order, the order pip uses to pick the newest version.
    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// Hashes what equality compares: trailing zero release numbers do not count.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(release.reversed().drop { $0 == 0 }.reversed()))
        hasher.combine(pre)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }

    /// Three-way comparison following the PEP's rules (and the `packaging` library's sort key).
    private static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let width = max(lhs.release.count, rhs.release.count)
        for index in 0 ..< width {
            let left = index < lhs.release.count ? lhs.release[index] : 0
            let right = index < rhs.release.count ? rhs.release[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        for (left, right) in zip(lhs.phaseKey, rhs.phaseKey) where left != right {
            return left < right ? -1 : 1
        }
        return compareLocal(lhs.local, rhs.local)
    }

    /// Pre, post and dev folded into comparable numbers, with "absent" placed where the PEP puts it.
    ///
    /// A bare dev release (`1.0.dev1`) sorts before every pre-release of its
    /// release; a version without a pre-release sorts after all of them; no
    /// post sorts before any post; no dev sorts after any dev.
    private var phaseKey: [Int] {
        let below = Int.min, above = Int.max
        var key: [Int]
        if let pre {
            key = [pre.kind.rawValue, pre.number]
        } else if post == nil, dev != nil {
            key = [below, below]
        } else {
            key = [above, above]
        }
        key.append(post ?? below)
        key.append(dev ?? above)
        return key
    }

    /// Local labels: none sorts first; numbers beat text; a longer label with an equal prefix wins.
    private static func compareLocal(_ lhs: [LocalSegment], _ rhs: [LocalSegment]) -> Int {
        for (left, right) in zip(lhs, rhs) {
            switch (left, right) {
            case let (.number(a), .number(b)) where a != b: return a < b ? -1 : 1
            case let (.text(a), .text(b)) where a != b: return a < b ? -1 : 1
            case (.number, .text): return 1
            case (.text, .number): return -1
            default: continue
            }
        }
        if lhs.count == rhs.count { return 0 }
        return lhs.count < rhs.count ? -1 : 1
    }
}

// MARK: - Codable

extension SpecKittyVersion: TextCodable {
    /// Stored as its normalised text, so a record does not depend on how the version was typed.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalized)
    }
}
