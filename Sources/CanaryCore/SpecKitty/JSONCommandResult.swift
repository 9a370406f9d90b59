import Foundation

/// A command run with `--json`: its result and the object it printed.
public struct JSONCommandResult: Equatable, Sendable {
    /// The command as it ran.
    public let result: CommandResult
    /// The JSON object on stdout, or nil when there was none (e.g. a crash).
    public let json: JSONValue?

    /// Pairs `result` with the JSON found in its stdout.
    public init(_ result: CommandResult) {
        self.result = result
        json = Self.extractObject(from: result.stdout)
    }

    /// The string member `key` of the object, or nil.
    public func string(_ key: String) -> String? { json?[key]?.stringValue }

    /// The JSON object in `text`: all of it, or else the last line-initial `{`
    /// onwards (some commands print notices before the object).
    public static func extractObject(from text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = object(trimmed) { return value }
        var searchEnd = trimmed.endIndex
        while let brace = trimmed[..<searchEnd].range(of: "\n{", options: .backwards) {
            if let value = object(String(trimmed[trimmed.index(after: brace.lowerBound)...])) { return value }
            searchEnd = brace.lowerBound
        }
        return nil
    }

    private static func object(_ text: String) -> JSONValue? {
        guard text.hasPrefix("{"), let value = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        if case .object = value { return value }
        return nil
    }
}

/// What `agent mission create --json` answered.
public struct MissionCreation: Equatable, Sendable {
    /// The command and its JSON.
    public let output: JSONCommandResult
    /// `mission_slug`, e.g. `canary-mission-01M89NJ2` (the CLI appends an id).
    public let slug: String
    /// `feature_dir`: `kitty-specs/<slug>` in the checkout.
    public let featureDirectory: URL
}

/// One `agent tasks move-task` call.
public struct MoveTaskRequest: Equatable, Sendable {
    /// The work package, `WP01`.
    public var workPackageID: String
    /// The target lane: planned, claimed, in_progress, for_review, in_review, approved, done.
    public var lane: String
    /// The mission slug.
    public var mission: String
    /// `--agent`.
    public var agent: String?
    /// `--reviewer`.
    public var reviewer: String?
    /// `--approval-ref` (approval and done transitions).
    public var approvalRef: String?
    /// `--done-override-reason` (done without verifiable merge ancestry).
    public var doneOverrideReason: String?
    /// `--review-feedback-file`: required for any move to planned after review.
    public var reviewFeedbackFile: URL?
    /// `--note`.
    public var note: String?
    /// `--force`.
    public var force: Bool

    /// A move of `workPackageID` to `lane` in `mission`.
    public init(
        _ workPackageID: String,
        to lane: String,
        mission: String,
        agent: String? = "claude",
        reviewer: String? = "claude",
        approvalRef: String? = nil,
        doneOverrideReason: String? = nil,
        reviewFeedbackFile: URL? = nil,
        note: String? = nil,
        force: Bool = false
    ) {
        self.workPackageID = workPackageID
        self.lane = lane
        self.mission = mission
        self.agent = agent
        self.reviewer = reviewer
        self.approvalRef = approvalRef
        self.doneOverrideReason = doneOverrideReason
        self.reviewFeedbackFile = reviewFeedbackFile
        self.note = note
        self.force = force
    }

    /// The arguments after `spec-kitty`.
    public var arguments: [String] {
        var arguments = ["agent", "tasks", "move-task", workPackageID, "--to", lane, "--mission", mission]
        let options: [(String, String?)] = [
            ("--agent", agent), ("--reviewer", reviewer), ("--approval-ref", approvalRef),
            ("--done-override-reason", doneOverrideReason), ("--review-feedback-file", reviewFeedbackFile?.path),
            ("--note", note),
        ]
        for case let (flag, value?) in options {
            arguments += [flag, value]
        }
        if force { arguments.append("--force") }
        return arguments + ["--json"]
    }
}
