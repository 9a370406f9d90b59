import Foundation

/// The sync daemon's owner record, `<runtime root>/sync/daemon/owner.json`.
///
/// The CLI compares `package_version, executable_path, server_url,
/// auth_scope, queue_db_path` of this record with the foreground process
/// and refuses sync when they differ. Scenario 3 forges one; this type reads,
/// writes (sorted keys, indented, like the CLI's `json.dumps(sort_keys=True,
/// indent=2)`) and removes it.
public struct DaemonOwnerRecord: Equatable, Sendable {
    /// A record field, by its canonical (CLI) name.
    public enum Field: String, CaseIterable, Sendable {
        /// `pid`.
        case pid
        /// `port`.
        case port
        /// `token`.
        case token
        /// `package_version`.
        case packageVersion = "package_version"
        /// `executable_path`.
        case executablePath = "executable_path"
        /// `source_checkout_path`.
        case sourceCheckoutPath = "source_checkout_path"
        /// `server_url`.
        case serverURL = "server_url"
        /// `auth_principal`.
        case authPrincipal = "auth_principal"
        /// `auth_team`.
        case authTeam = "auth_team"
        /// `auth_scope`.
        case authScope = "auth_scope"
        /// `queue_db_path`.
        case queueDBPath = "queue_db_path"
        /// `started_at`.
        case startedAt = "started_at"

        /// The fields the CLI compares with the foreground (its D-3 set).
        public static let compared: [Field] = [.packageVersion, .executablePath, .serverURL, .authScope, .queueDBPath]

        /// The original Python harness's short names, mapped to canonical ones
        /// in this one place (its drift from the CLI's names was a bug, e2e #43).
        public static let harnessNames: [String: Field] = [
            "version": .packageVersion,
            "executable": .executablePath,
            "source": .sourceCheckoutPath,
            "server": .serverURL,
            "queue_db": .queueDBPath,
            "scope": .authScope,
        ]

        /// The canonical field for a canonical, `daemon_`-prefixed or harness short name.
        public init?(anyName name: String) {
            let bare = name.hasPrefix("daemon_") ? String(name.dropFirst("daemon_".count)) : name
            if let field = Field(rawValue: bare) { self = field } else if let field = Field.harnessNames[bare] { self = field } else { return nil }
        }
    }

    /// `pid` of the daemon process.
    public var pid: Int
    /// `port` of its control plane on 127.0.0.1.
    public var port: Int
    /// `token`: the control-plane bearer token.
    public var token: String
    /// `package_version`.
    public var packageVersion: String
    /// `executable_path` (the daemon's interpreter).
    public var executablePath: String
    /// `source_checkout_path`.
    public var sourceCheckoutPath: String
    /// `server_url`.
    public var serverURL: String
    /// `auth_principal`.
    public var authPrincipal: String?
    /// `auth_team`.
    public var authTeam: String?
    /// `auth_scope`.
    public var authScope: String?
    /// `queue_db_path`.
    public var queueDBPath: String
    /// `started_at` (ISO 8601).
    public var startedAt: String

    /// Creates a record.
    public init(
        pid: Int, port: Int, token: String, packageVersion: String, executablePath: String,
        sourceCheckoutPath: String, serverURL: String, authPrincipal: String?, authTeam: String?,
        authScope: String?, queueDBPath: String, startedAt: String
    ) {
        self.pid = pid
        self.port = port
        self.token = token
        self.packageVersion = packageVersion
        self.executablePath = executablePath
        self.sourceCheckoutPath = sourceCheckoutPath
        self.serverURL = serverURL
        self.authPrincipal = authPrincipal
        self.authTeam = authTeam
        self.authScope = authScope
        self.queueDBPath = queueDBPath
        self.startedAt = startedAt
    }

    /// The value of `field` as the CLI would print it (nil for an absent optional).
    public subscript(field: Field) -> String? {
        get {
            switch field {
            case .pid: String(pid)
            case .port: String(port)
            case .token: token
            case .packageVersion: packageVersion
            case .executablePath: executablePath
            case .sourceCheckoutPath: sourceCheckoutPath
            case .serverURL: serverURL
            case .authPrincipal: authPrincipal
            case .authTeam: authTeam
            case .authScope: authScope
            case .queueDBPath: queueDBPath
            case .startedAt: startedAt
            }
        }
        set {
            switch field {
            case .pid: pid = newValue.flatMap { Int($0) } ?? pid
            case .port: port = newValue.flatMap { Int($0) } ?? port
            case .token: token = newValue ?? ""
            case .packageVersion: packageVersion = newValue ?? ""
            case .executablePath: executablePath = newValue ?? ""
            case .sourceCheckoutPath: sourceCheckoutPath = newValue ?? ""
            case .serverURL: serverURL = newValue ?? ""
            case .authPrincipal: authPrincipal = newValue
            case .authTeam: authTeam = newValue
            case .authScope: authScope = newValue
            case .queueDBPath: queueDBPath = newValue ?? ""
            case .startedAt: startedAt = newValue ?? ""
            }
        }
    }

    /// Why a record could not be read.
    public enum ReadError: Error, Equatable {
        /// The file is not a JSON object.
        case notAnObject
        /// A required field is absent or has the wrong type.
        case missingField(String)
    }

    /// Parses the file's JSON.
    public static func parse(_ data: Data) throws -> DaemonOwnerRecord {
        guard let json = try? JSONValue.parse(data), case .object = json else { throw ReadError.notAnObject }
        func string(_ field: Field) throws -> String {
            guard let value = json[field.rawValue]?.stringValue else { throw ReadError.missingField(field.rawValue) }
            return value
        }
        func int(_ field: Field) throws -> Int {
            guard let value = json[field.rawValue]?.intValue else { throw ReadError.missingField(field.rawValue) }
            return value
        }
        return try DaemonOwnerRecord(
            pid: int(.pid), port: int(.port), token: string(.token),
            packageVersion: string(.packageVersion), executablePath: string(.executablePath),
            sourceCheckoutPath: string(.sourceCheckoutPath), serverURL: string(.serverURL),
            authPrincipal: json[Field.authPrincipal.rawValue]?.stringValue,
            authTeam: json[Field.authTeam.rawValue]?.stringValue,
            authScope: json[Field.authScope.rawValue]?.stringValue,
            queueDBPath: string(.queueDBPath), startedAt: string(.startedAt)
        )
    }

    /// The record as JSON: sorted keys, indented, trailing newline (as the CLI writes it).
    public func encoded() -> Data {
        let members: [(String, JSONValue)] = Field.allCases.map { field in
            switch field {
            case .pid: (field.rawValue, .number(Double(pid)))
            case .port: (field.rawValue, .number(Double(port)))
            default: (field.rawValue, self[field].map(JSONValue.string) ?? .null)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONValue.object(members.map { (key: $0.0, value: $0.1) }))) ?? Data("{}".utf8)
        return data + Data("\n".utf8)
    }

    /// Reads `url`; nil when there is no file.
    public static func read(at url: URL) throws -> DaemonOwnerRecord? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try parse(Data(contentsOf: url))
    }

    /// Writes this record to `url` atomically, creating `sync/daemon/` as the CLI would.
    public func write(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoded().write(to: url, options: .atomic)
    }

    /// Deletes the record at `url`; true when there was one.
    @discardableResult
    public static func remove(at url: URL) throws -> Bool {
        do {
            try FileManager.default.removeItem(at: url)
            return true
        } catch CocoaError.fileNoSuchFile {
            return false
        }
    }

    /// A copy of `self` in which each of `fields` has a different, obviously forged value.
    ///
    /// `pid` keeps whatever the caller set: a dead pid makes the CLI class the
    /// record as an orphan, a live daemon's pid as a mismatch.
    public func forging(_ fields: [Field], marker: String = "canary-forged") -> DaemonOwnerRecord {
        var forged = self
        for field in fields {
            switch field {
            case .pid, .port, .startedAt: continue
            case .packageVersion: forged.packageVersion = "0.0.0+\(marker)"
            case .executablePath: forged.executablePath = "/nonexistent/\(marker)/bin/python3"
            case .sourceCheckoutPath: forged.sourceCheckoutPath = "/nonexistent/\(marker)/src"
            case .serverURL: forged.serverURL = "http://\(marker).invalid"
            case .queueDBPath: forged.queueDBPath = "/nonexistent/\(marker)/queue.db"
            default: forged[field] = "\(marker)-\(field.rawValue)"
            }
        }
        return forged
    }
}
