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

    func testACachedStatementIsReboundEachTimeAndHoldsNoLockWhenIdle() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("t.db")
        let database = try SQLiteDatabase(url: url, mode: .create)
        try database.execute("CREATE TABLE t (k TEXT, v INTEGER)")
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
            try database.run("INSERT INTO t VALUES (?, ?)", [.text(key), .integer(Int64(value))])
            XCTAssertEqual(database.changes, 1)
        }
        let select = "SELECT v FROM t WHERE k = ?"
        XCTAssertEqual(try database.query(select, [.text("b")]) { $0[0].integer }, [2])
        XCTAssertEqual(try database.query(select, [.text("c")]) { $0[0].integer }, [3])
        XCTAssertEqual(try database.query(select, [.text("z")]) { $0[0].integer }, [])
        XCTAssertEqual(try database.scalar("SELECT COUNT(*) FROM t"), 3)
        // A cached statement left mid-step would keep a read lock and block another connection's write.
        let other = try SQLiteDatabase(url: url, mode: .readWrite, busyTimeout: 0)
        try other.run("DELETE FROM t WHERE k = ?", [.text("a")])
        XCTAssertEqual(try database.transaction { try database.scalar("SELECT COUNT(*) FROM t") }, 2)
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
