import Foundation

/// Where the real-CLI tests find `spec-kitty`.
enum PinnedCLI {
    /// `SPEC_KITTY_BIN`, else the pinned CLI installed (once) by `scripts/bootstrap-spec-kitty.sh`.
    static func locate() throws -> String {
        if let path = ProcessInfo.processInfo.environment["SPEC_KITTY_BIN"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw CLIFailure("SPEC_KITTY_BIN=\(path) is not executable") }
            return path
        }
        let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let script = repositoryRoot.appendingPathComponent("scripts/bootstrap-spec-kitty.sh").path
        let result = try ChildProcess.run(["/bin/bash", script], environment: ProcessInfo.processInfo.environment,
                                          directory: repositoryRoot, timeout: 900)
        guard result.status == 0, let path = result.stdout.split(separator: "\n").last.map(String.init),
              FileManager.default.isExecutableFile(atPath: path)
        else { throw CLIFailure("bootstrap-spec-kitty.sh failed (\(result.status)): \(result.stderr.suffix(2000))") }
        return path
    }
}
