import CanaryCore
import Foundation
import SaaSStandIn

/// The server the scenarios talk to: an embedded stand-in, a stand-in started by the protocol script, or a real server.
///
/// Resolved once per test process from the environment:
/// `CANARY_STANDIN_URL` names a running stand-in (admin API available);
/// otherwise `SPEC_KITTY_SAAS_URL` names a real server (no admin API: logins
/// come from a pre-authenticated session, counts only where offered);
/// otherwise a stand-in is started in this process on 127.0.0.1, port 0,
/// with the `deployed-dev-2026-05` profile and strict payload validation
/// (`CANARY_STANDIN_PROFILE` and `CANARY_VALIDATE_PAYLOADS=0` change that).
public final class ServerTarget: @unchecked Sendable {
    /// Where the server runs.
    public enum Kind: String, Sendable {
        /// A stand-in inside this test process.
        case embeddedStandIn
        /// A stand-in in another process (the protocol script's).
        case externalStandIn
        /// A real SaaS.
        case remote
    }

    /// Why no target could be had.
    public enum ResolutionError: Error, CustomStringConvertible {
        /// The embedded stand-in would not start.
        case standInFailed(String)
        /// A variable names something unusable.
        case badVariable(name: String, value: String)

        public var description: String {
            switch self {
            case let .standInFailed(reason): "the embedded stand-in did not start: \(reason)"
            case let .badVariable(name, value): "\(name)=\(value) is not usable"
            }
        }
    }

    /// Where the server runs.
    public let kind: Kind
    /// The base URL the CLI is given.
    public let url: URL
    /// The admin client, for stand-ins only.
    public let standIn: StandInClient?
    /// The stand-in's behaviour profile, when known.
    public let profile: String?
    /// A directory holding a pre-authenticated session, for real servers.
    public let sessionDirectory: URL?
    /// How the stand-in in this process is configured; nil for a stand-in elsewhere or a real server.
    public let embeddedConfiguration: StandInConfiguration?
    private let server: StandInServer?

    private init(kind: Kind, url: URL, standIn: StandInClient?, profile: String?, sessionDirectory: URL?,
                 embeddedConfiguration: StandInConfiguration? = nil, server: StandInServer?) {
        self.kind = kind
        self.url = url
        self.standIn = standIn
        self.profile = profile
        self.sessionDirectory = sessionDirectory
        self.embeddedConfiguration = embeddedConfiguration
        self.server = server
    }

    /// The process-wide target, resolved on first use; nil result means resolution failed.
    public static func shared() throws -> ServerTarget {
        try sharedTarget.get()
    }

    private static let sharedTarget: Result<ServerTarget, Error> = Result {
        let target = try resolve(environment: ProcessInfo.processInfo.environment)
        CanaryObservation.addTeardown { target.stop() }
        return target
    }

    /// The profile the embedded stand-in uses unless `CANARY_STANDIN_PROFILE` says otherwise.
    ///
    /// The strictest profile the pinned CLI passes: a lenient server hides the
    /// bugs the canary exists to catch.
    public static let defaultProfile = StandInProfile.deployedDev202605

    /// Resolves a target from `environment` (see the type's documentation).
    public static func resolve(environment: [String: String]) throws -> ServerTarget {
        if let text = environment["CANARY_STANDIN_URL"], !text.isEmpty {
            guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text) else {
                throw ResolutionError.badVariable(name: "CANARY_STANDIN_URL", value: text)
            }
            let client = StandInClient(baseURL: url, adminSecret: environment[AdminSecret.environmentVariable].flatMap { $0.isEmpty ? nil : $0 })
            // The stand-in names its profile in /health/ as `environment: standin-<profile>`.
            let environmentName = (try? client.health())?["environment"]?.stringValue
            let profile = environmentName.map { $0.hasPrefix("standin-") ? String($0.dropFirst("standin-".count)) : $0 }
            return ServerTarget(kind: .externalStandIn, url: url, standIn: client, profile: profile, sessionDirectory: nil, server: nil)
        }
        if let text = environment["SPEC_KITTY_SAAS_URL"], !text.isEmpty {
            guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text) else {
                throw ResolutionError.badVariable(name: "SPEC_KITTY_SAAS_URL", value: text)
            }
            let session = environment["CANARY_SESSION_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            return ServerTarget(kind: .remote, url: url, standIn: nil, profile: nil, sessionDirectory: session, server: nil)
        }
        var configuration = StandInConfiguration()
        if let name = environment["CANARY_STANDIN_PROFILE"], !name.isEmpty {
            guard let profile = StandInProfile(rawValue: name) else {
                throw ResolutionError.badVariable(name: "CANARY_STANDIN_PROFILE", value: name)
            }
            configuration.profile = profile
        } else {
            configuration.profile = defaultProfile
        }
        var profileName = configuration.profile.rawValue
        // Strict consumer mode is the default: the pinned CLI passes it with
        // no false red, and a lenient server hides schema regressions.
        if environment["CANARY_VALIDATE_PAYLOADS"] != "0" {
            do {
                configuration.payloadValidation = try PayloadValidation.bootstrap(
                    repositoryRoot: ScenarioFixture.repoRoot.path, eventsVersion: configuration.specKittyEventsVersion)
            } catch {
                throw ResolutionError.standInFailed("\(error)")
            }
            profileName += "+validate-payloads"
        }
        return try startEmbedded(configuration, profileName: profileName)
    }

    /// A new stand-in in this process on 127.0.0.1, port 0, that this target owns (`stop()` ends it):
    /// a second server for a scenario that moves the CLI from one server to another.
    public static func startEmbedded(profile: StandInProfile = defaultProfile) throws -> ServerTarget {
        var configuration = StandInConfiguration()
        configuration.profile = profile
        return try startEmbedded(configuration, profileName: profile.rawValue)
    }

    private static func startEmbedded(_ configuration: StandInConfiguration, profileName: String) throws -> ServerTarget {
        do {
            let server = try StandInServer(configuration: configuration)
            try server.start()
            return ServerTarget(kind: .embeddedStandIn, url: server.baseURL, standIn: server.client(),
                                profile: profileName, sessionDirectory: nil, embeddedConfiguration: configuration, server: server)
        } catch {
            throw ResolutionError.standInFailed("\(error)")
        }
    }

    /// A target around an already running stand-in server (tests of the harness itself).
    public static func embedding(_ server: StandInServer) -> ServerTarget {
        ServerTarget(kind: .embeddedStandIn, url: server.baseURL, standIn: server.client(),
                     profile: server.configuration.profile.rawValue, sessionDirectory: nil,
                     embeddedConfiguration: server.configuration, server: nil)
    }

    /// A stand-in whose admin API is at `admin` while the CLI is given `cliURL` (tests that make the CLI's calls fail).
    public static func standIn(admin: URL, adminSecret: String, cliURL: URL) -> ServerTarget {
        ServerTarget(kind: .externalStandIn, url: cliURL, standIn: StandInClient(baseURL: admin, adminSecret: adminSecret),
                     profile: nil, sessionDirectory: nil, server: nil)
    }

    /// A target that points at `url` with no admin API (tests of failure paths).
    public static func remote(_ url: URL, sessionDirectory: URL? = nil) -> ServerTarget {
        ServerTarget(kind: .remote, url: url, standIn: nil, profile: nil, sessionDirectory: sessionDirectory, server: nil)
    }

    /// `stand-in` or `remote`, as the run document says.
    public var environmentName: CanaryRunResult.TargetEnvironment {
        kind == .remote ? .remote : .standin
    }

    /// Stops the embedded server, if this target owns one.
    public func stop() {
        server?.stop()
    }
}
