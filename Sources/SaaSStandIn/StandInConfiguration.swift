import Foundation

/// Everything a stand-in server is started with.
public struct StandInConfiguration: Equatable, Sendable {
    /// TCP port on 127.0.0.1; 0 lets the kernel choose (read it back from `baseURL`).
    public var port: UInt16 = 0
    /// SQLite file holding all state; nil makes a temp file that `stop()` deletes.
    public var databasePath: String? = nil
    /// How many historical `business_rule` rejected rows a NEW store is seeded with.
    public var historicalRows: Int = 22
    /// How batch ingest answers.
    public var profile: StandInProfile = .instant
    /// The `spec_kitty_events` version `/health/` reports (3.2.7 pulls 6.1.0); with
    /// `payloadValidation` on, the version the validator actually runs is reported instead.
    public var specKittyEventsVersion: String = "6.1.0"
    /// Strict consumer mode: validate every envelope with spec-kitty-events, as the hosted
    /// SaaS does, and refuse a batch holding one that fails. Nil (the default) turns it off.
    public var payloadValidation: PayloadValidation? = nil
    /// How long a started request may take to arrive completely before a 408.
    public var requestTimeout: TimeInterval = 30
    /// How long a kept-alive connection may idle between requests.
    public var idleTimeout: TimeInterval = 120
    /// The largest request header block accepted (431 beyond it).
    public var maxHeaderBytes: Int = 64 * 1024
    /// The largest request body accepted (413 beyond it), also the inflated-size cap.
    public var maxBodyBytes: Int = 64 * 1024 * 1024
    /// The most connections served at once (each has a thread); one more is answered 503 and closed.
    public var maxConnections: Int = 256
    /// The secret the admin and witness API asks for (`AdminSecret.header`); nil: a fresh one per server.
    public var adminSecret: String? = nil

    /// Creates a configuration; every parameter has the default documented on its property.
    public init(
        port: UInt16 = 0,
        databasePath: String? = nil,
        historicalRows: Int = 22,
        profile: StandInProfile = .instant,
        specKittyEventsVersion: String = "6.1.0",
        requestTimeout: TimeInterval = 30,
        idleTimeout: TimeInterval = 120,
        payloadValidation: PayloadValidation? = nil
    ) {
        self.port = port
        self.databasePath = databasePath
        self.historicalRows = historicalRows
        self.profile = profile
        self.specKittyEventsVersion = specKittyEventsVersion
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.payloadValidation = payloadValidation
    }
}
