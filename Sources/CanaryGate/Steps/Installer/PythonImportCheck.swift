import CanaryCore
import Foundation

/// The import check and metadata probe both installers share: run the venv's own Python.
struct PythonImportCheck {
    let processes: GateProcessRunning

    func check(_ modules: [String], python: String) throws -> ImportCheckResult {
        let program = "import " + modules.joined(separator: ", ")
        let result = try processes.run(GateCommandLine([python, "-c", program], timeout: 120))
        guard !result.succeeded else { return ImportCheckResult(modules: modules, passed: true) }
        return ImportCheckResult(
            modules: modules, passed: false, message: ImportCheckResult.failureMessage(fromStderr: result.stderr)
        )
    }

    func metadata(python: String) throws -> InstalledCLIMetadata {
        let result = try processes.run(GateCommandLine([python, "-c", InstalledCLIMetadata.probeProgram], timeout: 120))
        guard result.succeeded, let line = result.lastStdoutLine else {
            throw InstallerError.metadataUnreadable(reason: "exit \(result.exitStatus): \(result.lastErrorLine)")
        }
        do {
            return try JSONDecoder().decode(InstalledCLIMetadata.self, from: Data(line.utf8))
        } catch {
            throw InstallerError.metadataUnreadable(reason: "\(error)")
        }
    }
}
