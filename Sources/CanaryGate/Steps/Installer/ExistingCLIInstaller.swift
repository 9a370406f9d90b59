import CanaryCore
import Foundation

/// The local installer: a CLI already installed in a venv, used as-is if it is the chosen version.
public struct ExistingCLIInstaller: Installer {
    /// The `spec-kitty` executable.
    public let binary: String
    private let processes: GateProcessRunning

    /// Creates an installer that "installs" the CLI at `binary`.
    public init(binary: String, processes: GateProcessRunning = GateProcessRunner()) {
        self.binary = binary
        self.processes = processes
    }

    /// "pre-installed CLI <binary>".
    public var installerDescription: String { "pre-installed CLI \(binary)" }

    /// Returns the existing CLI after checking that its installed version is `version`.
    public func install(version: SpecKittyVersion, output: (@Sendable (String) -> Void)?) throws -> InstalledCLI {
        let candidate = InstalledCLI(version: version.normalized, binary: binary)
        let installed = try metadata(of: candidate).cliVersion
        guard (try? SpecKittyVersion(installed)) == version else {
            throw InstallerError.versionMismatch(binary: binary, installed: installed, wanted: version.normalized)
        }
        return candidate
    }

    /// Imports the modules with the Python beside the binary.
    public func checkImports(_ modules: [String], of cli: InstalledCLI) throws -> ImportCheckResult {
        try PythonImportCheck(processes: processes).check(modules, python: cli.python)
    }

    /// Reads versions and `direct_url.json` with the Python beside the binary.
    public func metadata(of cli: InstalledCLI) throws -> InstalledCLIMetadata {
        try PythonImportCheck(processes: processes).metadata(python: cli.python)
    }
}
