import CanaryCore
import CanaryGate
import Foundation

/// `canary claim-attempt <root> <tag>`: claims the first unused `<tag>-attempt<N>` under `root` and prints its path.
///
/// The protocol script's one way to claim an attempt, the same as the
/// harness's (`EvidenceStore.createAttempt`): `mkdir` is the claim, and a root
/// that cannot be written is an error at once, never an endless search.
enum ClaimAttemptCommand {
    /// The declared arguments; the help text and the parser both come from it.
    static let spec = CommandSpec(
        command: "canary claim-attempt",
        summary: "Claims the first unused <tag>-attempt<N> directory under <root> (mkdir is the claim) and prints its path.",
        positionals: [PositionalSpec("<root>", help: "the directory attempts go in"), PositionalSpec("<tag>", help: "the attempts' name")],
        footer: "exit codes: 0 claimed, 1 it cannot be made, 64 usage error"
    )

    /// Prints the claimed directory; exit 1 when it cannot be made, 64 for bad arguments.
    static func run(_ arguments: [String]) -> Int32 {
        let root: String
        let tag: String
        switch spec.invocation(arguments, { parsed -> (String, String) in
            let tag = parsed.positionals[1]
            guard !tag.isEmpty else { throw UsageError.invalidValue(option: "<tag>", value: tag, why: "must not be empty") }
            return (parsed.positionals[0], tag)
        }) {
        case let .exit(code): return code
        case let .run(options): (root, tag) = options
        }
        do {
            print(try EvidenceBundle.claim(root: URL(fileURLWithPath: root), tag: tag).directory.path)
            return 0
        } catch {
            FileHandle.standardError.write(Data("canary claim-attempt: \(error)\n".utf8))
            return 1
        }
    }
}
