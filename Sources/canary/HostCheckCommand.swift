import CanaryCore
import Foundation

/// `canary host-check`: exit 2 naming every sync daemon on the host, which would make any CLI verdict the host's.
enum HostCheckCommand {
    static let usage = """
        usage: canary host-check

        Lists every live process the CLI's host-wide daemon scan counts (an argv
        mentioning run_sync_daemon) with its pid and home, and exits 2 when there
        is one; exits 0 on an isolated host. Nothing is stopped.
        """

    static func run(_ arguments: [String]) -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return 0
        }
        guard arguments.isEmpty else {
            FileHandle.standardError.write(Data("canary host-check: unexpected argument '\(arguments[0])'\n\(usage)\n".utf8))
            return 2
        }
        guard let refusal = HostSyncDaemon.refusal(HostSyncDaemon.scan()) else { return 0 }
        print(refusal)
        return 2
    }
}
