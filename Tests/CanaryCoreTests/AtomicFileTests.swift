import CanaryCore
import Foundation
import XCTest

final class AtomicFileTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func testWriteOnceIsAtomicReadOnlyAndRefusesOverwrite() throws {
        let file = root.appendingPathComponent("runs/run-1.json")
        try AtomicFile.writeOnce(Data("first".utf8), to: file)
        XCTAssertEqual(FileManager.default.contents(atPath: file.path), Data("first".utf8))
        XCTAssertEqual(try permissions(file), 0o444)
        XCTAssertThrowsError(try AtomicFile.writeOnce(Data("second".utf8), to: file)) { error in
            XCTAssertEqual(error as? EvidenceError, .alreadyExists(path: file.path))
        }
        XCTAssertEqual(FileManager.default.contents(atPath: file.path), Data("first".utf8), "the first write survives")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        XCTAssertEqual(leftovers, ["run-1.json"], "no temporary file is left behind")
    }

    func testReplaceOverwritesWholeAndLeavesTheFileWritable() throws {
        let file = root.appendingPathComponent("tracker.json")
        try AtomicFile.replace(Data("old".utf8), at: file)
        try AtomicFile.replace(Data("new".utf8), at: file)
        XCTAssertEqual(FileManager.default.contents(atPath: file.path), Data("new".utf8))
        XCTAssertEqual(try permissions(file), 0o644)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["tracker.json"])
    }

    func testReplaceIntoAMissingDirectoryFailsAndNamesThePath() throws {
        let file = root.appendingPathComponent("missing/journal.json")
        XCTAssertThrowsError(try AtomicFile.replace(Data("x".utf8), at: file)) { error in
            guard case .io(let operation, _, _)? = error as? EvidenceError else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "mkstemp")
        }
    }

    private func permissions(_ file: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
    }
}
