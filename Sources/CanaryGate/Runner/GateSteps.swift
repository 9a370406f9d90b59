import CanaryCore
import Foundation

/// The implementations the runner performs its steps through; each can be real or local.
public struct GateSteps: Sendable {
    /// Issue states, fix facts, comments.
    public var tracker: IssueTracker
    /// Reads fix commits from a clone, overriding the tracker's facts; nil without a clone.
    public var fixInspector: GitCloneFixInspector?
    /// Published versions.
    public var index: PackageIndex
    /// Installs the chosen RC and checks its imports.
    public var installer: Installer
    /// Traces the installed CLI to its commit.
    public var traceability: CLITraceabilityCheck
    /// The target server's operator endpoints.
    public var saas: SaaSProbe
    /// The canary protocol script.
    public var canary: CanaryRunner
    /// The Teamspace MVP suite.
    public var teamspace: TeamspaceRunner
    /// Reads evidence bundles back from disk.
    public var bundleFiles: GateFileReading

    /// Creates the set of step implementations.
    public init(
        tracker: IssueTracker, fixInspector: GitCloneFixInspector? = nil, index: PackageIndex, installer: Installer,
        traceability: CLITraceabilityCheck, saas: SaaSProbe, canary: CanaryRunner, teamspace: TeamspaceRunner,
        bundleFiles: GateFileReading = LocalFileReader()
    ) {
        self.tracker = tracker
        self.fixInspector = fixInspector
        self.index = index
        self.installer = installer
        self.traceability = traceability
        self.saas = saas
        self.canary = canary
        self.teamspace = teamspace
        self.bundleFiles = bundleFiles
    }
}
