import CanaryCore
import Foundation

/// Reads a fix commit's facts from the source itself (a local clone of the CLI repository, with `git show`)
/// rather than from what a tracker says.
public struct GitCloneFixInspector: Sendable {
    /// The clone's directory.
    public let repository: String
    private let processes: GateProcessRunning

    /// Creates an inspector for the clone at `repository`.
    public init(repository: String, processes: GateProcessRunning = GateProcessRunner()) {
        self.repository = repository
        self.processes = processes
    }

    /// "clone <path>".
    public var sourceDescription: String { "clone \(repository)" }

    /// Runs `git show` twice (numstat, then a zero-context patch) and analyses the result.
    public func facts(ofCommit commit: String) throws -> FixFacts {
        let numstat = try git(["show", "--no-color", "--numstat", "--format=", commit])
        let patch = try git(["show", "--no-color", "--format=", "-U0", commit])
        return FixDiffAnalysis.facts(commit: commit, source: sourceDescription, numstat: numstat, patch: patch)
    }

    private func git(_ arguments: [String]) throws -> String {
        let command = GateCommandLine(["git", "-C", repository] + arguments, timeout: 60)
        let result = try processes.run(command)
        guard result.succeeded else {
            throw GitInspectionError(command: command.description, status: result.exitStatus, lastLine: result.lastErrorLine)
        }
        return result.stdout
    }
}

/// A `git` command in the CLI clone failed.
public struct GitInspectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command line that failed.
    public let command: String
    /// Its exit status.
    public let status: Int32
    /// The last line of its output.
    public let lastLine: String

    /// One line naming the command, its status and its last output line.
    public var description: String { "`\(command)` exited \(status): \(lastLine)" }
}
