import CanaryCore
import Foundation

/// Picks a script's progress lines out of its output as it streams, whole lines only.
///
/// Output arrives in arbitrary chunks; a line is forwarded once its newline
/// has arrived, so a release engineer watching the gate sees "scenario 2 …:
/// pass" lines intact while the full output goes to the step's log.
final class ProgressLineFilter: @unchecked Sendable {
    private let prefix: String
    private let forward: @Sendable (String) -> Void
    private let lock = Lock()
    private var pending = ""

    /// Forwards each complete line that starts with `prefix`.
    init(prefix: String, forward: @escaping @Sendable (String) -> Void) {
        self.prefix = prefix
        self.forward = forward
    }

    /// Takes the next chunk of output.
    func consume(_ text: String) {
        let lines: [Substring] = lock.withLock {
            pending += text
            guard let lastNewline = pending.lastIndex(of: "\n") else { return [] }
            let complete = pending[..<lastNewline]
            let lines = complete.split(separator: "\n", omittingEmptySubsequences: true)
            pending = String(pending[pending.index(after: lastNewline)...])
            return lines
        }
        for line in lines where line.hasPrefix(prefix) { forward(String(line)) }
    }
}
