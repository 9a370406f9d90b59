import CanaryCore
import CanaryGate
import Foundation

/// `canary host-check`: exit 2 naming every sync daemon on the host, which would make any CLI verdict the host's.
enum HostCheckCommand {
    /// The declared arguments (none); the help text and the parser both come from it.
    static let spec = CommandSpec(
        command: "canary host-check",
        summary: """
            Lists every live process the CLI's host-wide daemon scan counts (an argv
            mentioning run_sync_daemon) with its pid and home, and exits 2 when there
            is one; exits 0 on an isolated host. Nothing is stopped.
            """,
        footer: "exit codes: 0 isolated, 2 a sync daemon lives here, 64 usage error"
    )

    /// Scans the host; returns 0 when isolated, 2 naming the daemons, 64 for arguments it does not take.
    static func run(_ arguments: [String]) -> Int32 {
        // A usage error exits 64: 2 means "a daemon is here" to the protocol script, and a typo must not read as that.
        if case let .exit(code) = spec.invocation(arguments, { _ in () }) { return code }
        // Shared: a daemon another canary on the host starts on purpose is never seen mid-step.
        guard let refusal = HostSyncDaemon.refusal(DaemonWindow.host.sharing { HostSyncDaemon.scan() }) else { return 0 }
        print(refusal)
        return 2
    }
}
