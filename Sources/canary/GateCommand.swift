import Foundation

/// `canary gate`: walks the release-gate state machine.
enum GateCommand {
    /// Runs the command and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        FileHandle.standardError.write(Data("canary gate: not built yet\n".utf8))
        return 70
    }
}
