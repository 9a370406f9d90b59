import Foundation
import Glibc
@testable import SaaSStandIn
import XCTest

/// The project's events validator venv for strict-mode tests: installed once per test
/// process through `scripts/bootstrap-events-validator.sh` (seconds when already there).
enum EventsValidatorFixture {
    /// The repository root, from this file's place in it.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    private static let installed = Result { try PayloadValidation.bootstrap(repositoryRoot: repositoryRoot) }

    /// Settings for the pinned `spec-kitty-events`, or a skip that says why it could not be installed.
    static func settings(requestTimeout: TimeInterval = 10) throws -> PayloadValidation {
        switch installed {
        case .success(var settings):
            settings.requestTimeout = requestTimeout
            return settings
        case .failure(let error):
            throw XCTSkip("strict payload validation needs the events validator venv, which could not be installed: \(error)")
        }
    }

    /// Whether `pid` is a live process (a zombie or a missing /proc entry is not).
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// Waits up to `seconds` for `pid` to be gone.
    static func waitUntilGone(_ pid: pid_t, seconds: TimeInterval = 5) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while isAlive(pid) {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }
}
