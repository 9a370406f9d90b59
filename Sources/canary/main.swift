import CanaryCore
import CanaryGate
import Foundation

/// `canary <command> [arguments]`: one executable for every operator-facing tool.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: canary <command> [options]

    commands:
      standin   run the stand-in SaaS on loopback and print its URL
      report    read a bundle's run files and print the verdict
      finalize  write latest.json and MANIFEST.sha256 of a bundle, then report
      verify    check a bundle against its MANIFEST.sha256
      claim-attempt  claim the first unused <tag>-attempt<N> under a root and print it
      gate      walk the release-gate state machine
      matrix    run the scenarios once per CLI version and tabulate the verdicts
      host-check  exit 2 naming any sync daemon on the host (the CLI's daemon scan is host-wide)
      version   print the harness version

    Run `canary <command> --help` for a command's options. Every command takes
    --name value and --name=value alike, and exits 64 for a usage error.
    """

switch arguments.first {
case "standin":
    exit(StandInCommand.run(Array(arguments.dropFirst())))
case "report":
    exit(ReportCommand.run(Array(arguments.dropFirst()), finalize: false))
case "finalize":
    exit(ReportCommand.run(Array(arguments.dropFirst()), finalize: true))
case "verify":
    exit(VerifyCommand.run(Array(arguments.dropFirst())))
case "claim-attempt":
    exit(ClaimAttemptCommand.run(Array(arguments.dropFirst())))
case "matrix":
    exit(MatrixCommand.run(Array(arguments.dropFirst())))
case "gate":
    exit(GateCommand.run(Array(arguments.dropFirst())))
case "host-check":
    exit(HostCheckCommand.run(Array(arguments.dropFirst())))
case "version", "--version":
    print("canary \(HarnessVersion.current)")
case "help", "--help", "-h", nil:
    print(usage)
default:
    FileHandle.standardError.write(Data("canary: unknown command '\(arguments[0])'\n\n\(usage)\n".utf8))
    exit(UsageError.exitCode)
}
