import CanaryCore
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

    /// Verifies `bundle` against its manifest with the one strict verifier, `Manifest.compare`.
    ///
    /// Every file must be listed (an unlisted run file could have been added
    /// after the manifest was written), and a link, FIFO or empty directory is
    /// a problem: the gate and `canary verify` judge a bundle alike.
    public static func verify(bundle: String, files: GateFileReading = LocalFileReader()) -> ManifestVerification {
        guard let manifest = try? files.contents(of: bundle + "/" + Manifest.fileName) else {
            return ManifestVerification(verifiedFiles: 0, problems: ["MANIFEST.sha256 is missing"])
        }
        let entries: [BundleEntry]
        do {
            entries = try files.bundleEntries(below: bundle)
        } catch {
            return ManifestVerification(verifiedFiles: 0, problems: ["the bundle cannot be read: \(error)"])
        }
        let report = Manifest.compare(manifest: String(decoding: manifest, as: UTF8.self), entries: entries)
        return ManifestVerification(verifiedFiles: report.verified, problems: report.findings)
    }
}
