import CanaryCore
import Foundation

/// Whether the installed CLI's Python could import the sync modules.
public struct ImportCheckResult: Codable, Equatable, Sendable {
    /// The modules imported.
    public let modules: [String]
    /// True when every import succeeded.
    public let passed: Bool
    /// Python's error line without its exception class, e.g. "No module named 'specify_cli.sync'".
    public let message: String?

    /// Creates a result.
    public init(modules: [String], passed: Bool, message: String? = nil) {
        self.modules = modules
        self.passed = passed
        self.message = message
    }

    /// The modules whose absence means a CLI has no sync surface to test.
    public static let syncModules = ["specify_cli.sync.owner", "specify_cli.sync.preflight"]

    /// The last exception line of a traceback, without its `ModuleNotFoundError: ` class prefix.
    public static func failureMessage(fromStderr stderr: String) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let last = lines.last(where: { !$0.isEmpty }) else { return "the import exited non-zero without output" }
        for prefix in ["ModuleNotFoundError: ", "ImportError: "] where last.hasPrefix(prefix) {
            return String(last.dropFirst(prefix.count))
        }
        return last
    }
}
