import CanaryCore
import Foundation

/// The options of `canary gate`, parsed and validated; no I/O.
public struct GateOptions: Equatable, Sendable {
    /// Where issues are read and comments posted.
    public enum TrackerChoice: Equatable, Sendable {
        /// The local JSON file (nil: `<work-dir>/gate-tracker.json`).
        case file(String?)
        /// GitHub through `gh`.
        case github
    }

    /// Which package index lists the versions.
    public enum IndexChoice: Equatable, Sendable {
        /// `pip index versions --pre`.
        case pip
        /// A fixed list.
        case fixed([String])
    }

    /// The tracker.
    public var tracker: TrackerChoice = .file(nil)
    /// The GitHub owner of the spec-kitty repositories.
    public var githubOwner = "Priivacy-ai"
    /// Write a starting tracker file and exit.
    public var initTracker = false
    /// The release line to pick from.
    public var line: ReleaseLine?
    /// The RC the last gate ran against.
    public var baseline = GateOptions.defaultBaseline
    /// A version to gate instead of the newest RC (it must be on the index).
    public var candidate: SpecKittyVersion?
    /// The package index.
    public var index: IndexChoice = .pip
    /// A pre-installed CLI to use instead of installing.
    public var cliBinary: String?
    /// Where RC venvs go.
    public var venvRoot: String?
    /// The target server; nil starts the embedded stand-in.
    public var saasURL: String?
    /// A local clone of the CLI repository.
    public var cliRepository: String?
    /// The Teamspace command template.
    public var teamspaceCommand = CommandTeamspaceRunner.defaultCommand
    /// Where Teamspace logs and reports go.
    public var teamspaceDirectory = "/tmp"
    /// Where attempt directories go (nil: `<repo>/artifacts/gate`).
    public var workDirectory: String?
    /// This package's checkout (nil: found from the current directory).
    public var repositoryRoot: String?
    /// Re-open blockers a failure maps to.
    public var reopenBlockers = true
    /// Echo scripts' output to stderr.
    public var verbose = false
    /// Print the plan and exit.
    public var dryRun = false
    /// Print help and exit.
    public var help = false

    /// The baseline when none is given: 3.2.0rc15, the RC the previous gate ran against.
    public static let defaultBaseline = SpecKittyVersion(release: [3, 2, 0], pre: .init(.releaseCandidate, 15))

    /// Options with every default.
    public init() {}

    /// The declared options; the help text and the parser both come from it.
    public static let spec = CommandSpec(
        command: "canary gate",
        summary: """
            Walks the release gate for spec-kitty-cli, one step per state:
              IDLE -> BLOCKERS_VERIFIED -> RC_INSTALLED -> PREFLIGHT_CLEAN -> SINGLE_RUN_PASSED
              -> FOUR_RUN_PASSED -> E2E_GATE_CLOSED -> TEAMSPACE_PASSED -> GATE_COMPLETE, or STOPPED.
            Progress goes to stderr; the final report (end state, why, evidence, next action)
            to stdout and to gate-report.txt beside the journal (gate-journal.jsonl) in
            <work-dir>/attempt-N.
            """,
        options: [
            .value("--tracker", valueName: "PATH|github", help: """
                issues: a tracker JSON file (default <work-dir>/gate-tracker.json)
                or GitHub through an installed, logged-in `gh`
                """),
            .value("--github-owner", valueName: "OWNER", help: "owner of spec-kitty and spec-kitty-e2e on GitHub (default Priivacy-ai)"),
            .flag("--init-tracker", help: "write a starting tracker file (all four issues OPEN) and exit"),
            .value("--line", valueName: "X.Y", help: "pick the newest RC within this release line (default: whole index)"),
            .value("--baseline", valueName: "VERSION", help: "the RC the previous gate ran against (default 3.2.0rc15)"),
            .value("--candidate", valueName: "VERSION", help: """
                gate this version instead of the newest RC; it must be on the index
                and newer than the baseline, and every report names it as chosen by hand
                """),
            .value("--index", valueName: "pip|V1,V2,...", help: "versions from `pip index versions --pre` (default) or a fixed list"),
            .value("--cli-bin", valueName: "PATH", help: """
                use this installed spec-kitty (must be the chosen RC) instead of
                installing through scripts/bootstrap-spec-kitty.sh
                """),
            .value("--venv-root", valueName: "DIR", help: "where RC venvs go (default: the bootstrap script's)"),
            .value("--saas-url", valueName: "URL", help: """
                target server (default: the embedded stand-in, started in this process
                for the whole walk, store in <attempt>/standin/; the canary script and
                the Teamspace suite are pointed at it with CANARY_STANDIN_URL). For a
                stand-in started with `canary standin`, export CANARY_STANDIN_URL=URL
                and CANARY_STANDIN_SECRET (its --secret-file's content) too
                """),
            .value("--cli-repo", valueName: "PATH", help: """
                local clone of the CLI repository: fix commits and the CLI's
                commit are read from it
                """),
            .value("--teamspace-command", valueName: "CMD", help: """
                the Teamspace suite, run 4 times with /bin/sh -c; {run}, {log} and
                {junit} are filled in (default:
                swift test --parallel --filter TeamspaceMVP --xunit-output {junit})
                """),
            .value("--teamspace-dir", valueName: "DIR", help: "where teamspace-canary-run-N.log and .xml go (default /tmp)"),
            .value("--work-dir", valueName: "DIR", help: "where attempt directories go (default <repo>/artifacts/gate)"),
            .value("--repo-root", valueName: "DIR", help: "this package's checkout (default: found from the current directory)"),
            .flag("--no-reopen", help: "do not re-open a blocker that a failing scenario maps to"),
            .flag("--verbose", "-v", help: "echo the install and canary scripts' output to stderr"),
            .flag("--dry-run", help: "print the plan (implementations, paths) and exit; changes nothing"),
        ],
        footer: """
            exit codes:
               0  GATE_COMPLETE
               1  STOPPED: the report says why, where the evidence is, and what to do next
               2  preflight error (no tracker file, gh unavailable, a script missing, no SaaS target)
              64  usage error (an unknown option, a missing or bad value)
            """
    )

    /// The `--help` text, exit codes included.
    public static var helpText: String { spec.helpText }

    /// Parses `arguments` (after `gate`); `--name value` and `--name=value` are both accepted.
    public static func parse(_ arguments: [String]) throws(UsageError) -> GateOptions {
        let parsed = try spec.parse(arguments)
        var options = GateOptions()
        options.help = parsed.helpRequested
        guard !options.help else { return options }
        if let text = parsed.value("--tracker") { options.tracker = text == "github" ? .github : .file(text) }
        options.githubOwner = try parsed.nonEmptyValue("--github-owner") ?? options.githubOwner
        options.initTracker = parsed.flag("--init-tracker")
        options.line = try parsed.value("--line", invalid: "expected release numbers such as 3.2") { try? ReleaseLine($0) }
        options.baseline = try parsed.value("--baseline", SpecKittyVersion.init) ?? options.baseline
        options.candidate = try parsed.value("--candidate", SpecKittyVersion.init)
        options.index = try parsed.value("--index", invalid: "expected 'pip' or a comma-separated version list", indexChoice) ?? options.index
        options.cliBinary = try parsed.nonEmptyValue("--cli-bin")
        options.venvRoot = try parsed.nonEmptyValue("--venv-root")
        options.saasURL = try parsed.value("--saas-url", invalid: "expected an http(s) URL") { text in
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else { return nil }
            return text
        }
        options.cliRepository = try parsed.nonEmptyValue("--cli-repo")
        options.teamspaceCommand = try parsed.nonEmptyValue("--teamspace-command") ?? options.teamspaceCommand
        options.teamspaceDirectory = try parsed.nonEmptyValue("--teamspace-dir") ?? options.teamspaceDirectory
        options.workDirectory = try parsed.nonEmptyValue("--work-dir")
        options.repositoryRoot = try parsed.nonEmptyValue("--repo-root")
        options.reopenBlockers = !parsed.flag("--no-reopen")
        options.verbose = parsed.flag("--verbose")
        options.dryRun = parsed.flag("--dry-run")
        if options.initTracker, options.tracker == .github {
            throw .refused("--init-tracker writes a tracker file; it cannot be used with --tracker github")
        }
        return options
    }

    private static func indexChoice(_ text: String) -> IndexChoice? {
        guard text != "pip" else { return .pip }
        let versions = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return versions.isEmpty ? nil : .fixed(versions)
    }
}
