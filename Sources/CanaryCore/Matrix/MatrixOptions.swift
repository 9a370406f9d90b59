import Foundation

/// The arguments of `canary matrix V1 V2 … [--profile P] [--out DIR] [--jobs N]`.
public struct MatrixOptions: Equatable, Sendable {
    /// The versions, in the order given.
    public var versions: [SpecKittyVersion]
    /// The embedded stand-in's profile.
    public var profile: String
    /// Where `matrix.json`, `matrix.md` and each version's evidence go; nil: a fresh directory under `artifacts/`.
    public var outputDirectory: String?
    /// How many versions run at once.
    public var jobs: Int
    /// Skip the up-front `swift build --build-tests` (the build is already current).
    public var skipBuild: Bool
    /// SwiftPM's scratch path, so a matrix can run from its own build while the package is edited.
    public var scratchPath: String?

    /// The profile a matrix uses when none is named: the strictest one a conforming CLI passes.
    public static let defaultProfile = "deployed-dev-2026-05"

    /// `--help` was given: print ``helpText`` and nothing else.
    public var help = false

    /// The declared options; the help text and the parser both come from it.
    public static let spec = CommandSpec(
        command: "canary matrix",
        summary: """
            Installs each spec-kitty-cli version into its own cached venv, runs the four
            scenarios once per version against a fresh embedded stand-in, and writes
            matrix.json and matrix.md into DIR (default artifacts/matrix-<time>).
            A CLI without auth/sync commands is cli.unsupported without running anything.
            A version whose DIR/<version>/runs/run-1.json already exists is not run again:
            delete that directory to re-run it.
            """,
        options: [
            .value("--profile", valueName: "P", help: "stand-in profile (default \(defaultProfile))"),
            .value("--out", valueName: "DIR", help: "where matrix.json, matrix.md and each version's evidence go"),
            .value("--jobs", valueName: "N", help: "versions run at once, 1 to 4 (default 1)"),
            .flag("--skip-build", help: "do not build the tests first"),
            .value("--scratch-path", valueName: "DIR", help: "SwiftPM scratch path for the build and the runs"),
        ],
        positionals: [PositionalSpec("V", arity: .oneOrMore, help: "spec-kitty-cli versions (3.2.7, 3.2.0rc13; commas also separate)")],
        footer: """
            exit codes:
               0  every supported version passed every scenario
               1  a scenario failed, or the build or the matrix files could not be written
               2  a sync daemon lives on this host (its verdicts would be the host's)
              64  usage error, or not run from the package root
            """
    )

    /// The usage text.
    public static var usage: String { spec.helpText }

    /// Parses the arguments after `matrix`.
    public static func parse(_ arguments: [String]) throws(UsageError) -> MatrixOptions {
        let parsed = try spec.parse(arguments)
        var options = MatrixOptions(versions: [], profile: defaultProfile, outputDirectory: nil, jobs: 1, skipBuild: false, scratchPath: nil)
        options.help = parsed.helpRequested
        guard !options.help else { return options }
        options.profile = parsed.value("--profile") ?? options.profile
        options.outputDirectory = parsed.value("--out")
        options.scratchPath = parsed.value("--scratch-path")
        options.skipBuild = parsed.flag("--skip-build")
        options.jobs = try parsed.value("--jobs", invalid: "expected a number from 1 to 4") { Int($0).flatMap { (1 ... 4).contains($0) ? $0 : nil } } ?? 1
        do {
            options.versions = try MatrixVersionList.parse(parsed.positionals)
        } catch {
            throw .refused("\(error)")
        }
        return options
    }
}
