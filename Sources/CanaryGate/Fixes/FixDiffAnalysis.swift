import CanaryCore
import Foundation

/// Turns a fix commit's diff into `FixFacts`: which files changed, whether tests did, whether code changed beyond logging.
///
/// The question it answers is the one the release gate asks of a blocker's
/// fix: did it change behaviour, or only add diagnostics? A line counts as
/// diagnostic when it is blank, a comment, logging set-up, or part of a
/// logging/print/warnings call (followed across lines by bracket depth).
/// This is a heuristic on Python sources; its rules are listed below so a
/// reviewer can see exactly what was waved through.
public enum FixDiffAnalysis {
    /// Facts from `git show --numstat --format= <commit>` and `git show --format= -U0 <commit>` output.
    public static func facts(commit: String, source: String, numstat: String, patch: String) -> FixFacts {
        facts(commit: commit, source: source, files: parseNumstat(numstat), patches: splitPatch(patch))
    }

    /// Facts from per-file line counts and per-file changed lines (`+`/`-` prefixed, as in a unified diff).
    ///
    /// A code file with no patch text (a host omits very large diffs) counts as
    /// changing code: nothing shows it is only logging.
    public static func facts(
        commit: String, source: String, files: [FixFileChange], patches: [String: [String]]
    ) -> FixFacts {
        let testsChanged = files.contains { $0.isTest && $0.changesLines }
        let codeBeyondLogging = files.contains { file in
            guard file.isCode, file.changesLines else { return false }
            guard let lines = patches[file.path] else { return true }
            return !changesOnlyDiagnostics(lines)
        }
        return FixFacts(
            commit: commit, source: source, files: files, testsAddedOrChanged: testsChanged,
            codeChangedBeyondLogging: codeBeyondLogging
        )
    }

    /// Parses `--numstat` lines (`added<TAB>removed<TAB>path`); binary files (`-`) count as one changed line.
    public static func parseNumstat(_ text: String) -> [FixFileChange] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            let added = Int(fields[0]) ?? 1
            let removed = Int(fields[1]) ?? 0
            return FixFileChange(path: renamedPath(String(fields[2])), addedLines: added, removedLines: removed)
        }
    }

    /// Splits a unified diff into each file's changed lines, keyed by the file's new path.
    public static func splitPatch(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix("diff --git ") {
                current = line.components(separatedBy: " b/").last
                if let current { result[current, default: []] = result[current] ?? [] }
            } else if line.hasPrefix("+++ ") || line.hasPrefix("--- ") {
                continue
            } else if let current, line.hasPrefix("+") || line.hasPrefix("-") {
                result[current, default: []].append(line)
            }
        }
        return result
    }

    /// True when every changed line is blank, a comment, logging set-up, or inside a log/print call.
    public static func changesOnlyDiagnostics(_ changedLines: [String]) -> Bool {
        // Added and removed lines are tracked apart: a diff lists a block's
        // removals before its additions, so each side is a run of source.
        var depth: [Character: Int] = ["+": 0, "-": 0]
        for line in changedLines {
            guard let sign = line.first, sign == "+" || sign == "-" else { continue }
            let code = line.dropFirst().trimmingCharacters(in: .whitespaces)
            let open = depth[sign] ?? 0
            if open > 0 {
                depth[sign] = max(0, open + bracketBalance(code))
                continue
            }
            if code.isEmpty || code.hasPrefix("#") || isLoggingSetUp(code) { continue }
            guard startsLogCall(code) else { return false }
            depth[sign] = max(0, bracketBalance(code))
        }
        return true
    }

    // MARK: Rules

    private static let logCall = regex(
        #"^(?:self\.|cls\.)?_?(?:log|logger|LOG|LOGGER|logging|console|_console|err_console)\."#
            + #"(?:debug|info|warning|warn|error|exception|critical|log|print)\("#
    )
    private static let plainDiagnostic = regex(#"^(?:print|warnings\.warn|typer\.echo|click\.echo)\("#)
    private static let loggingSetUp = regex(
        #"^(?:import logging\b|from logging import\b|_?(?:log|logger|LOG|LOGGER)\s*=\s*logging\.getLogger\()"#
    )

    private static func startsLogCall(_ code: String) -> Bool {
        matches(logCall, code) || matches(plainDiagnostic, code)
    }

    private static func isLoggingSetUp(_ code: String) -> Bool { matches(loggingSetUp, code) }

    /// Opening minus closing brackets, ignoring those inside string literals.
    private static func bracketBalance(_ code: String) -> Int {
        var balance = 0
        var quote: Character?
        var escaped = false
        for character in code {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "(", "[", "{": balance += 1
            case ")", "]", "}": balance -= 1
            case "#": return balance
            default: break
            }
        }
        return balance
    }

    /// `src/{old => new}/file.py` and `old.py => new.py` name the file by its new path.
    private static func renamedPath(_ path: String) -> String {
        guard path.contains(" => ") else { return path }
        if let open = path.firstIndex(of: "{"), let close = path.firstIndex(of: "}"), open < close {
            let inner = path[path.index(after: open) ..< close]
            let newPart = inner.components(separatedBy: " => ").last ?? ""
            let joined = path[..<open] + newPart + path[path.index(after: close)...]
            return joined.replacingOccurrences(of: "//", with: "/")
        }
        return path.components(separatedBy: " => ").last ?? path
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern)
        } catch {
            preconditionFailure("invalid built-in pattern \(pattern): \(error)")
        }
    }

    private static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
