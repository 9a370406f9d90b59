/// A recognisable piece of CLI or server output that identifies a failure mode.
///
/// The table of signatures is the single place where the canary's knowledge
/// of how each known regression looks is written down.
public struct FailureSignature: Sendable {
    /// The mode the signature identifies.
    public let mode: FailureMode
    /// A regular expression matched against the command's combined output.
    public let pattern: String
    /// Where the signature was observed (CLI version, issue), for readers of the evidence.
    public let evidence: String

    /// Known signatures, most specific first.
    public static let known: [FailureSignature] = [
        .init(mode: .syncTeamspaceMigrationRequired, pattern: #"TeamSpace Migration Required|FORBIDDEN_KEY"#,
              evidence: "rc13-rc14: `sync now` blocked by the migration panel"),
        // Before `unknown: N`: rc16 files a whole batch refused with HTTP 400 under
        // `unknown` too, and then the server's own words name the cause.
        .init(mode: .syncRejectedBySaaS, pattern: #"Additional properties are not allowed|(?i)\brejected\s+[1-9]"#,
              evidence: "#1188 and later: strict-schema rejections by the SaaS"),
        .init(mode: .syncEventLoopUnavailable, pattern: #"sync\.event_loop_unavailable|(?m)^\s*unknown:\s*[1-9]"#,
              evidence: "#1182: queued events counted as errors (`unknown: N`)"),
        .init(mode: .queueRollbackRowMissing, pattern: #"requires review feedback"#,
              evidence: "#1141: a rollback from in_review refused without --review-feedback-file"),
    ]

    /// Whether `text` carries this signature; returns the matched text.
    public func match(_ text: String) -> String? {
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return String(text[range])
    }
}
