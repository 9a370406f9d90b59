import Foundation

/// `canary standin`: serves the stand-in SaaS until SIGINT or SIGTERM.
enum StandInCommand {
    /// Runs the command and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        FileHandle.standardError.write(Data("canary standin: not built yet\n".utf8))
        return 70
    }
}
