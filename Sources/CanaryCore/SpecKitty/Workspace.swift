import Foundation

/// One scenario's directory: an isolated `home/` and a git `checkout/`.
///
/// Knows where the CLI keeps each file relative to that home, so scenarios
/// and readers never rebuild those paths themselves. Kept on failure; the
/// caller decides when to delete it.
public struct Workspace: Equatable, Sendable {
    /// The scenario directory.
    public let directory: URL
    /// HOME and SPEC_KITTY_HOME of every call.
    public let home: URL
    /// The project's git working tree.
    public let checkout: URL

    /// The layout under `directory`, without touching the disk.
    public init(directory: URL) {
        self.directory = directory
        home = directory.appendingPathComponent("home", isDirectory: true)
        checkout = directory.appendingPathComponent("checkout", isDirectory: true)
    }

    /// Creates `root/name` with empty `home/` and `checkout/`.
    ///
    /// Refuses a directory that already has content: reusing a home would
    /// carry one run's identity into the next.
    public static func create(root: URL, name: String) throws -> Workspace {
        let workspace = Workspace(directory: root.appendingPathComponent(name, isDirectory: true))
        let fileManager = FileManager.default
        if let existing = try? fileManager.contentsOfDirectory(atPath: workspace.directory.path), !existing.isEmpty {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: workspace.directory.path])
        }
        try fileManager.createDirectory(at: workspace.home, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: workspace.checkout, withIntermediateDirectories: true)
        return workspace
    }

    // MARK: Runtime files

    /// Where the CLI keeps config, auth, queues and daemon state: `home/` from
    /// 3.2.3, `home/.spec-kitty/` before (and when the version is unknown, the current layout).
    public func runtimeRoot(for version: SpecKittyVersion? = nil) -> URL {
        guard let version, version.usesDotSpecKittyRuntimeRoot else { return home }
        return home.appendingPathComponent(".spec-kitty", isDirectory: true)
    }

    /// `config.toml` in the runtime root.
    public func configURL(for version: SpecKittyVersion? = nil) -> URL {
        runtimeRoot(for: version).appendingPathComponent("config.toml")
    }

    /// Writes `config` as the CLI's `config.toml`, replacing any earlier one.
    public func writeConfig(_ config: SpecKittyConfig, for version: SpecKittyVersion? = nil) throws {
        let url = configURL(for: version)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(config.tomlText.utf8).write(to: url, options: .atomic)
    }

    /// The 3.2.x per-project event store of `projectUUID`.
    public func projectStoreURL(projectUUID: String, for version: SpecKittyVersion? = nil) -> URL {
        runtimeRoot(for: version).appendingPathComponent("projects/\(projectUUID)/sync/sync.db")
    }

    /// The single pre-3.2.6 queue, which 3.2.x only treats as migration input.
    public func legacyQueueURL(for version: SpecKittyVersion? = nil) -> URL {
        runtimeRoot(for: version).appendingPathComponent("queue.db")
    }

    /// A login scope's queue of the 3.2.0 era, `queues/queue-<16 hex digest>.db` in the runtime root.
    public func scopedQueueURL(digest: String, for version: SpecKittyVersion? = nil) -> URL {
        runtimeRoot(for: version).appendingPathComponent("queues/queue-\(digest).db")
    }

    /// The daemon owner record, `sync/daemon/owner.json`.
    public func ownerRecordURL(for version: SpecKittyVersion? = nil) -> URL {
        runtimeRoot(for: version).appendingPathComponent("sync/daemon/owner.json")
    }

    /// The daemon's address file, `sync-daemon` (url, port, token, pid).
    public func daemonAddressURL(for version: SpecKittyVersion? = nil) -> URL {
        runtimeRoot(for: version).appendingPathComponent("sync-daemon")
    }

    // MARK: Checkout

    /// The checkout's `.kittify/config.yaml`, written by `spec-kitty init`.
    public var kittifyConfigURL: URL {
        checkout.appendingPathComponent(".kittify/config.yaml")
    }

    /// `project.uuid` (and slug) from `.kittify/config.yaml`.
    public func projectIdentity() throws -> ProjectIdentity {
        let text = try String(contentsOf: kittifyConfigURL, encoding: .utf8)
        guard let identity = ProjectIdentity.parse(yaml: text) else {
            throw SpecKittyError.projectIdentityMissing(path: kittifyConfigURL.path)
        }
        return identity
    }

    /// A never-pushed remote unique to one checkout: it gives the project a
    /// fresh identity on the server.
    public static func makeCanaryRemoteURL() -> String {
        let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        return "git@github.com:Priivacy-ai/spec-kitty-canary-\(hex).git"
    }
}
