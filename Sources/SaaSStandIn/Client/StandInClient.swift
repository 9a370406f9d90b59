import CanaryCore
import Foundation

/// Typed, synchronous access to a running stand-in from any process: the admin and
/// witness endpoints, plus a CLI-free login and batch send for tests and benchmarks.
///
/// Speaks HTTP/1.1 over one kept-alive loopback socket (no URLSession: it needs
/// libcurl on Linux and is not needed for loopback). Safe to use from several threads;
/// calls are serialised.
public struct StandInClient: Sendable {
    /// The server's base URL.
    public let baseURL: URL
    /// The secret presented to the admin and witness API (`AdminSecret.header`).
    public let adminSecret: String?
    private let connection: SerializedHTTPClient?

    /// Creates a client for `baseURL` (`http://127.0.0.1:PORT`; `localhost` is read as 127.0.0.1).
    ///
    /// `adminSecret` goes with every admin and witness call, never with the CLI-side ones.
    public init(baseURL: URL, adminSecret: String? = nil, timeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.adminSecret = adminSecret
        if baseURL.scheme == "http", let port = baseURL.port, let host = baseURL.host, let port16 = UInt16(exactly: port) {
            connection = SerializedHTTPClient(host: host == "localhost" ? "127.0.0.1" : host, port: port16, timeout: timeout)
        } else {
            connection = nil
        }
    }

    // MARK: Operator endpoints

    /// `GET /health/` as JSON.
    public func health() throws -> JSONValue {
        try decode(JSONValue.self, try call("GET", "/health/"))
    }

    /// `GET /health/ready/` (a 503 is an answer here, not an error).
    public func readiness() throws -> StandInReadiness {
        let response = try call("GET", "/health/ready/", expecting: [200, 503])
        let body = try decode(JSONValue.self, response)
        let drain = body["dependencies"]?["drain_queue"].flatMap { try? JSONCoding.decoder().decode(DrainQueueCounts.self, from: JSONCoding.encode($0)) }
        return StandInReadiness(httpStatus: response.status, status: body["status"]?.stringValue ?? "", drainQueue: drain, body: body)
    }

    // MARK: Accounts

    /// `POST /__standin__/accounts`: a new account with its private team.
    public func createAccount(email: String? = nil, name: String? = nil) throws -> StandInAccount {
        var fields: [String: String] = [:]
        fields["email"] = email
        fields["name"] = name
        return try decode(StandInAccount.self, try call("POST", "/__standin__/accounts", json: try JSONCoding.encode(fields), expecting: [201]))
    }

    /// `GET /__standin__/accounts`.
    public func accounts() throws -> [StandInAccount] {
        try list("accounts", try call("GET", "/__standin__/accounts"))
    }

    /// `POST /__standin__/login-hint`: the next device authorization approves `account`.
    public func setLoginHint(account: String) throws {
        _ = try call("POST", "/__standin__/login-hint", json: try JSONCoding.encode(["account": account]))
    }

    /// `DELETE /__standin__/login-hint`: the next device authorization approves the default account.
    public func clearLoginHint() throws {
        _ = try call("DELETE", "/__standin__/login-hint")
    }

    /// `POST /__standin__/account-team`: `account` gets a new private team; its earlier ones stay as memberships.
    @discardableResult
    public func switchTeam(account: String) throws -> StandInAccount {
        try decode(StandInAccount.self, try call("POST", "/__standin__/account-team", json: try JSONCoding.encode(["account": account])))
    }

    // MARK: Witness

    /// `GET /__standin__/sends`: every batch and push as it crossed the wire, accepted or refused, oldest first.
    public func sends(account: String? = nil) throws -> [StandInSend] {
        try pages("/__standin__/sends", query: [("account", account)])
    }

    /// `GET /__standin__/issued-tokens`: the fingerprint of every token this server issued.
    public func issuedTokens() throws -> [StandInIssuedToken] {
        try list("tokens", try call("GET", "/__standin__/issued-tokens"))
    }

    /// `GET /__standin__/envelopes`: accepted envelopes, oldest first.
    public func envelopes(account: String? = nil, project: String? = nil, eventType: String? = nil) throws -> [StandInEnvelope] {
        try pages("/__standin__/envelopes", query: [("account", account), ("project", project), ("event_type", eventType)])
    }

    /// `GET /__standin__/envelopes/raw`: the bytes that arrived for the envelope accepted under `eventID`,
    /// unparsed (`envelopes()` parses them, which rounds what a double cannot hold).
    public func envelopeBytes(eventID: String) throws -> Data {
        try call("GET", "/__standin__/envelopes/raw", query: [("event_id", eventID)]).body
    }

    /// `GET /__standin__/receipts`: every envelope of every batch, whatever the answer.
    public func receipts(account: String? = nil, eventID: String? = nil) throws -> [StandInEventReceipt] {
        try pages("/__standin__/receipts", query: [("account", account), ("event_id", eventID)])
    }

    /// `GET /__standin__/counts`: `saas_counts` for `account` (everything when nil); how each
    /// figure is counted is documented on the stand-in's store.
    public func counts(account: String? = nil) throws -> SaaSCounts {
        try decode(SaaSCounts.self, try call("GET", "/__standin__/counts", query: [("account", account)]))
    }

    /// `GET /__standin__/requests`: the request log, oldest first.
    public func requestLog(account: String? = nil) throws -> [StandInRequestLogEntry] {
        try pages("/__standin__/requests", query: [("account", account)])
    }

    /// The statuses the stand-in answered `account`'s event batches with, oldest first (from the request log).
    public func batchStatuses(account: String) throws -> [Int] {
        try requestLog(account: account).filter { Router.route(method: $0.method, path: $0.path) == .eventsBatch }.map(\.status)
    }

    /// `GET /__standin__/dossier-artifacts`.
    public func dossierArtifacts(account: String? = nil) throws -> [StandInDossierArtifact] {
        try list("artifacts", try call("GET", "/__standin__/dossier-artifacts", query: [("account", account)]))
    }

    /// `GET /__standin__/teamspace`: `account`'s missions, work packages, lanes and transitions,
    /// projected from the envelopes it delivered, with the envelopes the projection could not use.
    public func teamspace(account: String) throws -> StandInTeamspace {
        try decode(StandInTeamspace.self, try call("GET", "/__standin__/teamspace", query: [("account", account)]))
    }

    /// `GET /__standin__/historical-digest`.
    public func historicalDigest() throws -> HistoricalDigest {
        try decode(HistoricalDigest.self, try call("GET", "/__standin__/historical-digest"))
    }

    // MARK: Faults

    /// `POST /__standin__/faults`: apply `fault` to `account`'s next `count` batch requests; returns the queue.
    @discardableResult
    public func injectFault(_ fault: BatchFault, count: Int = 1, account: String) throws -> [PendingFault] {
        let body = try JSONCoding.encode(PendingFault(fault: fault, account: account, remaining: count))
        return try list("pending", try call("POST", "/__standin__/faults", json: body, expecting: [201]))
    }

    /// `GET /__standin__/faults`.
    public func pendingFaults() throws -> [PendingFault] {
        try list("pending", try call("GET", "/__standin__/faults"))
    }

    /// `POST /__standin__/faults/reset`.
    public func resetFaults() throws {
        _ = try call("POST", "/__standin__/faults/reset")
    }

    // MARK: CLI-side calls (no CLI needed)

    /// Runs the device flow as the CLI would; with `account`, sets the login hint first.
    public func deviceLogin(account: String? = nil) throws -> StandInTokens {
        if let account { try setLoginHint(account: account) }
        let device = try decode(JSONValue.self, try call("POST", "/oauth/device", form: [("client_id", "cli_native"), ("scope", "offline_access")]))
        guard let deviceCode = device["device_code"]?.stringValue else {
            throw StandInClientError.undecodable(path: "/oauth/device", reason: "no device_code")
        }
        let grant = "urn:ietf:params:oauth:grant-type:device_code"
        return try decode(StandInTokens.self, try call("POST", "/oauth/token",
                                                       form: [("grant_type", grant), ("device_code", deviceCode), ("client_id", "cli_native")]))
    }

    /// `POST /api/v1/events/batch/` with `events`, gzip-compressed like the CLI unless `gzip` is false.
    public func sendBatch(_ events: [JSONValue], accessToken: String, gzip: Bool = true) throws -> StandInBatchAnswer {
        try sendBatch(encoded: try Self.encodeBatch(events, gzip: gzip), gzip: gzip, accessToken: accessToken)
    }

    /// The body `sendBatch` would send: `{"events": [...]}`, gzip-compressed unless `gzip` is false.
    public static func encodeBatch(_ events: [JSONValue], gzip: Bool = true) throws -> Data {
        let json = Data(JSONValue.object(sortingKeys: ["events": .array(events)]).compactText.utf8)
        return gzip ? try Gzip.deflate(json) : json
    }

    /// Sends a body made by `encodeBatch`, so a benchmark times the server and not the encoding.
    public func sendBatch(encoded body: Data, gzip: Bool, accessToken: String) throws -> StandInBatchAnswer {
        var headers = HTTPHeaders([("Authorization", "Bearer \(accessToken)"), ("Content-Type", "application/json"),
                                   ("X-Spec-Kitty-Sync-Protocol", "2.0")])
        if gzip { headers.add("Content-Encoding", "gzip") }
        let response = try exchange(HTTPRequest(method: "POST", target: "/api/v1/events/batch/", headers: headers, body: body))
        let answer = (try? JSONValue.parseWire(response.body)) ?? .null
        // Read straight from the tree: a Codable round trip would cost more than the server's work.
        let results = (answer["results"]?.arrayValue ?? []).map { entry in
            BatchEventResult(eventID: entry["event_id"]?.stringValue, status: entry["status"]?.stringValue ?? "",
                             error: entry["error"]?.stringValue, errorCategory: entry["error_category"]?.stringValue)
        }
        return StandInBatchAnswer(status: response.status, results: results, error: answer["error"]?.stringValue, body: answer)
    }

    // MARK: Plumbing

    private func call(_ method: String, _ path: String, query: [(String, String?)] = [], json: Data? = nil,
                      form: [(String, String)]? = nil, expecting: Set<Int> = [200]) throws -> HTTPResponse {
        let present = query.compactMap { pair in pair.1.map { (pair.0, $0) } }
        let target = present.isEmpty ? path : path + "?" + FormURLEncoded.encode(present)
        var request = HTTPRequest(method: method, target: target)
        if let adminSecret, path.hasPrefix(Router.adminPrefix) { request.headers.add(AdminSecret.header, adminSecret) }
        if let json {
            request.headers.add("Content-Type", "application/json")
            request.body = json
        } else if let form {
            request.headers.add("Content-Type", "application/x-www-form-urlencoded")
            request.body = Data(FormURLEncoded.encode(form).utf8)
        }
        let response = try exchange(request)
        guard expecting.contains(response.status) else {
            throw StandInClientError.unexpectedStatus(method: method, path: path, status: response.status,
                                                      body: String(decoding: response.body, as: UTF8.self))
        }
        return response
    }

    private func exchange(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let connection else { throw StandInClientError.unsupportedBaseURL(baseURL.absoluteString) }
        do {
            return try connection.send(request)
        } catch {
            throw StandInClientError.transport(method: request.method, path: request.path, reason: "\(error)")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse) throws -> T {
        do {
            return try JSONCoding.decoder().decode(type, from: response.body)
        } catch {
            throw StandInClientError.undecodable(path: "\(T.self)", reason: "\(error)")
        }
    }

    /// Every row of a paged witness list, one page per request, so neither side holds a whole large list at once.
    private func pages<T: Decodable>(_ path: String, query: [(String, String?)]) throws -> [T] {
        var rows: [T] = []
        var after: Int64 = 0
        while true {
            let paging = [("after", String(after)), ("limit", String(WitnessPageRequest.defaultLimit))]
            let page = try decode(WitnessPage<T>.self, try call("GET", path, query: query + paging))
            rows += page.items
            guard let next = page.next else { return rows }
            // A cursor that does not advance would loop for ever.
            guard next > after else { throw StandInClientError.undecodable(path: path, reason: "page cursor \(next) after \(after)") }
            after = next
        }
    }

    private func list<T: Decodable>(_ key: String, _ response: HTTPResponse) throws -> [T] {
        guard let members = try decode([String: [T]].self, response)[key] else {
            throw StandInClientError.undecodable(path: key, reason: "no '\(key)' list")
        }
        return members
    }
}
