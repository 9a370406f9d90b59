import CanaryCore
import Foundation
import SaaSStandIn

/// Judges what the servers' witnesses kept against what was recorded where. Pure.
public enum BoundaryWitness {
    /// Sends carrying any of `recorded` to an identity other than `recordedUnder`, accepted or refused.
    ///
    /// `commands` (the scenario's calls) name the command that was running when each send arrived.
    public static func leaks(of recorded: Set<String>, recordedUnder: SendIdentity, in sends: [WitnessedSend],
                             commands: [CommandResult] = []) -> [IdentityLeak] {
        sends.compactMap { witnessed in
            let crossed = witnessed.send.eventIDs.filter(recorded.contains)
            guard !crossed.isEmpty, witnessed.identity != recordedUnder else { return nil }
            let send = witnessed.send
            return IdentityLeak(recordedUnder: recordedUnder, sentTo: witnessed.identity, eventIDs: crossed, kind: send.kind.rawValue,
                                answer: "\(send.outcome) (HTTP \(send.httpStatus)\(send.reason.map { ": \($0)" } ?? ""))",
                                receivedAt: send.receivedAt, during: command(at: send.receivedAt, in: commands))
        }
    }

    /// Sends whose envelopes carry a `team_slug` naming neither the receiving account's team id nor its slug, as readable lines.
    public static func teamSlugMismatches(in sends: [WitnessedSend]) -> [String] {
        sends.compactMap { witnessed in
            let foreign = witnessed.send.foreignTeamStamps
            guard !foreign.isEmpty else { return nil }
            return "\(witnessed.server) account \(witnessed.send.account ?? "?") (team \(witnessed.send.accountTeamID ?? "?")) received envelopes stamped team_slug \(foreign.sorted().joined(separator: ", ")) at \(witnessed.send.receivedAt)"
        }
    }

    /// Every request to one server that presented a credential another server issued.
    ///
    /// - Parameters:
    ///   - issued: each server's issued tokens, by label.
    ///   - presented: each server's request log, by label.
    public static func crossings(issued: [String: [StandInIssuedToken]], presented: [String: [StandInRequestLogEntry]]) -> [CredentialCrossing] {
        var found: [CredentialCrossing] = []
        for (server, requests) in presented.sorted(by: { $0.key < $1.key }) {
            for (issuer, tokens) in issued.sorted(by: { $0.key < $1.key }) where issuer != server {
                let byFingerprint = Dictionary(tokens.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
                for request in requests {
                    guard let fingerprint = request.tokenFingerprint, let token = byFingerprint[fingerprint] else { continue }
                    found.append(CredentialCrossing(fingerprint: fingerprint, issuer: issuer, kind: token.kind, issuedTo: token.account,
                                                    presentedTo: server, request: "\(request.method) \(request.path)",
                                                    status: request.status, time: request.time))
                }
            }
        }
        return found
    }

    /// The command whose run covers `timestamp`, as its command line without the binary's directory.
    public static func command(at timestamp: String, in commands: [CommandResult]) -> String? {
        guard let date = Timestamp.parse(timestamp) else { return nil }
        // A server stamps a send a moment after the client wrote it: allow for clock rounding.
        let running = commands.last { $0.started.addingTimeInterval(-0.05) <= date && date <= $0.finished.addingTimeInterval(0.05) }
        // Paths shortened to their last component: the scenario directory is named elsewhere.
        return running.map { command in
            command.argv.map { $0.contains("/") ? URL(fileURLWithPath: $0).lastPathComponent : $0 }.joined(separator: " ")
        }
    }
}
