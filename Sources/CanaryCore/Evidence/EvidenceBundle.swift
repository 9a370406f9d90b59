import Foundation

/// One evidence bundle (`<tag>-attempt<N>/`), through the one API every caller uses.
///
/// The protocol script (through `canary claim-attempt` and `canary finalize`),
/// the observer's run files, `canary report` and `canary verify`, the gate and
/// the matrix all claim, write, seal, verify and read a bundle here, so they
/// cannot judge the same bundle differently.
public struct EvidenceBundle: Equatable, Sendable {
    /// The bundle's directory.
    public let directory: URL

    /// The bundle at `directory` (opened, not created).
    public init(directory: URL) {
        // One spelling per directory, so two handles on one bundle compare equal.
        self.directory = URL(fileURLWithPath: directory.standardizedFileURL.path, isDirectory: true)
    }

    /// Claims `<tag>-attempt<N>` under `root` for the first unused N; an earlier attempt is never reused.
    public static func claim(root: URL, tag: String) throws -> EvidenceBundle {
        EvidenceBundle(directory: try EvidenceStore(root: root).createAttempt(tag: tag))
    }

    /// The newest attempt of `tag` under `root` holding `runs/run-1.json`, if any.
    public static func latestWithRuns(root: URL, tag: String) -> EvidenceBundle? {
        EvidenceStore(root: root).attempts(tag: tag).map(EvidenceBundle.init(directory:))
            .last { FileManager.default.fileExists(atPath: $0.runFile(1).path) }
    }

    /// `runs/run-<number>.json`.
    public func runFile(_ number: Int) -> URL {
        directory.appendingPathComponent("runs/run-\(number).json")
    }

    /// Writes `data` at `relativePath` once, atomically and read-only; an existing file is never overwritten.
    public func write(_ data: Data, to relativePath: String) throws {
        try AtomicFile.writeOnce(data, to: directory.appendingPathComponent(relativePath))
    }

    /// Seals the bundle: `latest.json` (a copy of the newest of `runs` run files present), every file
    /// read-only, then `MANIFEST.sha256` over them all, verified right after writing.
    public func seal(runs: Int) throws {
        let newest = (1 ... max(1, runs)).reversed().map(runFile).first { FileManager.default.fileExists(atPath: $0.path) }
        if let newest, let data = FileManager.default.contents(atPath: newest.path) {
            try write(data, to: "latest.json")
        }
        try Manifest.seal(in: directory)
        let check = try verify()
        guard check.isIntact else {
            throw EvidenceError.manifestUnreadable(path: directory.path,
                                                   reason: "verification failed right after writing: \(check.findings.joined(separator: "; "))")
        }
    }

    /// Checks the bundle against its manifest, strictly (`Manifest.compare`).
    public func verify() throws -> Manifest.Report {
        try Manifest.verify(in: directory)
    }

    /// The verdict of runs 1...`expectedRuns`, read from the run files alone.
    public func verdict(expectedRuns: Int) -> ProtocolVerdict {
        ProtocolVerdict.read(bundle: directory, expectedRuns: expectedRuns)
    }
}
