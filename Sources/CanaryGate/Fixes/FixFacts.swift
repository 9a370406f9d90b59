import CanaryCore
import Foundation

/// What a blocker's fix commit changed, and where those facts were read.
public struct FixFacts: Codable, Equatable, Sendable {
    /// The fix commit's SHA (or any name git resolves).
    public let commit: String
    /// Where the facts come from: "tracker record", "clone /path", "GitHub commit API".
    public let source: String
    /// Every file the commit touched.
    public let files: [FixFileChange]
    /// True when a test was added or changed.
    public let testsAddedOrChanged: Bool
    /// True when some program code changed in a way other than adding, removing or editing log calls.
    public let codeChangedBeyondLogging: Bool

    /// Creates facts from their parts.
    public init(
        commit: String, source: String, files: [FixFileChange], testsAddedOrChanged: Bool,
        codeChangedBeyondLogging: Bool
    ) {
        self.commit = commit
        self.source = source
        self.files = files
        self.testsAddedOrChanged = testsAddedOrChanged
        self.codeChangedBeyondLogging = codeChangedBeyondLogging
    }

    /// The gate's judgement: substantive, or diagnostic-only and why.
    public var verdict: FixVerdict {
        var gaps: [String] = []
        if !files.contains(where: { $0.isCode && $0.changesLines }) {
            gaps.append("no code changed outside tests")
        } else if !codeChangedBeyondLogging {
            gaps.append("only log calls changed")
        }
        if !testsAddedOrChanged { gaps.append("no test added or changed") }
        return gaps.isEmpty ? .substantive : .diagnosticOnly(gaps.joined(separator: " and "))
    }

    enum CodingKeys: String, CodingKey {
        case commit, source, files
        case testsAddedOrChanged = "tests_added_or_changed"
        case codeChangedBeyondLogging = "code_changed_beyond_logging"
    }
}
