import Foundation

/// The arguments of `canary matrix`: run versions, list them (`--list`), or merge column directories (`--merge`).
public struct MatrixOptions: Equatable, Sendable {
    /// What the command does.
    public enum Mode: Equatable, Sendable {
        /// Run each version's column into `<out>/<version>/` and write the matrix.
        case run
        /// Print the versions as a JSON array: those given, else the package index's; limited to a release line
        /// (`line`, as typed) and to the newest release candidate when asked.
        case list(line: String?, newestReleaseCandidate: Bool)
        /// Read these column directories (run elsewhere) into one matrix; `expected` fixes the order and names the missing.
        case merge(columnDirectories: [String], expected: [SpecKittyVersion])
    }

    /// What the command does.
    public var mode: Mode = .run
    /// The versions, in the order given (none for `--merge`; maybe none for `--list`).
    public var versions: [SpecKittyVersion]
    /// The embedded stand-in's profile.
    public var profile: String
    /// Where `matrix.json`, `matrix.md` and each version's evidence go; nil: a fresh directory under `artifacts/`.
    public var outputDirectory: String?
    /// How many scenarios run at once across every version (`MatrixWorkerBudget`); nil: `CANARY_JOBS`, else four.
    public var jobs: Int?
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

            One version is one column: `canary matrix V --out DIR` leaves DIR/V/ (its logs,
            outcome.json and sealed bundle), which can be run on its own machine and merged:
              canary matrix --list [--line X.Y] [--newest-rc] [V ...]
                  prints the versions as a JSON array: those given, else pip's index
              canary matrix --merge COLUMN_DIR ... --out DIR [--expect V ...]
                  reads each DIR/V/ as a run reads its own and writes one matrix; an
                  expected version without a readable column is a missing column
            """,
        options: [
            .value("--profile", valueName: "P", help: "stand-in profile (default \(defaultProfile))"),
            .value("--out", valueName: "DIR", help: "where matrix.json, matrix.md and each version's evidence go"),
            .value("--jobs", valueName: "N", help: "scenarios run at once across the versions, 1 to 16\n(default CANARY_JOBS, else 4): versions side by side first"),
            .flag("--skip-build", help: "do not build the tests first"),
            .value("--scratch-path", valueName: "DIR", help: "SwiftPM scratch path for the build and the runs"),
            .flag("--list", help: "print the versions as a JSON array instead of running them"),
            .value("--line", valueName: "X.Y", help: "with --list: only versions of this release line"),
            .flag("--newest-rc", help: "with --list: only the newest release candidate"),
            .flag("--merge", help: "merge column directories (the arguments) into DIR's matrix"),
            .repeatable("--expect", valueName: "V", help: "with --merge: the versions the matrix must have, in order\n(commas also separate)"),
        ],
        positionals: [PositionalSpec("V", arity: .zeroOrMore,
                                     help: "spec-kitty-cli versions (3.2.7, 3.2.0rc13; commas also separate);\nwith --merge, column directories")],
        footer: """
            exit codes:
               0  every supported version passed every scenario (--list: listed)
               1  a scenario failed or a column is missing, or the build or the matrix
                  files could not be written (--list: the index unreadable, nothing selected)
               2  a sync daemon lives on this host (its verdicts would be the host's)
              64  usage error, or not run from the package root
            """
    )

    /// The usage text.
    public static var usage: String { spec.helpText }

    /// Parses the arguments after `matrix`.
    public static func parse(_ arguments: [String]) throws(UsageError) -> MatrixOptions {
        try MatrixOptions(parsed: spec.parse(arguments))
    }

    /// Reads the options from arguments ``spec`` parsed.
    public init(parsed: ParsedArguments) throws(UsageError) {
        versions = []
        profile = Self.defaultProfile
        jobs = nil
        skipBuild = false
        help = parsed.helpRequested
        guard !help else { return }
        profile = parsed.value("--profile") ?? profile
        outputDirectory = try parsed.nonEmptyValue("--out")
        scratchPath = parsed.value("--scratch-path")
        skipBuild = parsed.flag("--skip-build")
        jobs = try parsed.value("--jobs", invalid: "expected a number from 1 to 16") { Int($0).flatMap { (1 ... 16).contains($0) ? $0 : nil } }
        let listing = parsed.flag("--list"), merging = parsed.flag("--merge")
        try Self.refuse(["--line", "--newest-rc"], unless: listing, in: parsed, mode: "--list")
        try Self.refuse(["--expect"], unless: merging, in: parsed, mode: "--merge")
        if listing || merging {
            let mode = listing ? "--list" : "--merge"
            guard !(listing && merging) else { throw .refused("--list and --merge are two commands: give one") }
            // Listing runs nothing and merging reads what ran elsewhere: the run's options would be silently ignored.
            try Self.refuse(["--jobs", "--skip-build", "--scratch-path"] + (listing ? ["--out", "--profile"] : []),
                            unless: false, in: parsed, mode: "a run, not \(mode)")
        }
        if merging {
            guard outputDirectory != nil else { throw .refused("--merge needs --out DIR (where matrix.json and matrix.md go)") }
            let expected = try Self.versions(parsed.allValues("--expect"), allowingNone: true)
            guard !parsed.positionals.isEmpty || !expected.isEmpty else { throw .missingArgument("COLUMN_DIR") }
            mode = .merge(columnDirectories: parsed.positionals, expected: expected)
            return
        }
        guard listing || !parsed.positionals.isEmpty else { throw .missingArgument("V") }
        versions = try Self.versions(parsed.positionals, allowingNone: listing)
        if listing { mode = .list(line: try parsed.nonEmptyValue("--line"), newestReleaseCandidate: parsed.flag("--newest-rc")) }
    }

    private static func versions(_ words: [String], allowingNone: Bool) throws(UsageError) -> [SpecKittyVersion] {
        if allowingNone && words.allSatisfy({ $0.allSatisfy { $0 == "," || $0.isWhitespace } }) { return [] }
        do {
            return try MatrixVersionList.parse(words)
        } catch {
            throw .refused("\(error)")
        }
    }

    /// Refuses any of `names` given outside `mode`, naming the first.
    private static func refuse(_ names: [String], unless allowed: Bool, in parsed: ParsedArguments, mode: String) throws(UsageError) {
        guard !allowed, let given = names.first(where: { parsed.flag($0) || parsed.value($0) != nil }) else { return }
        throw .refused("\(given) applies only to \(mode)")
    }
}
