import CanaryCore
import Foundation

/// What the gate is asked to prove: which package, which line, against which baseline, about which issues.
public struct GateConfiguration: Sendable {
    /// The package on the index.
    public var packageName = "spec-kitty-cli"
    /// The RC the last gate ran against; the chosen RC must be newer.
    public var baseline: SpecKittyVersion
    /// The release line to pick from; nil means the whole index.
    public var line: ReleaseLine?
    /// A version named by the release engineer instead of the newest RC; nil lets the index decide.
    public var candidate: SpecKittyVersion?
    /// The blockers whose fixes the gate verifies first.
    public var blockers: [IssueRef] = [.rollbackBlocker, .queuedEventsBlocker]
    /// The issue the four-run evidence closes.
    public var e2eGate: IssueRef = .e2eGate
    /// The issue that receives the final evidence and stays open.
    public var releaseTracking: IssueRef = .releaseTracking
    /// Consecutive Teamspace passes required.
    public var teamspaceRuns = 4
    /// Where Teamspace logs and JUnit reports go (`teamspace-canary-run-N.log`/`.xml`).
    public var teamspaceDirectory = "/tmp"
    /// Whether a failure that maps to a blocker re-opens it on the tracker with the evidence.
    public var reopenBlockersOnFailure = true

    /// Creates a configuration with the design's defaults.
    public init(baseline: SpecKittyVersion, line: ReleaseLine? = nil) {
        self.baseline = baseline
        self.line = line
    }
}
