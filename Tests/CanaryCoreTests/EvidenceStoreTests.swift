import CanaryCore
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class EvidenceStoreTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func testAttemptsNumberFromOneAndNeverReuse() throws {
        let store = EvidenceStore(root: root.appendingPathComponent("sync_identity_boundary"))
        XCTAssertEqual(try store.createAttempt(tag: "3.2.7").lastPathComponent, "3.2.7-attempt1")
        XCTAssertEqual(try store.createAttempt(tag: "3.2.7").lastPathComponent, "3.2.7-attempt2")
        XCTAssertEqual(try store.createAttempt(tag: "rc15").lastPathComponent, "rc15-attempt1")
        try FileManager.default.createDirectory(at: store.root.appendingPathComponent("rc15-attempt3"), withIntermediateDirectories: false)
        XCTAssertEqual(try store.createAttempt(tag: "rc15").lastPathComponent, "rc15-attempt2")
        XCTAssertEqual(try store.createAttempt(tag: "rc15").lastPathComponent, "rc15-attempt4", "an existing attempt is skipped, not reused")
        XCTAssertEqual(store.attempts(tag: "rc15").map(\.lastPathComponent), ["rc15-attempt1", "rc15-attempt2", "rc15-attempt3", "rc15-attempt4"])
    }

    func testManifestDetectsChangedMissingAndExtraFiles() throws {
        try AtomicFile.writeOnce(Data("run one".utf8), to: root.appendingPathComponent("runs/run-1.json"))
        try AtomicFile.writeOnce(Data("<xml/>".utf8), to: root.appendingPathComponent("runs/run-1.xml"))
        try AtomicFile.writeOnce(Data("log".utf8), to: root.appendingPathComponent("canary.log"))
        let text = try Manifest.seal(in: root)
        XCTAssertTrue(text.contains("  runs/run-1.json\n"))
        XCTAssertTrue(try Manifest.verify(in: root).isIntact)

        let changed = root.appendingPathComponent("runs/run-1.json")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: changed.path)
        try Data("run onE".utf8).write(to: changed)
        try FileManager.default.removeItem(at: root.appendingPathComponent("canary.log"))
        try Data("new".utf8).write(to: root.appendingPathComponent("runs/run-2.json"))
        let report = try Manifest.verify(in: root)
        XCTAssertEqual(report.changed, ["runs/run-1.json"])
        XCTAssertEqual(report.missing, ["canary.log"])
        XCTAssertEqual(report.extra, ["runs/run-2.json"])
        XCTAssertFalse(report.isIntact)
    }

    func testManifestIsSha256sumCompatible() throws {
        try Data("abc".utf8).write(to: root.appendingPathComponent("a.txt"))
        try Manifest.seal(in: root)
        let manifest = try String(contentsOf: root.appendingPathComponent(Manifest.fileName), encoding: .utf8)
        XCTAssertEqual(manifest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.txt\n")
        let digest = String(repeating: "ab", count: 32)
        XCTAssertEqual(Manifest.parse("\(digest) *a.txt\n").digests, ["a.txt": digest], "binary-mode lines parse too")
    }

    /// A bundle sealed with one run file, read-only.
    private func sealedBundle() throws -> URL {
        try AtomicFile.writeOnce(Data("run one".utf8), to: root.appendingPathComponent("runs/run-1.json"))
        try Data("log".utf8).write(to: root.appendingPathComponent("canary.log"))
        try Manifest.seal(in: root)
        return root.appendingPathComponent("runs/run-1.json")
    }

    func testSealingMakesEveryFileReadOnly() throws {
        _ = try sealedBundle()
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("canary.log").path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o222, 0, "a file the script's chmod never reached is read-only too")
    }

    func testAFileReplacedByASymbolicLinkIsNotIntact() throws {
        let run = try sealedBundle()
        let copy = root.deletingLastPathComponent().appendingPathComponent("elsewhere-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try Data("run one".utf8).write(to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: run.deletingLastPathComponent().path)
        try FileManager.default.removeItem(at: run)
        try FileManager.default.createSymbolicLink(at: run, withDestinationURL: copy)
        let report = try Manifest.verify(in: root)
        XCTAssertFalse(report.isIntact, "the same bytes behind a link are not the evidence")
        XCTAssertEqual(report.irregular, ["runs/run-1.json is a symbolic link (to \(copy.path)), not a file"])
        XCTAssertEqual(report.missing, [], "named once, as a link")
    }

    func testHiddenFilesFIFOsAndEmptyDirectoriesAreFindings() throws {
        _ = try sealedBundle()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("runs").path)
        try Data("x".utf8).write(to: root.appendingPathComponent("runs/.hidden"))
        XCTAssertEqual(mkfifo(root.appendingPathComponent("pipe").path, 0o600), 0)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: false)
        let report = try Manifest.verify(in: root)
        XCTAssertEqual(report.extra, ["runs/.hidden"])
        XCTAssertEqual(report.irregular.sorted(), ["empty is an empty directory", "pipe is a FIFO, not a file"])
        XCTAssertFalse(report.isIntact)
    }

    func testANameTheManifestCannotRepresentIsRefusedWhenSealing() throws {
        try Data("x".utf8).write(to: root.appendingPathComponent("line\nbreak.json"))
        XCTAssertThrowsError(try Manifest.seal(in: root)) { error in
            XCTAssertTrue("\(error)".contains("line break"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent(Manifest.fileName).path), "nothing sealed")
    }
}
