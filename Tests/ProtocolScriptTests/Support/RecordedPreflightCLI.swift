import CanaryTestSupport
import Foundation

/// An executable that answers the protocol script's three preflight probes
/// (`--version`, `auth --help`, `sync --help`) with what spec-kitty-cli 3.2.7
/// printed for them, recorded under `Fixtures/cli-3.2.7/`, and refuses anything else.
///
/// For the tests of the script's own plumbing (confirmation, reachability, host
/// isolation, attempt directories, exit codes), where the CLI is asked nothing
/// but the probes and the run command is replaced: each real probe costs about
/// 5 CPU-seconds of Python start-up and tells those tests nothing. The probes
/// against the real CLI stay covered where they decide something: the preflight
/// refusals (`/bin/false`, 4.0.0rc7) and the known-verdicts run.
enum RecordedPreflightCLI {
    /// Writes the executable into `directory` and returns its path.
    static func install(in directory: URL) throws -> String {
        let answers = [
            ("--version", try RecordedOutputs.url("cli-3.2.7/version.stdout.txt")),
            ("auth --help", try RecordedOutputs.url("cli-3.2.7/auth-help.stdout.txt")),
            ("sync --help", try RecordedOutputs.url("cli-3.2.7/sync-help.stdout.txt")),
        ]
        let arms = answers.map { probe, recording in "    \(shellQuoted(probe))) exec cat \(shellQuoted(recording.path)) ;;" }
        let script = """
            #!/bin/sh
            # spec-kitty-cli 3.2.7's answers to the canary's preflight probes, recorded.
            case "$*" in
            \(arms.joined(separator: "\n"))
                *) echo "recorded preflight CLI: nothing recorded for '$*'" >&2; exit 64 ;;
            esac

            """
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("spec-kitty").path
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
