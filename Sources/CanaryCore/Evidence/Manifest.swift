import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `MANIFEST.sha256`: the digest of every file in a bundle, in `sha256sum` format.
///
/// The one verifier of a bundle: `canary verify`, `canary report` and the gate
/// all judge a bundle through `compare`, strictly: every regular file but the
/// manifest itself must be listed (hidden ones too), and anything that is not
/// a regular file (a link, a FIFO, an empty directory) is a finding.
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
        /// Entries that are not regular files (links, FIFOs, sockets, devices, empty directories).
        public var irregular: [String] = []
        /// Manifest lines that are not `<sha256>  <path>`.
        public var malformed: [String] = []
        /// Listed files whose bytes match.
        public var verified = 0

        /// Whether nothing changed, went missing, appeared or is out of place.
        public var isIntact: Bool {
            changed.isEmpty && missing.isEmpty && extra.isEmpty && irregular.isEmpty && malformed.isEmpty
        }

        /// One line per finding, in the order a reader checks them.
        public var findings: [String] {
            malformed.map { "MANIFEST.sha256 line is not '<sha256>  <path>': \($0)" }
                + changed.map { "\($0) does not match its digest in MANIFEST.sha256" }
                + missing.map { "\($0) is listed but missing" }
                + extra.map { "\($0) is not listed in MANIFEST.sha256" }
                + irregular
        }
    }

    /// The manifest text for `entries`, sorted by path; refuses what it cannot list.
    ///
    /// A name with a line break or a backslash cannot be written as one
    /// `sha256sum` line that reads back as itself, and anything but a regular
    /// file cannot be evidence: sealing either would make a bundle that can
    /// never verify.
    public static func render(_ entries: [BundleEntry]) throws -> String {
        var lines: [String] = []
        for entry in entries.sorted(by: { $0.path < $1.path }) where entry.path != fileName {
            guard case let .file(data) = entry.kind else {
                throw EvidenceError.unsealable(path: entry.path, reason: entry.irregularity ?? "not a regular file")
            }
            guard !entry.path.contains(where: { $0.isNewline || $0 == "\\" }) else {
                throw EvidenceError.unsealable(path: entry.path, reason: "a name with a line break or a backslash cannot be listed")
            }
            lines.append("\(SHA256.hex(of: data))  \(entry.path)\n")
        }
        return lines.joined()
    }

    /// Parses manifest text into path -> digest, and the lines that are not `<sha256>  <path>` (or `<sha256> *<path>`).
    public static func parse(_ text: String) -> (digests: [String: String], malformed: [String]) {
        var digests: [String: String] = [:]
        var malformed: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let characters = Array(line)
            guard characters.count > 66, characters[64] == " ", characters[65] == " " || characters[65] == "*",
                  String(characters[0 ..< 64]).allSatisfy(\.isHexDigit)
            else {
                malformed.append(String(line.prefix(80)))
                continue
            }
            var path = String(characters[66...])
            if path.hasPrefix("./") { path.removeFirst(2) }
            digests[path] = String(characters[0 ..< 64]).lowercased()
        }
        return (digests, malformed)
    }

    /// Judges `entries` (everything below the bundle) against the manifest's text. Pure.
    public static func compare(manifest text: String, entries: [BundleEntry]) -> Report {
        let (digests, malformed) = parse(text)
        var report = Report(malformed: malformed)
        var files: [String: Data] = [:]
        for entry in entries where entry.path != fileName {
            if case let .file(data) = entry.kind { files[entry.path] = data } else if let irregularity = entry.irregularity {
                report.irregular.append(irregularity)
            }
        }
        for (path, digest) in digests.sorted(by: { $0.key < $1.key }) {
            guard let data = files[path] else {
                // A listed name now held by a link or FIFO is named once, as irregular.
                if !entries.contains(where: { $0.path == path }) { report.missing.append(path) }
                continue
            }
            if SHA256.hex(of: data) == digest { report.verified += 1 } else { report.changed.append(path) }
        }
        report.extra = files.keys.filter { digests[$0] == nil }.sorted()
        return report
    }

    /// Seals the bundle at `directory`: every file made read-only, then the manifest of them all written (once, read-only).
    @discardableResult
    public static func seal(in directory: URL) throws -> String {
        let entries = try BundleWalker.entries(below: directory)
        let text = try render(entries)
        for entry in entries {
            let path = directory.appendingPathComponent(entry.path).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            guard chmod(path, status.st_mode & 0o555) == 0 else { throw EvidenceError.io(operation: "chmod", path: path, errno: errno) }
        }
        try AtomicFile.writeOnce(Data(text.utf8), to: directory.appendingPathComponent(fileName))
        return text
    }

    /// Verifies the bundle at `directory` against its manifest.
    public static func verify(in directory: URL) throws -> Report {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw EvidenceError.manifestUnreadable(path: url.path, reason: "missing or not UTF-8")
        }
        return compare(manifest: text, entries: try BundleWalker.entries(below: directory))
    }
}
