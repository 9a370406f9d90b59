import Foundation
import SaaSStandIn

/// The server the CLI syncs to, and the stand-in whose Teamspace the suite reads.
///
/// `CANARY_STANDIN_URL` names a running stand-in (the gate's, or the protocol
/// script's); `SPEC_KITTY_SAAS_URL` then is the URL the CLI is given (default:
/// the same). With neither, the suite starts its own stand-in in-process. A
/// `SPEC_KITTY_SAAS_URL` alone is refused: a Teamspace the suite cannot read
/// would make every run pass or fail for the wrong reason.
final class TeamspaceTarget {
    /// The stand-in to read, when one is already running.
    static let standInVariable = "CANARY_STANDIN_URL"
    /// The server the CLI is pointed at.
    static let serverVariable = "SPEC_KITTY_SAAS_URL"

    /// `SPEC_KITTY_SAAS_URL` of every CLI call.
    let serverURL: String
    /// The stand-in's admin and witness API.
    let admin: StandInClient
    /// What it is, for the log.
    let targetDescription: String
    private let server: StandInServer?

    private init(serverURL: String, admin: StandInClient, targetDescription: String, server: StandInServer?) {
        self.serverURL = serverURL
        self.admin = admin
        self.targetDescription = targetDescription
        self.server = server
    }

    /// The target `environment` names, started and checked ready.
    static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TeamspaceTarget {
        let standIn = environment[standInVariable].flatMap { $0.isEmpty ? nil : $0 }
        let named = environment[serverVariable].flatMap { $0.isEmpty ? nil : $0 }
        let target: TeamspaceTarget
        switch (standIn, named) {
        case let (standIn?, named):
            let serverURL = (named ?? standIn).trimmingSuffix("/")
            guard let url = URL(string: standIn.trimmingSuffix("/")) else { throw TeamspaceMVPError.noTeamspaceReader(serverURL: standIn) }
            target = TeamspaceTarget(serverURL: serverURL, admin: StandInClient(baseURL: url),
                                     targetDescription: "stand-in \(standIn) (CLI URL \(serverURL))", server: nil)
        case let (nil, named?):
            throw TeamspaceMVPError.noTeamspaceReader(serverURL: named)
        case (nil, nil):
            let server = try StandInServer(configuration: StandInConfiguration())
            try server.start()
            target = TeamspaceTarget(serverURL: server.baseURL.absoluteString, admin: StandInClient(baseURL: server.baseURL),
                                     targetDescription: "in-process stand-in \(server.baseURL.absoluteString)", server: server)
        }
        let readiness = try target.admin.readiness()
        guard readiness.httpStatus == 200 else {
            target.stop()
            throw TeamspaceMVPError.targetNotReady(url: target.serverURL, status: readiness.httpStatus)
        }
        return target
    }

    /// Stops the in-process stand-in, if this target started one.
    func stop() {
        server?.stop()
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
