/// `sync now`: the command, its parsed stdout and, when asked for, its report file.
public struct SyncNowOutcome: Equatable, Sendable {
    /// The command as it ran.
    public let result: CommandResult
    /// What its output said.
    public let summary: SyncNowSummary
    /// The `--report` file, when one was asked for and written.
    public let report: SyncNowReport?
}
