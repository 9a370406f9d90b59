import CanaryCore
import Foundation

/// The real installer: one venv per RC through `scripts/bootstrap-spec-kitty.sh`.
///
/// Reusing the project's bootstrap keeps one install recipe (including its
/// typer pin for old CLIs); the script prints the binary's path last.
public struct BootstrapInstaller: Installer {
    /// The bootstrap script.
    public let script: String
    /// Where venvs go (`SPEC_KITTY_VENV_ROOT`); nil keeps the script's default.
    public let venvRoot: String?
    private let processes: GateProcessRunning

    /// Creates an installer.
    public init(script: String, venvRoot: String? = nil, processes: GateProcessRunning = GateProcessRunner()) {
        self.script = script
        self.venvRoot = venvRoot
        self.processes = processes
    }

    /// "venv per RC via <script>".
    public var installerDescription: String {
        "venv per RC via \(script)" + (venvRoot.map { " (venvs under \($0))" } ?? "")
    }

    /// Runs the bootstrap with `SPEC_KITTY_VERSION=<version>` and takes the binary path from its last line.
    public func install(version: SpecKittyVersion, output: (@Sendable (String) -> Void)?) throws -> InstalledCLI {
        var environment = ["SPEC_KITTY_VERSION": version.normalized]
        if let venvRoot { environment["SPEC_KITTY_VENV_ROOT"] = venvRoot }
        let result = try processes.run(GateCommandLine(["bash", script], environment: environment, timeout: 900), output: output)
        guard result.succeeded else {
            throw InstallerError.bootstrapFailed(version: version.normalized, status: result.exitStatus, lastLine: result.lastErrorLine)
        }
        let binary = result.lastStdoutLine ?? ""
        guard binary.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: binary) else {
            throw InstallerError.noBinary(version: version.normalized, lastLine: binary)
        }
        return InstalledCLI(version: version.normalized, binary: binary)
    }

    /// Imports the modules with the venv's Python.
    public func checkImports(_ modules: [String], of cli: InstalledCLI) throws -> ImportCheckResult {
        try PythonImportCheck(processes: processes).check(modules, python: cli.python)
    }

    /// Reads versions and `direct_url.json` with the venv's Python.
    public func metadata(of cli: InstalledCLI) throws -> InstalledCLIMetadata {
        try PythonImportCheck(processes: processes).metadata(python: cli.python)
    }
}
