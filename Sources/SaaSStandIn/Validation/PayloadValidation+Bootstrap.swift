import CanaryCore
import Foundation

extension PayloadValidation {
    /// Installs (once; later calls only look) `spec-kitty-events[conformance]==eventsVersion`
    /// into the project's validator venv through `scripts/bootstrap-events-validator.sh`
    /// under `repositoryRoot`, and returns settings that run its python on the helper.
    public static func bootstrap(repositoryRoot: String, eventsVersion: String = pinnedEventsVersion,
                                 venvRoot: String? = nil) throws -> PayloadValidation {
        let script = "\(repositoryRoot)/scripts/bootstrap-events-validator.sh"
        var environment = ["SPEC_KITTY_EVENTS_VERSION": eventsVersion]
        if let venvRoot { environment["EVENTS_VALIDATOR_VENV_ROOT"] = venvRoot }
        let result: CommandResult
        do {
            // First use installs for about a minute, inside whatever started the stand-in: it says so,
            // on stderr, since `canary standin`'s stdout carries its URL.
            result = try ProgressHeartbeat.during(
                "canary: locating the payload validator (installed on first use)", every: 20,
                output: ProgressConsole.writeToStandardError
            ) {
                try ProcessRunner().run(["bash", script], environment: .inheriting(environment), timeout: 900)
            }
        } catch {
            throw EventsValidatorError.bootstrapFailed(script: script, status: -1, lastLine: "\(error)")
        }
        guard result.succeeded else {
            throw EventsValidatorError.bootstrapFailed(script: script, status: result.exitStatus, lastLine: result.lastErrorLine)
        }
        let python = result.lastStdoutLine ?? ""
        guard python.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: python) else {
            throw EventsValidatorError.bootstrapFailed(script: script, status: 0, lastLine: "no python on the last stdout line: \(python)")
        }
        return PayloadValidation(python: python, script: "\(repositoryRoot)/scripts/events-validator.py")
    }
}
