import Foundation

/// Strict consumer mode's settings: which python runs `scripts/events-validator.py`, and
/// how long it may take. Nil in `StandInConfiguration` turns validation off.
public struct PayloadValidation: Equatable, Sendable {
    /// The `spec-kitty-events` version the pinned CLI (3.2.7) pulls, the bootstrap's default.
    public static let pinnedEventsVersion = "6.1.0"

    /// The validator venv's python (the bootstrap's last stdout line).
    public var python: String
    /// The helper program, `scripts/events-validator.py`.
    public var script: String
    /// How long one envelope may take before the helper is killed (and restarted on the next one).
    public var requestTimeout: TimeInterval
    /// How long a (re)started helper may take to import the package and answer its first ping.
    public var startTimeout: TimeInterval

    /// Creates settings; `bootstrap(repositoryRoot:)` finds `python` and `script` for you.
    public init(python: String, script: String, requestTimeout: TimeInterval = 10, startTimeout: TimeInterval = 60) {
        self.python = python
        self.script = script
        self.requestTimeout = requestTimeout
        self.startTimeout = startTimeout
    }

    /// The helper's argv. `-I` (isolated) keeps PYTHONPATH, PYTHONHOME and user site
    /// packages of whoever started the stand-in out of the validator's imports.
    var arguments: [String] { [python, "-I", script] }
}
