import CanaryCore
import Foundation

/// Runs the canary protocol script and says where its evidence went.
public protocol CanaryRunner: Sendable {
    /// What runs the canary, for reports.
    var runnerDescription: String { get }
    /// Runs `mode` with `cli` against `saasURL`; `output` receives the script's output as it runs.
    func run(
        _ mode: CanaryRunMode, cli: InstalledCLI, saasURL: String, output: (@Sendable (String) -> Void)?
    ) throws -> CanaryScriptOutcome
}
