import CanaryCore
import Foundation

/// Where a CLI release candidate is installed.
public struct InstalledCLI: Codable, Equatable, Sendable {
    /// The version installed, e.g. `3.2.6rc2`.
    public let version: String
    /// The `spec-kitty` executable.
    public let binary: String
    /// The venv's Python, which imports the CLI's packages.
    public let python: String

    /// Creates a record; `python` defaults to the `python` beside the binary (a venv's layout).
    public init(version: String, binary: String, python: String? = nil) {
        self.version = version
        self.binary = binary
        self.python = python ?? ((binary as NSString).deletingLastPathComponent + "/python")
    }
}

/// What the installed distribution says about itself.
public struct InstalledCLIMetadata: Codable, Equatable, Sendable {
    /// `spec-kitty-cli`'s installed version.
    public let cliVersion: String
    /// `spec-kitty-events`' installed version, when installed.
    public let eventsVersion: String?
    /// The text of `direct_url.json` (present for VCS or local installs, absent for index installs).
    public let directURL: String?

    /// Creates metadata.
    public init(cliVersion: String, eventsVersion: String?, directURL: String?) {
        self.cliVersion = cliVersion
        self.eventsVersion = eventsVersion
        self.directURL = directURL
    }

    enum CodingKeys: String, CodingKey {
        case cliVersion = "cli_version"
        case eventsVersion = "events_version"
        case directURL = "direct_url"
    }

    /// A Python program printing this struct as JSON, run with the CLI's own interpreter.
    static let probeProgram = """
        import importlib.metadata as m, json
        def version(name):
            try:
                return m.version(name)
            except m.PackageNotFoundError:
                return None
        d = m.distribution("spec-kitty-cli")
        print(json.dumps({"cli_version": d.version, "events_version": version("spec-kitty-events"),
                          "direct_url": d.read_text("direct_url.json")}))
        """
}
