import CanaryCore
import CanaryGate
import Foundation

/// `canary verify <bundle>`: checks a bundle against its manifest.
enum VerifyCommand {
    /// The declared arguments; the help text and the parser both come from it.
    static let spec = CommandSpec(
        command: "canary verify",
        summary: "Checks a sealed bundle against its MANIFEST.sha256 and prints what changed, went missing or appeared.",
        positionals: [PositionalSpec("<bundle>", help: "the evidence bundle directory")],
        footer: "exit codes: 0 intact, 1 not intact or unreadable, 64 usage error"
    )

    /// Prints what changed, went missing or appeared; exits 0 only for an intact bundle.
    static func run(_ arguments: [String]) -> Int32 {
        let bundle: URL
        switch spec.invocation(arguments, { URL(fileURLWithPath: $0.positionals[0]) }) {
        case let .exit(code): return code
        case let .run(directory): bundle = directory
        }
        do {
            let report = try EvidenceBundle(directory: bundle).verify()
            report.findings.forEach { print($0) }
            print(report.isIntact ? "intact: \(bundle.path)" : "NOT intact: \(bundle.path)")
            return report.isIntact ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("canary verify: \(error)\n".utf8))
            return 1
        }
    }
}
