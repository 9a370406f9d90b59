import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class SQLiteDatabaseTests: XCTestCase {
    func testCreateInsertQueryRoundTripsEveryStorageClass() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try SQLiteDatabase(url: directory.url.appendingPathComponent("t.db"), mode: .create)
        try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        try database.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.integer(42), .real(1.5), .text("héllo"), .blob(Data([0, 1, 2])), .null])
        let rows = try database.query("SELECT * FROM t")
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["i"], .integer(42))
        XCTAssertEqual(rows[0]["r"], .real(1.5))
        XCTAssertEqual(rows[0]["s"].text, "héllo")
        XCTAssertEqual(rows[0]["b"], .blob(Data([0, 1, 2])))
        XCTAssertTrue(rows[0]["n"].isNull)
        XCTAssertTrue(rows[0]["missing"].isNull)
        XCTAssertEqual(try database.tableNames(), ["t"])
    }

    func testTransactionRollsBackWhenTheBodyThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try SQLiteDatabase(url: directory.url.appendingPathComponent("t.db"), mode: .create)
        try database.execute("CREATE TABLE t (v INTEGER)")
        struct Abort: Error {}
        XCTAssertThrowsError(try database.transaction {
            try database.run("INSERT INTO t VALUES (1)")
            throw Abort()
        })
        XCTAssertEqual(try database.query("SELECT COUNT(*) AS n FROM t").first?["n"], .integer(0))
    }

    func testReadOnlyConnectionRefusesWrites() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("t.db")
        try SQLiteDatabase(url: url, mode: .create).execute("CREATE TABLE t (v INTEGER)")
        let readOnly = try SQLiteDatabase(url: url, mode: .readOnly)
        XCTAssertThrowsError(try readOnly.execute("INSERT INTO t VALUES (1)")) { error in
            XCTAssertEqual((error as? SQLiteError)?.code, 8 /* SQLITE_READONLY */)
        }
    }

    func testErrorsNameTheStatementAndTheMissingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.url.appendingPathComponent("absent.db")
        XCTAssertThrowsError(try SQLiteDatabase(url: missing, mode: .readOnly)) { error in
            XCTAssertEqual((error as? SQLiteError)?.context, missing.path)
        }
        let database = try SQLiteDatabase(url: directory.url.appendingPathComponent("t.db"), mode: .create)
        XCTAssertThrowsError(try database.query("SELECT * FROM nowhere")) { error in
            let sqliteError = error as? SQLiteError
            XCTAssertEqual(sqliteError?.context, "SELECT * FROM nowhere")
            XCTAssertTrue(sqliteError?.message.contains("no such table") ?? false)
        }
    }
}
