import Foundation

/// Where progress lines go: stdout, unbuffered, and the file `CANARY_PROGRESS_FILE` names.
///
/// `swift test` holds its test process's output until the process ends when
/// its own stdout is a pipe (CI logs, the protocol script), so a caller that
/// wants lines as they happen sets the variable and follows the file.
public enum ProgressConsole {
    /// The variable naming the file progress lines are also appended to.
    public static let fileVariable = "CANARY_PROGRESS_FILE"

    /// Writes `line` to stdout at once and appends it to the progress file, if one is named.
    public static func write(_ line: String) {
        write(line, to: .standardOutput)
    }

    /// Writes `line` to stderr instead, for processes whose stdout is an answer (`canary standin` prints its URL there).
    public static func writeToStandardError(_ line: String) {
        write(line, to: .standardError)
    }

    private static func write(_ line: String, to stream: FileHandle) {
        let data = Data((line + "\n").utf8)
        stream.write(data)
        guard let path = ProcessInfo.processInfo.environment[fileVariable], !path.isEmpty,
              let file = FileHandle(forWritingAtPath: path) else { return }
        defer { try? file.close() }
        _ = try? file.seekToEnd()
        try? file.write(contentsOf: data)
    }
}
