import Foundation
import XCTest

/// The `canary` executable SwiftPM built beside the test bundle, for tests that run it as an operator would.
public enum BuiltCanary {
    /// Its path; the test is skipped when it was not built (`swift build` first).
    public static func url() throws -> URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("canary")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("canary executable not built next to the tests (run `swift build` first)")
    }
}
