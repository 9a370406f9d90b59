import Foundation

/// The git operations a scenario checkout needs, through an injected executor.
///
/// The executor is the driver's, so git calls are timed, logged and kept in
/// the same ordered record as the CLI's.
public struct GitRepository {
    /// Runs `git` with these arguments in the checkout.
    public typealias Executor = (_ arguments: [String]) throws -> CommandResult

    private let execute: Executor

    /// A repository whose commands go through `execute`.
    public init(execute: @escaping Executor) {
        self.execute = execute
    }

    /// Runs `git <arguments>` and returns the result, whatever the exit.
    @discardableResult
    public func run(_ arguments: [String]) throws -> CommandResult {
        try execute(arguments)
    }

    /// `git init -b main`, a local user and an empty first commit.
    public func initialize(identity: GitIdentity = .canary, initialBranch: String = "main") throws {
        try step("git init", ["init", "-q", "-b", initialBranch])
        try step("git config user.name", ["config", "user.name", identity.name])
        try step("git config user.email", ["config", "user.email", identity.email])
        try step("git config commit.gpgsign", ["config", "commit.gpgsign", "false"])
        try step("initial commit", ["commit", "-q", "--allow-empty", "-m", "Initial commit of the canary checkout"])
    }

    /// `git remote add <name> <url>`.
    public func addRemote(_ url: String, name: String = "origin") throws {
        try step("git remote add", ["remote", "add", name, url])
    }

    /// `git checkout -b <branch>`.
    public func checkoutNewBranch(_ branch: String) throws {
        try step("git checkout -b", ["checkout", "-q", "-b", branch])
    }

    /// Stages everything and commits; returns nil when there was nothing to commit.
    @discardableResult
    public func commitAll(message: String) throws -> CommandResult? {
        try step("git add", ["add", "-A"])
        // `diff --cached --quiet` exits 1 exactly when something is staged.
        let staged = try run(["diff", "--cached", "--quiet"])
        guard staged.exitCode == 1 else {
            if staged.succeeded { return nil }
            throw SpecKittyError.stepFailed(step: "git diff --cached", result: staged)
        }
        return try step("git commit", ["commit", "-q", "-m", message])
    }

    /// The checked-out branch.
    public func currentBranch() throws -> String {
        try step("git rev-parse", ["rev-parse", "--abbrev-ref", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    private func step(_ name: String, _ arguments: [String]) throws -> CommandResult {
        let result = try run(arguments)
        guard result.succeeded else { throw SpecKittyError.stepFailed(step: name, result: result) }
        return result
    }
}
