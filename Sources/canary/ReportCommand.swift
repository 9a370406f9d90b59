import CanaryCore
import Foundation

/// `canary report`: reads a bundle's run files and prints the verdict; `canary finalize` seals the bundle.
enum ReportCommand {
    static let usage = """
        usage: canary report <bundle> [--runs N]
               canary finalize <bundle> [--runs N]

        report    prints one line per run, the failing scenarios, the harness overhead
                  and the one-line summary; exits 0 only when every run file says pass
        finalize  copies the newest run file to latest.json, writes MANIFEST.sha256
                  (once) and verifies it; exits 0 when the bundle is sealed intact
        """

    /// Runs `report` (the verdict) or, with `finalize: true`, `finalize` (the seal); returns the exit code.
    static func run(_ arguments: [String], finalize: Bool) -> Int32 {
        var bundlePath: String?
        var runs = 4
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs":
                guard let value = iterator.next().flatMap(Int.init), (1 ... 4).contains(value) else {
                    return fail("--runs takes a number from 1 to 4")
                }
                runs = value
            case "--help", "-h":
                print(usage)
                return 0
            default:
                guard bundlePath == nil, !argument.hasPrefix("-") else { return fail("unexpected argument '\(argument)'") }
                bundlePath = argument
            }
        }
        guard let bundlePath else { return fail("a bundle directory is required") }
        let bundle = URL(fileURLWithPath: bundlePath).standardizedFileURL
        if finalize {
            do {
                try seal(bundle: bundle, runs: runs)
                print("sealed: \(bundle.appendingPathComponent(Manifest.fileName).path)")
                return 0
            } catch {
                return fail("could not seal \(bundle.path): \(error)", code: 1)
            }
        }
        let verdict = ProtocolVerdict.read(bundle: bundle, expectedRuns: runs)
        verdict.report.forEach { print($0) }
        return verdict.exitCode
    }

    /// latest.json is a copy of the newest run file present; then every file is made read-only and
    /// the manifest, written last, covers them all.
    private static func seal(bundle: URL, runs: Int) throws {
        let newest = (1 ... runs).reversed().map { bundle.appendingPathComponent("runs/run-\($0).json") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
        if let newest, let data = FileManager.default.contents(atPath: newest.path) {
            try AtomicFile.writeOnce(data, to: bundle.appendingPathComponent("latest.json"))
        }
        try Manifest.seal(in: bundle)
        let check = try Manifest.verify(in: bundle)
        guard check.isIntact else {
            throw EvidenceError.manifestUnreadable(path: bundle.path, reason: "verification failed right after writing: \(check)")
        }
    }

    private static func fail(_ message: String, code: Int32 = 64) -> Int32 {
        FileHandle.standardError.write(Data("canary: \(message)\n\n\(usage)\n".utf8))
        return code
    }
}
