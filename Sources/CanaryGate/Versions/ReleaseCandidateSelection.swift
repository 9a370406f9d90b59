import CanaryCore
import Foundation

/// Which release candidate the gate chose from the package index, and why.
public struct ReleaseCandidateSelection: Codable, Equatable, Sendable {
    /// The newest RC in the line, or nil when the line has none.
    public let chosen: SpecKittyVersion?
    /// The line the choice was limited to; nil means the whole index.
    public let line: ReleaseLine?
    /// How many release candidates were eligible.
    public let candidateCount: Int
    /// One sentence a release engineer can check against the index.
    public let reason: String

    /// Creates a selection from its parts (tests and decoders use this).
    public init(chosen: SpecKittyVersion?, line: ReleaseLine?, candidateCount: Int, reason: String) {
        self.chosen = chosen
        self.line = line
        self.candidateCount = candidateCount
        self.reason = reason
    }

    /// Takes `candidate`, named by the release engineer, when `listed` holds it; the reason says what the index would have picked.
    public static func named(_ candidate: SpecKittyVersion, from listed: [String], line: ReleaseLine?) -> ReleaseCandidateSelection {
        let newest = pick(from: listed, line: line)
        let instead = newest.chosen.map { "the newest RC \(newest.line.map { "in line \($0)" } ?? "on the index") is \($0)" }
            ?? newest.reason
        guard listed.contains(where: { (try? SpecKittyVersion($0)) == candidate }) else {
            return ReleaseCandidateSelection(
                chosen: nil, line: line, candidateCount: newest.candidateCount,
                reason: "\(candidate) (named by --candidate) is not on the index among \(listed.count) listed versions"
            )
        }
        return ReleaseCandidateSelection(
            chosen: candidate, line: line, candidateCount: newest.candidateCount,
            reason: "\(candidate) named by --candidate, not picked from the index (\(instead))"
        )
    }

    /// Picks the newest release candidate from `listed`, limited to `line` when given.
    ///
    /// Only `rc` pre-releases qualify: alphas and betas are not candidates, and a
    /// developmental build of an RC (`3.2.0rc16.dev1`) is not the RC itself.
    /// Post-releases of an RC (`3.2.0rc16.post1`) are republished RCs and qualify.
    public static func pick(from listed: [String], line: ReleaseLine?) -> ReleaseCandidateSelection {
        var parsed: [SpecKittyVersion] = []
        var unparseable: [String] = []
        for text in listed {
            if let version = try? SpecKittyVersion(text) { parsed.append(version) } else { unparseable.append(text) }
        }
        let inLine = parsed.filter { line?.contains($0) ?? true }
        let candidates = inLine.filter { $0.isReleaseCandidate && $0.dev == nil }
        let skippedDevBuilds = inLine.filter { $0.isReleaseCandidate && $0.dev != nil }.count
        let scope = line.map { "in line \($0)" } ?? "on the index (no release line given)"

        var notes: [String] = []
        if let line, let newestInLine = inLine.max(), !newestInLine.isReleaseCandidate {
            notes.append("newest in line \(line) overall: \(newestInLine)")
        }
        if let newestPrerelease = parsed.filter(\.isPrerelease).max(), line?.contains(newestPrerelease) == false {
            notes.append("newest prerelease on the index: \(newestPrerelease)")
        }
        if skippedDevBuilds > 0 { notes.append("\(skippedDevBuilds) dev build(s) of RCs ignored") }
        if !unparseable.isEmpty {
            notes.append("not PEP 440, ignored: \(unparseable.joined(separator: ", "))")
        }
        let suffix = notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"

        guard let chosen = candidates.max() else {
            return ReleaseCandidateSelection(
                chosen: nil, line: line, candidateCount: 0,
                reason: "no release candidate \(scope) among \(listed.count) listed versions\(suffix)"
            )
        }
        return ReleaseCandidateSelection(
            chosen: chosen, line: line, candidateCount: candidates.count,
            reason: "\(chosen) is the newest of \(candidates.count) release candidates \(scope)\(suffix)"
        )
    }
}
