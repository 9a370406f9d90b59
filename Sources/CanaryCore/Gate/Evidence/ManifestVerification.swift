import Foundation

/// The result of checking a bundle against its `MANIFEST.sha256`.
public struct ManifestVerification: Codable, Equatable, Sendable {
    /// How many listed files matched their digest.
    public let verifiedFiles: Int
    /// Each mismatch, missing file or unlisted evidence file; empty when the bundle verifies.
    public let problems: [String]

    /// Creates a result.
    public init(verifiedFiles: Int, problems: [String]) {
        self.verifiedFiles = verifiedFiles
        self.problems = problems
    }

    /// True when every listed file matched and every evidence file was listed.
    public var verifies: Bool { problems.isEmpty && verifiedFiles > 0 }

    /// Verifies `bundle` against its manifest, in `sha256sum` format (`<hex>  <path>` or `<hex> *<path>`).
    ///
    /// Run files and `latest.json` must be listed: an unlisted run file could
    /// have been added after the manifest was written.
    public static func verify(bundle: String, files: GateFileReading = LocalFileReader()) -> ManifestVerification {
        let manifestPath = bundle + "/MANIFEST.sha256"
        guard let manifest = try? files.contents(of: manifestPath) else {
            return ManifestVerification(verifiedFiles: 0, problems: ["MANIFEST.sha256 is missing"])
        }
        var problems: [String] = []
        var listed: Set<String> = []
        var verified = 0
        for line in String(decoding: manifest, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard let entry = parse(String(line)) else {
                problems.append("MANIFEST.sha256 line is not '<sha256>  <path>': \(line.prefix(80))")
                continue
            }
            listed.insert(entry.path)
            guard let data = try? files.contents(of: "\(bundle)/\(entry.path)") else {
                problems.append("\(entry.path) is listed but missing")
                continue
            }
            if SHA256.hex(of: data) == entry.digest {
                verified += 1
            } else {
                problems.append("\(entry.path) does not match its digest in MANIFEST.sha256")
            }
        }
        var evidence = files.entries(of: bundle + "/runs").map { "runs/\($0)" }
        if files.exists(bundle + "/latest.json") { evidence.append("latest.json") }
        for path in evidence where !listed.contains(path) {
            problems.append("\(path) is not listed in MANIFEST.sha256")
        }
        return ManifestVerification(verifiedFiles: verified, problems: problems)
    }

    private static func parse(_ line: String) -> (digest: String, path: String)? {
        let characters = Array(line)
        guard characters.count > 66, characters[64] == " ", characters[65] == " " || characters[65] == "*" else { return nil }
        let digest = String(characters[0 ..< 64]).lowercased()
        guard digest.allSatisfy(\.isHexDigit) else { return nil }
        var path = String(characters[66...])
        if path.hasPrefix("./") { path.removeFirst(2) }
        return (digest, path)
    }
}
