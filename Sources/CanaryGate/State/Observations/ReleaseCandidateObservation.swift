import CanaryCore
import Foundation

/// What the package index offered, which RC was chosen, and how its install went.
public struct ReleaseCandidateObservation: Codable, Equatable, Sendable {
    /// The RC the last gate ran against; the new one must be newer.
    public let baseline: SpecKittyVersion
    /// The choice and its reason.
    public let selection: ReleaseCandidateSelection
    /// The installed CLI; nil when nothing was installed.
    public let installed: InstalledCLI?
    /// Why the install failed, if it did.
    public let installError: String?
    /// The install's output, kept in the attempt directory.
    public let installLog: String?

    /// Creates an observation.
    public init(
        baseline: SpecKittyVersion, selection: ReleaseCandidateSelection, installed: InstalledCLI? = nil,
        installError: String? = nil, installLog: String? = nil
    ) {
        self.baseline = baseline
        self.selection = selection
        self.installed = installed
        self.installError = installError
        self.installLog = installLog
    }

    enum CodingKeys: String, CodingKey {
        case baseline, selection, installed
        case installError = "install_error"
        case installLog = "install_log"
    }
}
