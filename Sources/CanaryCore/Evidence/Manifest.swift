import Foundation

/// `MANIFEST.sha256`: the digest of every file in a bundle, in `sha256sum` format.
public enum Manifest {
    /// The manifest's file name inside a bundle.
    public static let fileName = "MANIFEST.sha256"

    /// What verification found; empty lists mean the bundle is intact.
    public struct Report: Equatable, Sendable {
        /// Files whose bytes differ from the manifest.
        public var changed: [String] = []
        /// Files the manifest names that are gone.
        public var missing: [String] = []
        /// Files present that the manifest does not name.
        public var extra: [String] = []

        /// Whether nothing changed, went missing or appeared.
        public var isIntact: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }
    }

    /// The manifest text for `entries` (relative path, contents), sorted by path.
    public static func render(_ entries: [(path: String, data: Data)]) -> String {
        entries.sorted { $0.path < $1.path }
            .map { "\(SHA256.hex(of: $0.data))  \($0.path)\n" }.joined()
    }

    /// Parses manifest text into path -> digest.
    public static func parse(_ text: String) -> [String: String] {
        var digests: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let path = parts[1].hasPrefix(" ") || parts[1].hasPrefix("*") ? parts[1].dropFirst() : parts[1]
            digests[String(path)] = String(parts[0])
        }
        return digests
    }

    /// Compares the manifest's digests with the files there are now.
    public static func compare(manifest: [String: String], files: [(path: String, data: Data)]) -> Report {
        var report = Report()
        let present = Dictionary(files.map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first })
        for (path, digest) in manifest.sorted(by: { $0.key < $1.key }) {
            guard let data = present[path] else { report.missing.append(path); continue }
            if SHA256.hex(of: data) != digest { report.changed.append(path) }
        }
        report.extra = present.keys.filter { manifest[$0] == nil }.sorted()
        return report
    }

    /// Writes the manifest of every file below `directory` (once, read-only).
    @discardableResult
    public static func write(in directory: URL) throws -> String {
        let text = render(try files(in: directory))
        try ImmutableFile.write(Data(text.utf8), to: directory.appendingPathComponent(fileName))
        return text
    }

    /// Verifies the bundle at `directory` against its manifest.
    public static func verify(in directory: URL) throws -> Report {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw EvidenceError.manifestUnreadable(path: url.path, reason: "missing or not UTF-8")
        }
        return compare(manifest: parse(text), files: try files(in: directory))
    }

    /// Every regular file below `directory` except the manifest and hidden scratch files.
    public static func files(in directory: URL) throws -> [(path: String, data: Data)] {
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else {
            throw EvidenceError.manifestUnreadable(path: base, reason: "directory cannot be listed")
        }
        var result: [(path: String, data: Data)] = []
        while let relative = enumerator.nextObject() as? String {
            // Dot-folders hold scratch state (worker shards, temp files), never evidence.
            guard relative != fileName, !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            var isDirectory: ObjCBool = false
            let full = base + "/" + relative
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: full) else { continue }
            result.append((relative, data))
        }
        return result
    }
}
