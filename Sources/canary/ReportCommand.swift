import CanaryCore
import CanaryGate
import Foundation

/// `canary report`: reads a bundle's run files and prints the verdict; `canary finalize` seals the bundle.
enum ReportCommand {
    /// The declared options of `report` or, with `finalize: true`, of `finalize`.
    static func spec(finalize: Bool) -> CommandSpec {
        CommandSpec(
            command: finalize ? "canary finalize" : "canary report",
            summary: finalize
                ? """
                  Copies the newest run file to latest.json, writes MANIFEST.sha256 (once)
                  and verifies it; exits 0 when the bundle is sealed intact, 1 when it cannot be.
                  """
                : """
                  Prints one line per run, the failing scenarios, the harness overhead and the
                  one-line summary; exits 0 only when every run file says pass.
                  """,
            options: [.value("--runs", valueName: "N", help: "runs the bundle holds, 1 to 4 (default 4)")]
                + (finalize ? [] : [.flag("--markdown", help: "print the verdict and a scenarios × runs table as Markdown\n(a CI job summary) instead")]),
            positionals: [PositionalSpec("<bundle>", help: "the evidence bundle directory")],
            footer: "A usage error exits \(UsageError.exitCode)."
        )
    }

    /// Runs `report` (the verdict) or, with `finalize: true`, `finalize` (the seal); returns the exit code.
    static func run(_ arguments: [String], finalize: Bool) -> Int32 {
        let spec = spec(finalize: finalize)
        let bundlePath: String
        let runs: Int
        let markdown: Bool
        switch spec.invocation(arguments, { parsed in
            (parsed.positionals[0],
             try parsed.value("--runs", invalid: "expected a number from 1 to 4") { Int($0).flatMap { (1 ... 4).contains($0) ? $0 : nil } } ?? 4,
             parsed.flag("--markdown"))
        }) {
        case let .exit(code): return code
        case let .run(options): (bundlePath, runs, markdown) = options
        }
        let bundle = EvidenceBundle(directory: URL(fileURLWithPath: bundlePath))
        if finalize {
            do {
                try bundle.seal(runs: runs)
                print("sealed: \(bundle.directory.appendingPathComponent(Manifest.fileName).path)")
                return 0
            } catch {
                FileHandle.standardError.write(Data("canary finalize: could not seal \(bundle.directory.path): \(error)\n".utf8))
                return 1
            }
        }
        let verdict = bundle.verdict(expectedRuns: runs)
        if markdown {
            print(ProtocolVerdictMarkdown.render(verdict), terminator: "")
            return verdict.exitCode
        }
        verdict.report.forEach { print($0) }
        return verdict.exitCode
    }
}
