/// The daemon owner record a scenario saw or forged: the original harness's `daemon_owner`.
public struct DaemonOwnerEvidence: Codable, Equatable, Sendable {
    /// The pid the record names.
    public var pid: Int?
    /// `package_version` of the record.
    public var version = ""
    /// `executable_path` of the record.
    public var executablePath = ""
    /// `source_checkout_path` of the record.
    public var source = ""
    /// `server_url` of the record.
    public var serverURL = ""
    /// `queue_db_path` of the record.
    public var queueDBPath = ""
    /// Whether the scenario forged this record on purpose.
    public var injectedMismatch = false
    /// Canonical names of the fields the scenario made differ.
    public var mismatchFields: [String] = []
    /// How the CLI classed the record: "mismatch", "orphan" or nil before it was asked.
    public var classification: String?

    /// Creates an empty record.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case pid, version
        case executablePath = "executable_path"
        case source
        case serverURL = "server_url"
        case queueDBPath = "queue_db_path"
        case injectedMismatch = "injected_mismatch"
        case mismatchFields = "mismatch_fields"
        case classification
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pid, forKey: .pid)
        try container.encode(version, forKey: .version)
        try container.encode(executablePath, forKey: .executablePath)
        try container.encode(source, forKey: .source)
        try container.encode(serverURL, forKey: .serverURL)
        try container.encode(queueDBPath, forKey: .queueDBPath)
        try container.encode(injectedMismatch, forKey: .injectedMismatch)
        try container.encode(mismatchFields, forKey: .mismatchFields)
        try container.encode(classification, forKey: .classification)
    }
}
