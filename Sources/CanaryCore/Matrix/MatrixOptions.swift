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

    /// The usage text.
    public static let usage = """
        usage: canary matrix V1 [V2 …] [--profile P] [--out DIR] [--jobs N] [--skip-build] [--scratch-path DIR]

        Installs each spec-kitty-cli version into its own cached venv, runs the four
        scenarios once per version against a fresh embedded stand-in, and writes
        matrix.json and matrix.md into DIR (default artifacts/matrix-<time>).
        A CLI without auth/sync commands is cli.unsupported without running anything.
        A version whose DIR/<version>/runs/run-1.json already exists is not run again:
        delete that directory to re-run it.

          --profile P        stand-in profile (default deployed-dev-2026-05)
          --jobs N           versions run at once, 1 to 4 (default 1)
          --skip-build       do not build the tests first
          --scratch-path D   SwiftPM scratch path for the build and the runs
        """

    /// Parses the arguments after `matrix`.
    public static func parse(_ arguments: [String]) throws -> MatrixOptions {
        var words: [String] = []
        var options = MatrixOptions(versions: [], profile: defaultProfile, outputDirectory: nil, jobs: 1, skipBuild: false, scratchPath: nil)
        var iterator = arguments.makeIterator()
        func value(_ option: String) throws -> String {
            guard let next = iterator.next(), !next.hasPrefix("--") else {
                throw MatrixError.invalidOption(option, reason: "needs a value")
            }
            return next
        }
        while let argument = iterator.next() {
            switch argument {
            case "--profile": options.profile = try value(argument)
            case "--out": options.outputDirectory = try value(argument)
            case "--scratch-path": options.scratchPath = try value(argument)
            case "--skip-build": options.skipBuild = true
            case "--jobs":
                let text = try value(argument)
                guard let jobs = Int(text), (1 ... 4).contains(jobs) else {
                    throw MatrixError.invalidOption(argument, reason: "'\(text)' is not a number from 1 to 4")
                }
                options.jobs = jobs
            default:
                guard !argument.hasPrefix("-") else { throw MatrixError.invalidOption(argument, reason: "unknown option") }
                words.append(argument)
            }
        }
        options.versions = try MatrixVersionList.parse(words)
        return options
    }
}
