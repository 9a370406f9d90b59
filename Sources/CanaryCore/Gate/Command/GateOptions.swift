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

    /// Parses `arguments` (after `gate`); `--name value` and `--name=value` are both accepted.
    public static func parse(_ arguments: [String]) throws -> GateOptions {
        var options = GateOptions()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst(), !next.hasPrefix("--") else { throw GateOptionsError.missingValue(name) }
                return next
            }
            func flag() throws {
                if inlineValue != nil { throw GateOptionsError.invalidValue(option: name, value: inlineValue ?? "", why: "takes no value") }
            }
            switch name {
            case "--tracker":
                let text = try value()
                options.tracker = text == "github" ? .github : .file(text)
            case "--github-owner": options.githubOwner = try nonEmpty(name, value())
            case "--init-tracker": try flag(); options.initTracker = true
            case "--line":
                let text = try value()
                do { options.line = try ReleaseLine(text) } catch {
                    throw GateOptionsError.invalidValue(option: name, value: text, why: "expected release numbers such as 3.2")
                }
            case "--candidate":
                let text = try value()
                do { options.candidate = try SpecKittyVersion(text) } catch {
                    throw GateOptionsError.invalidValue(option: name, value: text, why: "\(error)")
                }
            case "--baseline":
                let text = try value()
                do { options.baseline = try SpecKittyVersion(text) } catch {
                    throw GateOptionsError.invalidValue(option: name, value: text, why: "\(error)")
                }
            case "--index":
                let text = try value()
                if text == "pip" {
                    options.index = .pip
                } else {
                    let versions = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    guard !versions.isEmpty else {
                        throw GateOptionsError.invalidValue(option: name, value: text, why: "expected 'pip' or a comma-separated version list")
                    }
                    options.index = .fixed(versions)
                }
            case "--cli-bin": options.cliBinary = try nonEmpty(name, value())
            case "--venv-root": options.venvRoot = try nonEmpty(name, value())
            case "--saas-url":
                let text = try value()
                guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                    throw GateOptionsError.invalidValue(option: name, value: text, why: "expected an http(s) URL")
                }
                options.saasURL = text
            case "--cli-repo": options.cliRepository = try nonEmpty(name, value())
            case "--teamspace-command": options.teamspaceCommand = try nonEmpty(name, value())
            case "--teamspace-dir": options.teamspaceDirectory = try nonEmpty(name, value())
            case "--work-dir": options.workDirectory = try nonEmpty(name, value())
            case "--repo-root": options.repositoryRoot = try nonEmpty(name, value())
            case "--no-reopen": try flag(); options.reopenBlockers = false
            case "--verbose", "-v": try flag(); options.verbose = true
            case "--dry-run": try flag(); options.dryRun = true
            case "--help", "-h": options.help = true
            default: throw GateOptionsError.unknownOption(argument)
            }
        }
        if options.initTracker, options.tracker == .github {
            throw GateOptionsError.conflict("--init-tracker writes a tracker file; it cannot be used with --tracker github")
        }
        return options
    }

    private static func nonEmpty(_ name: String, _ text: String) throws -> String {
        guard !text.isEmpty else { throw GateOptionsError.invalidValue(option: name, value: text, why: "must not be empty") }
        return text
    }

    /// The `--help` text, exit codes included.
    public static let helpText = """
        usage: canary gate [options]

        Walks the release gate for spec-kitty-cli, one step per state:
          IDLE -> BLOCKERS_VERIFIED -> RC_INSTALLED -> PREFLIGHT_CLEAN -> SINGLE_RUN_PASSED
          -> FOUR_RUN_PASSED -> E2E_GATE_CLOSED -> TEAMSPACE_PASSED -> GATE_COMPLETE, or STOPPED.
        Progress goes to stderr; the final report (end state, why, evidence, next action)
        to stdout and to gate-report.txt beside the journal (gate-journal.jsonl) in
        <work-dir>/attempt-N.

        options:
          --tracker PATH|github    issues: a tracker JSON file (default <work-dir>/gate-tracker.json)
                                   or GitHub through an installed, logged-in `gh`
          --github-owner OWNER     owner of spec-kitty and spec-kitty-e2e on GitHub (default Priivacy-ai)
          --init-tracker           write a starting tracker file (all four issues OPEN) and exit
          --line X.Y               pick the newest RC within this release line (default: whole index)
          --baseline VERSION       the RC the previous gate ran against (default 3.2.0rc15)
          --candidate VERSION      gate this version instead of the newest RC; it must be on the index
                                   and newer than the baseline, and every report names it as chosen by hand
          --index pip|V1,V2,...    versions from `pip index versions --pre` (default) or a fixed list
          --cli-bin PATH           use this installed spec-kitty (must be the chosen RC) instead of
                                   installing through scripts/bootstrap-spec-kitty.sh
          --venv-root DIR          where RC venvs go (default: the bootstrap script's)
          --saas-url URL           target server (default: the embedded stand-in, started in this process
                                   for the whole walk, store in <attempt>/standin/; the canary script and
                                   the Teamspace suite are pointed at it with CANARY_STANDIN_URL). For a
                                   stand-in started with `canary standin`, export CANARY_STANDIN_URL=URL
                                   and CANARY_STANDIN_SECRET (its --secret-file's content) too
          --cli-repo PATH          local clone of the CLI repository: fix commits and the CLI's
                                   commit are read from it
          --teamspace-command CMD  the Teamspace suite, run 4 times with /bin/sh -c; {run}, {log} and
                                   {junit} are filled in (default:
                                   swift test --parallel --filter TeamspaceMVP --xunit-output {junit})
          --teamspace-dir DIR      where teamspace-canary-run-N.log and .xml go (default /tmp)
          --work-dir DIR           where attempt directories go (default <repo>/artifacts/gate)
          --repo-root DIR          this package's checkout (default: found from the current directory)
          --no-reopen              do not re-open a blocker that a failing scenario maps to
          --verbose, -v            echo the install and canary scripts' output to stderr
          --dry-run                print the plan (implementations, paths) and exit; changes nothing
          --help, -h               this help

        exit codes:
          0  GATE_COMPLETE
          1  STOPPED: the report says why, where the evidence is, and what to do next
          2  usage or preflight error (bad option, no tracker file, gh unavailable, a script missing,
             no SaaS target)
        """
}

/// A command-line mistake, reported with exit code 2.
public enum GateOptionsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An option the gate does not know.
    case unknownOption(String)
    /// An option given without its value.
    case missingValue(String)
    /// A value that does not fit its option.
    case invalidValue(option: String, value: String, why: String)
    /// Options that cannot be used together.
    case conflict(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .unknownOption(option): "unknown option '\(option)'"
        case let .missingValue(option): "\(option) needs a value"
        case let .invalidValue(option, value, why): "\(option) '\(value)': \(why)"
        case let .conflict(explanation): explanation
        }
    }
}
