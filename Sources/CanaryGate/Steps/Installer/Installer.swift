import CanaryCore
import Foundation

/// Installs a CLI release candidate and checks that it is the CLI the canary can drive.
public protocol Installer: Sendable {
    /// What this installer does, for reports (e.g. "venv per RC via scripts/bootstrap-spec-kitty.sh").
    var installerDescription: String { get }
    /// Installs `version` (or finds it installed) and returns where it is; `output` receives install progress.
    func install(version: SpecKittyVersion, output: (@Sendable (String) -> Void)?) throws -> InstalledCLI
    /// Imports `modules` with the CLI's own Python.
    func checkImports(_ modules: [String], of cli: InstalledCLI) throws -> ImportCheckResult
    /// Reads the installed distribution's metadata (versions, `direct_url.json`).
    func metadata(of cli: InstalledCLI) throws -> InstalledCLIMetadata
}

/// Why an install or check could not be done.
public enum InstallerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bootstrap script failed; its full output is in the install log.
    case bootstrapFailed(version: String, status: Int32, lastLine: String)
    /// The bootstrap's last line was not an executable path.
    case noBinary(version: String, lastLine: String)
    /// A pre-installed CLI is not the version the gate chose.
    case versionMismatch(binary: String, installed: String, wanted: String)
    /// The CLI's Python could not report its metadata.
    case metadataUnreadable(reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .bootstrapFailed(_, status, lastLine):
            "the bootstrap exited \(status): \(lastLine)"
        case let .noBinary(version, lastLine):
            "installing spec-kitty-cli \(version) printed no usable binary path (last line: '\(lastLine)')"
        case let .versionMismatch(binary, installed, wanted):
            "the CLI at \(binary) is \(installed), not the chosen \(wanted)"
        case let .metadataUnreadable(reason):
            "cannot read the installed CLI's metadata: \(reason)"
        }
    }
}
