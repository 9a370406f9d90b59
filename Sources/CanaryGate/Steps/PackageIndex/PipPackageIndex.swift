import CanaryCore
import Foundation

/// The real index: `python3 -m pip index versions <package> --pre`, against whatever index pip is configured for.
public struct PipPackageIndex: PackageIndex {
    private let python: String
    private let processes: GateProcessRunning

    /// Creates an index that asks `python`'s pip.
    public init(python: String = "python3", processes: GateProcessRunning = GateProcessRunner()) {
        self.python = python
        self.processes = processes
    }

    /// "pip index versions (python3)".
    public var indexDescription: String { "pip index versions (\(python))" }

    /// Runs pip and parses "Available versions: ...".
    public func versions(of package: String) throws -> [String] {
        let command = GateCommandLine(
            [python, "-m", "pip", "index", "versions", package, "--pre", "--disable-pip-version-check"],
            environment: ["PIP_NO_INPUT": "1"], timeout: 180
        )
        let result = try processes.run(command)
        guard result.succeeded else {
            throw PackageIndexError.pipFailed(command: command.description, status: result.exitStatus, lastLine: result.lastErrorLine)
        }
        return try PipIndexVersions.parse(result.stdout).versions
    }
}
