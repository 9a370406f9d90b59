import CanaryCore
import Foundation

/// Which versions `canary matrix --list` prints: given ones or the index's, limited the way the gate limits its choice.
public enum MatrixVersionSelection {
    /// Why nothing could be listed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The selection left no version; the reason says what was looked at.
        case nothingSelected(String)

        /// A one-line explanation.
        public var description: String {
            switch self {
            case let .nothingSelected(reason): "no version to list: \(reason)"
            }
        }
    }

    /// The package whose versions the index is asked for: the CLI the bootstrap installs.
    public static let packageName = "spec-kitty-cli"

    /// The versions the package index lists, oldest first: developmental builds and non-PEP 440 entries are left out,
    /// as the gate leaves them out (a `.devN` build of an RC is not the RC).
    public static func fromIndex(_ listed: [String]) -> [SpecKittyVersion] {
        Array(Set(listed.compactMap { try? SpecKittyVersion($0) }.filter { $0.dev == nil })).sorted()
    }

    /// `versions` (in their order) within `line`, or only the newest release candidate among them, picked as the gate picks.
    public static func select(_ versions: [SpecKittyVersion], line: ReleaseLine?, newestReleaseCandidate: Bool) throws(Failure) -> [SpecKittyVersion] {
        if newestReleaseCandidate {
            let selection = ReleaseCandidateSelection.pick(from: versions.map(\.description), line: line)
            guard let chosen = selection.chosen else { throw .nothingSelected(selection.reason) }
            return [chosen]
        }
        let inLine = versions.filter { line?.contains($0) ?? true }
        guard !inLine.isEmpty else {
            throw .nothingSelected("none of \(versions.count) versions is in line \(line.map(\.description) ?? "(any)")")
        }
        return inLine
    }
}
