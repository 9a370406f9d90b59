import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class LegacyQueueSeederTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory("legacy-seeder")
    }

    override func tearDown() {
        directory.remove()
        super.tearDown()
    }

    func testSchemaMatchesTheQueueTheReal320Wrote() throws {
        let seeded = directory.url.appendingPathComponent("home/queue.db")
        try LegacyQueueSeeder.seed(at: seeded, events: [])
        let real = try RecordedOutputs.copy("cli-3.2.0/queue.db", into: directory.url.appendingPathComponent("real"))
        XCTAssertEqual(try schema(of: seeded), try schema(of: real))
    }

    func testSeededRowsReadBackAsTheScenarioWroteThem() throws {
        let url = directory.url.appendingPathComponent("home/queue.db")
        let foreignProject = "00000000-0000-4000-8000-00000000f0e1"
        let events = ["A", "B"].map { suffix in
            LegacyQueueEvent.wpStatusChanged(
                eventID: "canary-legacy-\(suffix)", wpID: "WP-CANARY-LEGACY-\(suffix)",
                projectUUID: foreignProject, projectSlug: "foreign-project", teamSlug: "foreign-team",
                actor: "foreign@example.invalid", date: Date(timeIntervalSince1970: 1_790_000_000)
            )
        }
        let upload = LegacyBodyUpload(projectUUID: foreignProject, missionSlug: "foreign-mission", contentBody: "# foreign spec\n")
        try LegacyQueueSeeder.seed(at: url, events: events, bodyUploads: [upload])

        let reader = try QueueReader(url: url)
        XCTAssertEqual(reader.layout, .legacyQueue)
        XCTAssertEqual(try reader.counts(), QueueCounts(events: 2, bodyUploads: 1, eventsByState: ["queued": 2]))
        let change = try XCTUnwrap(reader.latestStatusChange(wpID: "WP-CANARY-LEGACY-B"))
        XCTAssertEqual(change.eventID, "canary-legacy-B")
        XCTAssertEqual(change.toLane, "claimed")
        let stored = try reader.events()
        XCTAssertNil(stored.first?.envelope["payload"]?["seed_id"], "markers live in event ids only: the payload must stay valid")
        XCTAssertEqual(stored.first?.envelope["team_slug"]?.stringValue, "foreign-team")

        let database = try SQLiteDatabase(url: url)
        let row = try XCTUnwrap(database.query("SELECT timestamp, retry_count FROM queue ORDER BY id").first)
        XCTAssertEqual(row["timestamp"], .integer(1_790_000_000), "3.2.0 stores Unix seconds as INTEGER")
        XCTAssertEqual(row["retry_count"], .integer(0))
        let body = try XCTUnwrap(database.query("SELECT content_hash, size_bytes, hash_algorithm FROM body_upload_queue").first)
        XCTAssertEqual(body["content_hash"].text, SHA256.hex(of: "# foreign spec\n"))
        XCTAssertEqual(body["content_hash"].text?.count, 64)
        XCTAssertEqual(body["size_bytes"], .integer(15))
        XCTAssertEqual(body["hash_algorithm"].text, "sha256")
    }

    func testDuplicateEventIDsAreRejectedAndNothingIsHalfWritten() throws {
        let url = directory.url.appendingPathComponent("queue.db")
        let event = LegacyQueueEvent(eventID: "same", eventType: "X", envelope: .emptyObject, timestamp: 1)
        XCTAssertThrowsError(try LegacyQueueSeeder.seed(at: url, events: [event, event]))
        XCTAssertEqual(try QueueReader(url: url).counts().events, 0)
    }

    /// `sqlite_master` SQL with whitespace collapsed and `IF NOT EXISTS` dropped, by object name.
    private func schema(of url: URL) throws -> [String: String] {
        let rows = try SQLiteDatabase(url: url).query("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        var result: [String: String] = [:]
        for row in rows {
            let sql = (row["sql"].text ?? "").replacingOccurrences(of: "IF NOT EXISTS ", with: "")
            result[row["name"].text ?? ""] = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return result
    }
}
