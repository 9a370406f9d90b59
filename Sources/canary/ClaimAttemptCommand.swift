import CanaryCore
import Foundation

/// `canary claim-attempt <root> <tag>`: claims the first unused `<tag>-attempt<N>` under `root` and prints its path.
///
/// The protocol script's one way to claim an attempt, the same as the
/// harness's (`EvidenceStore.createAttempt`): `mkdir` is the claim, and a root
/// that cannot be written is an error at once, never an endless search.
enum ClaimAttemptCommand {
    /// Prints the claimed directory; exit 1 when it cannot be made, 64 for bad arguments.
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 2, !arguments.contains(where: { $0.hasPrefix("-") }), !arguments[1].isEmpty else {
            FileHandle.standardError.write(Data("usage: canary claim-attempt <root> <tag>\n".utf8))
            return 64
        }
        do {
            print(try EvidenceStore(root: URL(fileURLWithPath: arguments[0])).createAttempt(tag: arguments[1]).path)
            return 0
        } catch {
            FileHandle.standardError.write(Data("canary claim-attempt: \(error)\n".utf8))
            return 1
        }
    }
}
