/// Why the Teamspace MVP suite could not run or read what it needs.
enum TeamspaceMVPError: Error, Equatable, CustomStringConvertible {
    /// The environment names a server this suite cannot read a Teamspace from.
    case noTeamspaceReader(serverURL: String)
    /// A CLI output the suite compares against was not what it expects.
    case unreadableCLIOutput(source: String, reason: String)
    /// The target is not ready for a run.
    case targetNotReady(url: String, status: Int)

    /// One line, with what to do about it.
    var description: String {
        switch self {
        case let .noTeamspaceReader(url):
            return "\(url) (SPEC_KITTY_SAAS_URL without CANARY_STANDIN_URL) offers no Teamspace read API this suite knows: "
                + "set CANARY_STANDIN_URL to a stand-in's URL (its /__standin__/teamspace is the reader), "
                + "or unset SPEC_KITTY_SAAS_URL to use an in-process stand-in"
        case let .unreadableCLIOutput(source, reason):
            return "cannot read \(source): \(reason)"
        case let .targetNotReady(url, status):
            return "saas.not_ready: \(url)/health/ready/ answered \(status)"
        }
    }
}
