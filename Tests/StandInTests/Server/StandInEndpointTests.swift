import CanaryCore
import Foundation
@testable import SaaSStandIn
import XCTest

/// Every CLI-facing endpoint over real loopback HTTP.
final class StandInEndpointTests: StandInTestCase {
    func testHealthAndReadinessReportTheRealShapes() throws {
        var configuration = StandInConfiguration(historicalRows: 3)
        configuration.specKittyEventsVersion = "6.1.0"
        let server = try startServer(configuration)
        let client = server.client()
        let health = try client.health()
        XCTAssertEqual(health["status"], .string("ok"))
        XCTAssertEqual(health["spec_kitty_events"], .string("6.1.0"))
        for key in ["service", "version", "git_sha", "build_timestamp", "environment"] { XCTAssertNotNil(health[key], key) }
        let ready = try client.readiness()
        XCTAssertEqual(ready.httpStatus, 200)
        XCTAssertEqual(ready.status, "ready")
        XCTAssertEqual(ready.drainQueue, DrainQueueCounts(status: "ok", oldestPendingAgeSeconds: nil, retryableCount: 0,
                                                          terminalFailedCount: 0, businessRuleRejectedCount: 3))
        XCTAssertEqual(ready.body["dependencies"]?["drain_queue"]?["oldest_pending_age_seconds"], .null, "present as null")
    }

    func testHeadUnknownPathAndMethodNotAllowed() throws {
        let server = try startServer()
        let raw = rawClient(server)
        let head = try raw.send(HTTPRequest(method: "HEAD", target: "/any/path/at/all"))
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)
        let missing = try raw.send(HTTPRequest(method: "GET", target: "/no/such/thing/"))
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["Content-Type"], "application/json")
        XCTAssertNotNil(try JSONDecoder().decode(JSONValue.self, from: missing.body)["error"])
        let wrong = try raw.send(HTTPRequest(method: "GET", target: "/api/v1/events/batch/"))
        XCTAssertEqual(wrong.status, 405)
        XCTAssertEqual(wrong.headers["Allow"], "POST")
    }

    func testProtectedEndpointsAnswer401WithoutALiveToken() throws {
        let server = try startServer()
        let raw = rawClient(server)
        let protected = [("GET", "/api/v1/me"), ("GET", "/api/v1/session-status"), ("POST", "/api/v1/ws-token"),
                         ("GET", "/api/v1/sync/health/"), ("POST", "/api/v1/events/batch/"), ("POST", "/api/dossier/push-content/")]
        for (method, path) in protected {
            XCTAssertEqual(try raw.send(HTTPRequest(method: method, target: path)).status, 401, "\(method) \(path) without a token")
            let unknown = HTTPRequest(method: method, target: path, headers: HTTPHeaders([("Authorization", "Bearer nope")]))
            let answer = try raw.send(unknown)
            XCTAssertEqual(answer.status, 401, "\(method) \(path) with an unknown token")
            XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: answer.body)["error"], .string("invalid_token"))
        }
    }

    func testDeviceFlowApprovesTheHintedAccountOnceThenTheDefault() throws {
        let server = try startServer()
        let client = server.client()
        let alice = try client.createAccount(email: "alice@standin.invalid", name: "Alice")
        XCTAssertEqual(alice.team.slug.isEmpty, false)
        let raw = rawClient(server)

        try client.setLoginHint(account: alice.userID)
        let device = try JSONDecoder().decode(JSONValue.self, from: raw.send(form("/oauth/device", [("client_id", "cli_native"), ("scope", "offline_access")])).body)
        for key in ["device_code", "user_code", "verification_uri", "verification_uri_complete"] { XCTAssertNotNil(device[key]?.stringValue, key) }
        XCTAssertEqual(device["expires_in"], .number(900))
        XCTAssertEqual(device["interval"], .number(1))
        let grant = [("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", device["device_code"]?.stringValue ?? ""), ("client_id", "cli_native")]
        let tokenAnswer = try raw.send(form("/oauth/token", grant))
        XCTAssertEqual(tokenAnswer.status, 200)
        let tokens = try JSONDecoder().decode(JSONValue.self, from: tokenAnswer.body)
        XCTAssertEqual(tokens["token_type"], .string("Bearer"))
        for key in ["access_token", "refresh_token", "session_id", "scope", "refresh_token_expires_at"] { XCTAssertNotNil(tokens[key]?.stringValue, key) }
        XCTAssertTrue(tokens["refresh_token_expires_at"]?.stringValue?.hasSuffix("Z") == true)
        XCTAssertNotNil(tokens["expires_in"])
        XCTAssertNotNil(tokens["refresh_token_expires_in"])
        // A device code is redeemed once; an unknown one is expired.
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: raw.send(form("/oauth/token", grant)).body)["error"], .string("expired_token"))
        let unknown = try raw.send(form("/oauth/token", [("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", "nope")]))
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: unknown.body)["error"], .string("expired_token"))

        let me = try JSONDecoder().decode(JSONValue.self, from: raw.send(bearer("GET", "/api/v1/me", tokens["access_token"]?.stringValue)).body)
        XCTAssertEqual(me["user_id"], .string(alice.userID))
        XCTAssertEqual(me["email"], .string("alice@standin.invalid"))
        XCTAssertEqual(me["teams"]?.arrayValue?.count, 1)
        XCTAssertEqual(me["teams"]?.arrayValue?.first?["is_private_teamspace"], .bool(true))
        XCTAssertEqual(me["teams"]?.arrayValue?.first?["slug"], .string(alice.team.slug))

        // The hint was consumed: the next login is the default account.
        let next = try client.deviceLogin()
        let nextMe = try JSONDecoder().decode(JSONValue.self, from: raw.send(bearer("GET", "/api/v1/me", next.accessToken)).body)
        XCTAssertNotEqual(nextMe["user_id"], .string(alice.userID))
        XCTAssertEqual(try client.accounts().count, 2)
        XCTAssertThrowsError(try client.setLoginHint(account: "no-such-user"))
    }

    func testRefreshRotatesAndRevokeEndsTheSession() throws {
        let server = try startServer()
        let client = server.client()
        let raw = rawClient(server)
        let tokens = try client.deviceLogin()
        let refreshed = try raw.send(form("/oauth/token", [("grant_type", "refresh_token"), ("refresh_token", tokens.refreshToken)]))
        XCTAssertEqual(refreshed.status, 200)
        let rotated = try JSONDecoder().decode(StandInTokens.self, from: refreshed.body)
        XCTAssertEqual(rotated.sessionID, tokens.sessionID)
        XCTAssertNotEqual(rotated.accessToken, tokens.accessToken)
        let replay = try raw.send(form("/oauth/token", [("grant_type", "refresh_token"), ("refresh_token", tokens.refreshToken)]))
        XCTAssertEqual(replay.status, 400, "a rotated refresh token is dead")
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: replay.body)["error"], .string("invalid_grant"))
        XCTAssertEqual(try raw.send(form("/oauth/token", [("grant_type", "password")])).status, 400)

        XCTAssertEqual(try raw.send(bearer("GET", "/api/v1/session-status", rotated.accessToken)).status, 200)
        let revoke = try raw.send(form("/oauth/revoke", [("token", rotated.refreshToken), ("token_type_hint", "refresh_token")]))
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: revoke.body)["revoked"], .bool(true))
        XCTAssertEqual(try raw.send(bearer("GET", "/api/v1/session-status", rotated.accessToken)).status, 401)
        XCTAssertEqual(try raw.send(bearer("GET", "/api/v1/me", tokens.accessToken)).status, 401, "the whole session is revoked")
        XCTAssertEqual(try raw.send(form("/oauth/revoke", [("token", "unknown")])).status, 200, "RFC 7009: unknown tokens too")
    }

    func testSessionStatusWsTokenAndSyncHealth() throws {
        let server = try startServer()
        let client = server.client()
        let account = try client.createAccount()
        let other = try client.createAccount()
        let tokens = try client.deviceLogin(account: account.userID)
        let raw = rawClient(server)
        let status = try JSONDecoder().decode(JSONValue.self, from: raw.send(bearer("GET", "/api/v1/session-status", tokens.accessToken)).body)
        XCTAssertEqual(status["active"], .bool(true))
        XCTAssertEqual(status["session_id"], .string(tokens.sessionID))

        var ws = bearer("POST", "/api/v1/ws-token", tokens.accessToken)
        ws.body = Data(#"{"team_id": "\#(account.team.id)"}"#.utf8)
        ws.headers.add("Content-Type", "application/json")
        let wsAnswer = try JSONDecoder().decode(JSONValue.self, from: raw.send(ws).body)
        for key in ["ws_token", "ws_url", "expires_in", "session_id"] { XCTAssertNotNil(wsAnswer[key], key) }
        XCTAssertTrue(wsAnswer["ws_url"]?.stringValue?.hasPrefix("ws://127.0.0.1:") == true)
        ws.body = Data(#"{"team_id": "\#(other.team.id)"}"#.utf8)
        XCTAssertEqual(try raw.send(ws).status, 403, "a token never opens another account's team")

        let health = try raw.send(bearer("GET", "/api/v1/sync/health/", tokens.accessToken))
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: health.body)["status"], .string("ok"))
    }

    func testGzipBatchDuplicatesAndWitness() throws {
        let server = try startServer()
        let client = server.client()
        let alice = try client.createAccount(), bob = try client.createAccount()
        let aliceToken = try client.deviceLogin(account: alice.userID).accessToken
        let bobToken = try client.deviceLogin(account: bob.userID).accessToken

        let batch = [SampleEnvelope.wpStatusChanged(eventID: "a1", projectUUID: "pa", wpID: "WP01", from: "planned", to: "claimed"),
                     SampleEnvelope.wpStatusChanged(eventID: "a2", projectUUID: "pa", wpID: "WP01", force: true),
                     SampleEnvelope.wpStatusChanged(eventID: "a2", projectUUID: "pa", wpID: "WP01", force: true)]
        let first = try client.sendBatch(batch, accessToken: aliceToken)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.results.map(\.status), ["success", "success", "duplicate"])
        XCTAssertEqual(first.results.map(\.eventID), ["a1", "a2", "a2"])
        let again = try client.sendBatch(Array(batch.prefix(1)), accessToken: aliceToken, gzip: false)
        XCTAssertEqual(again.results.map(\.status), ["duplicate"], "duplicates across batches, identity encoding too")
        // Bob re-sending Alice's id is a duplicate and stays Alice's; the receipt shows Bob sent it.
        XCTAssertEqual(try client.sendBatch([batch[0], SampleEnvelope.wpStatusChanged(eventID: "b1", projectUUID: "pb")], accessToken: bobToken).results.map(\.status),
                       ["duplicate", "success"])

        XCTAssertEqual(try client.envelopes(account: alice.userID).map(\.eventID), ["a1", "a2"])
        XCTAssertEqual(try client.envelopes(account: bob.userID).map(\.eventID), ["b1"])
        XCTAssertEqual(try client.envelopes(project: "pa").count, 2)
        XCTAssertEqual(try client.envelopes(account: alice.userID, eventType: "WPStatusChanged").count, 2)
        XCTAssertEqual(try client.envelopes(eventType: "MissionCreated").count, 0)
        let stored = try XCTUnwrap(try client.envelopes(account: alice.userID).first)
        XCTAssertEqual(stored.envelope, batch[0], "the envelope is kept exactly as sent")
        XCTAssertEqual(stored.status, "success")
        XCTAssertEqual(try client.receipts(eventID: "a1").map(\.account), [alice.userID, alice.userID, bob.userID])

        let counts = try client.counts(account: alice.userID)
        var expected = SaaSCounts()
        (expected.batchIntakeTotal, expected.missionCount, expected.workPackageCount) = (2, 1, 1)
        (expected.statusTransitionCount, expected.forceRequiredTransitionCount, expected.syncEventCount) = (2, 1, 2)
        expected.available = true
        XCTAssertEqual(counts, expected)
        XCTAssertEqual(try client.counts(account: bob.userID).syncEventCount, 1)
        XCTAssertEqual(try client.counts().batchIntakeBusinessRuleRejected, 22, "historical rows count in the totals")

        XCTAssertEqual(try client.batchStatuses(account: alice.userID), [200, 200])
        XCTAssertTrue(try client.requestLog(account: alice.userID).contains { $0.path == "/oauth/token" }, "a grant is attributed to the account it issued tokens for")
        XCTAssertFalse(try client.requestLog().contains { $0.path.hasPrefix("/__standin__") }, "admin traffic is not witness")
    }

    func testBadBatchBodies() throws {
        let server = try startServer()
        let client = server.client()
        let token = try client.deviceLogin().accessToken
        let empty = try client.sendBatch([], accessToken: token)
        XCTAssertEqual(empty.status, 400)
        XCTAssertEqual(empty.error, "No events provided")
        let raw = rawClient(server)
        var request = bearer("POST", "/api/v1/events/batch/", token)
        request.body = Data("{not json".utf8)
        XCTAssertEqual(try raw.send(request).status, 400)
        request.headers.add("Content-Encoding", "gzip")
        XCTAssertEqual(try raw.send(request).status, 400, "not gzip")
        request.headers.set("Content-Encoding", "br")
        XCTAssertEqual(try raw.send(request).status, 415)
        let log = try client.requestLog()
        XCTAssertEqual(log.suffix(4).map(\.status), [400, 400, 400, 415], "4xx answers are logged too")
        let missingID = try client.sendBatch([.object(sortingKeys: ["event_type": .string("X")])], accessToken: token)
        XCTAssertEqual(missingID.results, [BatchEventResult(eventID: nil, status: "rejected", error: "event_id is required", errorCategory: "validation")])
    }

    func testDossierPushContentStoresOnceThenAlreadyExists() throws {
        let server = try startServer()
        let client = server.client()
        let account = try client.createAccount()
        let token = try client.deviceLogin(account: account.userID).accessToken
        let raw = rawClient(server)
        var request = bearer("POST", "/api/dossier/push-content/", token)
        request.headers.add("Content-Type", "application/json")
        request.body = Data(##"{"artifact_path":"spec.md","content_hash":"abc","content_body":"# Spec","mission_slug":"m","project_uuid":"p"}"##.utf8)
        let first = try raw.send(request)
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: first.body),
                       .object(sortingKeys: ["status": .string("stored"), "artifact_path": .string("spec.md"), "content_hash": .string("abc")]))
        let second = try raw.send(request)
        XCTAssertEqual(second.status, 200)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: second.body)["status"], .string("already_exists"))
        XCTAssertEqual(try client.dossierArtifacts(account: account.userID).map(\.contentLength), [6])
        request.body = Data(#"{"content_body":""}"#.utf8)
        let bad = try raw.send(request)
        XCTAssertEqual(bad.status, 400)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: bad.body)["artifact_path"], .array([.string("This field is required.")]))
    }

    func testStateSurvivesARestartAndHistoricalRowsStayUntouched() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("store.sqlite").path
        let first = try startServer(StandInConfiguration(databasePath: path, historicalRows: 5))
        var client = first.client()
        let before = try client.historicalDigest()
        XCTAssertEqual(before.count, 5)
        let account = try client.createAccount()
        let tokens = try client.deviceLogin(account: account.userID)
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "keep-1")], accessToken: tokens.accessToken).results.map(\.status), ["success"])
        // An event reusing a historical id is stored as an envelope but never rewrites the historical row.
        _ = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "standin-historical-0001")], accessToken: tokens.accessToken)
        try client.injectFault(.reject(category: "infrastructure", message: "x"), account: account.userID)
        _ = try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "standin-historical-0002")], accessToken: tokens.accessToken)
        first.stop()

        let second = try startServer(StandInConfiguration(databasePath: path, historicalRows: 99))
        client = second.client()
        XCTAssertEqual(try client.historicalDigest(), before, "reopening keeps the seeded rows, byte for byte")
        XCTAssertEqual(try client.sendBatch([SampleEnvelope.wpStatusChanged(eventID: "keep-1")], accessToken: tokens.accessToken).results.map(\.status),
                       ["duplicate"], "the token and the event survived the restart")
        XCTAssertEqual(try client.readiness().httpStatus, 200, "the historical row did not turn into a terminal failure")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "a named store is kept")
    }

    func testTemporaryStoreIsRemovedOnStop() throws {
        let server = try StandInServer(configuration: StandInConfiguration())
        try server.start()
        XCTAssertTrue(FileManager.default.fileExists(atPath: server.databasePath))
        server.stop()
        server.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: server.databasePath))
        XCTAssertThrowsError(try server.start()) { XCTAssertEqual($0 as? StandInError, .stopped) }
    }

    private func form(_ path: String, _ fields: [(String, String)]) -> HTTPRequest {
        HTTPRequest(method: "POST", target: path, headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
                    body: Data(FormURLEncoded.encode(fields).utf8))
    }

    private func bearer(_ method: String, _ path: String, _ token: String?) -> HTTPRequest {
        HTTPRequest(method: method, target: path, headers: HTTPHeaders([("Authorization", "Bearer \(token ?? "")")]))
    }
}
