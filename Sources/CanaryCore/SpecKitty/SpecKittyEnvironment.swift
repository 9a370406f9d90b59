import Foundation

/// The environment of every `spec-kitty` (and git) call of one scenario.
///
/// Built from scratch around an isolated home: the variables of
/// `spec-kitty-cli.md`, a fixed git identity, and a PATH that finds git.
/// Anything inherited that could point the CLI, git or Python at the real
/// user's state is dropped first.
public struct SpecKittyEnvironment: Equatable, Sendable {
    /// Directories every sane PATH ends with.
    public static let standardPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// Inherited variables that are always removed, besides the prefixed ones.
    public static let strippedNames: Set<String> = [
        "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV", "CONDA_PREFIX",
        "EMAIL", "GNUPGHOME", "SSH_AUTH_SOCK",
    ]

    /// Prefixes of inherited variables that are always removed.
    public static let strippedPrefixes = ["SPEC_KITTY_", "GIT_", "XDG_"]

    /// Never set: it also stops event capture, which every scenario needs.
    public static let forbiddenNames: Set<String> = ["SPEC_KITTY_SYNC_DISABLE"]

    /// The isolated HOME and SPEC_KITTY_HOME.
    public let home: URL
    /// The server the CLI talks to (`SPEC_KITTY_SAAS_URL`).
    public let serverURL: String
    /// The complete environment for the child.
    public let processEnvironment: ProcessEnvironment

    /// Builds the environment for `home` and `serverURL`.
    ///
    /// - Parameters:
    ///   - cliBinDirectory: the CLI venv's `bin`, put first on PATH so the
    ///     CLI's own subprocesses find the same interpreter.
    ///   - extra: more variables, applied last (the forbidden ones are still dropped).
    ///   - base: what would otherwise be inherited (tests pass their own).
    public init(
        home: URL,
        serverURL: String,
        gitIdentity: GitIdentity = .canary,
        cliBinDirectory: URL? = nil,
        extra: [String: String] = [:],
        base: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.home = home
        self.serverURL = serverURL
        var variables = base.filter { !Self.isStripped($0.key) }
        variables.merge([
            "HOME": home.path,
            "SPEC_KITTY_HOME": home.path,
            "SPEC_KITTY_SAAS_URL": serverURL,
            "SPEC_KITTY_ENABLE_SAAS_SYNC": "1",
            "SPEC_KITTY_NO_UPGRADE_CHECK": "1",
            "SPEC_KITTY_NON_INTERACTIVE": "1",
            "NO_COLOR": "1",
            "COLUMNS": "200",
            "PYTHONIOENCODING": "utf-8",
            "GIT_AUTHOR_NAME": gitIdentity.name,
            "GIT_AUTHOR_EMAIL": gitIdentity.email,
            "GIT_COMMITTER_NAME": gitIdentity.name,
            "GIT_COMMITTER_EMAIL": gitIdentity.email,
            // The isolated HOME already hides ~/.gitconfig; this hides /etc/gitconfig.
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "PATH": Self.path(cliBinDirectory: cliBinDirectory, inheritedPath: base["PATH"]),
        ]) { _, new in new }
        variables.merge(extra) { _, new in new }
        for name in Self.forbiddenNames { variables[name] = nil }
        processEnvironment = ProcessEnvironment(exactly: variables)
    }

    /// Whether an inherited variable named `name` is dropped.
    public static func isStripped(_ name: String) -> Bool {
        strippedNames.contains(name) || strippedPrefixes.contains { name.hasPrefix($0) }
    }

    /// The CLI's bin directory, the directory holding git, then the standard directories.
    public static func path(cliBinDirectory: URL?, inheritedPath: String?) -> String {
        var directories: [String] = []
        if let cliBinDirectory { directories.append(cliBinDirectory.path) }
        let search = inheritedPath ?? standardPath.joined(separator: ":")
        if let git = try? ExecutableLocator.resolve("git", searchPath: search) {
            directories.append((git as NSString).deletingLastPathComponent)
        }
        directories += standardPath
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }.joined(separator: ":")
    }
}
