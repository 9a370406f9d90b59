import Foundation

/// Finds the `spec-kitty` binary under test and what it is.
///
/// `SPEC_KITTY_BIN` wins; otherwise `scripts/bootstrap-spec-kitty.sh`
/// installs (or just reports) the pinned CLI. The answer is cached for the
/// life of the process, because a bootstrap is a pip install and every
/// scenario asks.
public final class SpecKittyLocator: @unchecked Sendable {
    /// The process-wide cache.
    public static let shared = SpecKittyLocator()

    private let lock = Lock()
    private var cache: [String: URL] = [:]
    private let versionLock = Lock()
    private var versions: [String: String] = [:]

    /// An empty cache (tests use their own).
    public init() {}

    /// The CLI binary: `SPEC_KITTY_BIN` if set, else the bootstrap script's last stdout line.
    ///
    /// - Parameters:
    ///   - repoRoot: the package root holding `scripts/bootstrap-spec-kitty.sh`.
    ///   - environment: where `SPEC_KITTY_BIN` and `SPEC_KITTY_VERSION` are read.
    public func binary(
        repoRoot: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        runner: ProcessRunner = ProcessRunner(),
        bootstrapTimeout: TimeInterval = 1200
    ) throws -> URL {
        let key = environment["SPEC_KITTY_BIN"] ?? "\(repoRoot.path)#\(environment["SPEC_KITTY_VERSION"] ?? "")"
        return try lock.withLock {
            if let cached = cache[key] { return cached }

            let path: String
            if let explicit = environment["SPEC_KITTY_BIN"], !explicit.isEmpty {
                path = explicit
            } else {
                let script = repoRoot.appendingPathComponent("scripts/bootstrap-spec-kitty.sh").path
                // First use installs for about a minute, inside whichever test or scenario asked: it says so.
                let result = try ProgressHeartbeat.during(
                    "canary: locating the pinned spec-kitty CLI (installed on first use)", every: 20, output: ProgressConsole.write
                ) {
                    try runner.run(
                        ["/bin/bash", script],
                        environment: .inheriting(from: environment),
                        workingDirectory: repoRoot,
                        timeout: bootstrapTimeout,
                        label: "bootstrap-spec-kitty"
                    )
                }
                guard result.succeeded, let last = Self.lastNonEmptyLine(result.stdout) else {
                    throw SpecKittyError.bootstrapFailed(result)
                }
                path = last
            }
            guard ExecutableLocator.isExecutableFile(path) else { throw SpecKittyError.binaryNotExecutable(path: path) }
            let url = URL(fileURLWithPath: path)
            cache[key] = url
            return url
        }
    }

    /// The version `binary` names, asked once per binary for the life of this locator.
    ///
    /// `--version` costs a Python start-up (about 4 CPU-seconds). The question is
    /// asked holding the lock: scenarios and tests that start side by side would
    /// otherwise all find the cache empty and each ask.
    public func version(of binary: URL, runner: ProcessRunner, environment: ProcessEnvironment) throws -> String {
        try versionLock.withLock {
            if let known = versions[binary.path] { return known }
            let version = try Self.version(of: binary, runner: runner, environment: environment)
            versions[binary.path] = version
            return version
        }
    }

    /// Runs `spec-kitty --version` and returns the version it names.
    public static func version(
        of binary: URL,
        runner: ProcessRunner,
        environment: ProcessEnvironment
    ) throws -> String {
        let result = try runner.run([binary.path, "--version"], environment: environment, timeout: 60)
        guard result.succeeded, let version = parseVersion(result.stdout) else {
            throw SpecKittyError.unexpectedOutput(field: "version", result: result)
        }
        return version
    }

    /// The version in `spec-kitty-cli version 3.2.7`, wherever that line sits
    /// (3.2.0 prints an ASCII-art banner before it).
    public static func parseVersion(_ output: String) -> String? {
        let marker = "spec-kitty-cli version "
        for line in output.split(whereSeparator: \.isNewline).reversed() {
            guard let range = line.range(of: marker) else { continue }
            let version = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if !version.isEmpty { return version }
        }
        return nil
    }

    /// The version of `distribution` installed in the same venv as `binary`, read
    /// from its `.dist-info` directory name: no interpreter start-up needed.
    ///
    /// Use `spec_kitty_events` for the events library, `spec_kitty_cli` for the CLI.
    public static func installedVersion(of distribution: String, besides binary: URL) -> String? {
        let venv = binary.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        let lib = venv.appendingPathComponent("lib")
        let fileManager = FileManager.default
        guard let pythons = try? fileManager.contentsOfDirectory(atPath: lib.path) else { return nil }
        for python in pythons.sorted() where python.hasPrefix("python") {
            let sitePackages = lib.appendingPathComponent(python).appendingPathComponent("site-packages")
            guard let entries = try? fileManager.contentsOfDirectory(atPath: sitePackages.path) else { continue }
            if let version = entries.lazy.compactMap({ parseDistInfoName($0, distribution: distribution) }).first {
                return version
            }
        }
        return nil
    }

    /// The spec-kitty-events version installed beside `binary` (the run document's `events_package_version`).
    public static func eventsVersion(besides binary: URL) -> String? {
        installedVersion(of: "spec_kitty_events", besides: binary)
    }

    /// `6.1.0` for `spec_kitty_events-6.1.0.dist-info` and distribution `spec_kitty_events`.
    public static func parseDistInfoName(_ name: String, distribution: String) -> String? {
        let normalized = distribution.replacingOccurrences(of: "-", with: "_").lowercased()
        guard name.hasSuffix(".dist-info") else { return nil }
        let stem = name.dropLast(".dist-info".count)
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        guard stem[..<dash].lowercased() == normalized else { return nil }
        let version = stem[stem.index(after: dash)...]
        return version.isEmpty ? nil : String(version)
    }

    private static func lastNonEmptyLine(_ text: String) -> String? {
        text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
