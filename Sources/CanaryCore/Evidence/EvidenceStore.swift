import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The evidence bundles under `artifacts/sync_identity_boundary/`.
public struct EvidenceStore: Sendable {
    /// The folder holding every attempt directory.
    public let root: URL

    /// A store rooted at `root` (created on demand).
    public init(root: URL) {
        self.root = root
    }

    /// Creates `<tag>-attempt<N>` for the first unused N and returns it.
    ///
    /// `mkdir` is the claim: it fails when the name exists, so concurrent
    /// callers get different attempts and no earlier attempt is reused.
    public func createAttempt(tag: String) throws -> URL {
        let safeTag = String(tag.map { $0.isLetter || $0.isNumber || ".-_".contains($0) ? $0 : "_" })
        return try claim { "\(safeTag)-attempt\($0)" }
    }

    /// Creates `name(N)` for the first unused N from 1 and returns it: the one claim of every attempt directory.
    ///
    /// A directory that cannot be made for any reason but "it exists" is an
    /// error at once, so an unwritable root never turns into an endless search.
    public func claim(_ name: (Int) -> String) throws -> URL {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var number = 1
        while true {
            let candidate = root.appendingPathComponent(name(number))
            if mkdir(candidate.path, 0o755) == 0 { return candidate }
            guard errno == EEXIST else {
                throw EvidenceError.io(operation: "mkdir", path: candidate.path, errno: errno)
            }
            number += 1
        }
    }

    /// The attempt directories that exist for `tag`, oldest first.
    public func attempts(tag: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let prefix = "\(tag)-attempt"
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix(prefix), let number = Int(name.dropFirst(prefix.count)) else { return nil }
            return (number, root.appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
