import CanaryCore
import CanaryGate
import CanaryTestSupport
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Reading a bundle's run files back and verifying it against MANIFEST.sha256.
final class GateEvidenceTests: XCTestCase {
    private let bundle = "/artifacts/sync_identity_boundary/3.2.6rc2-attempt2"

    private func bundleFiles(_ files: [String: String], manifestOf listed: [String]? = nil, manifestOverride: String? = nil) -> MemoryFiles {
        let memory = MemoryFiles()
        for (name, text) in files { memory.put("\(bundle)/\(name)", Data(text.utf8)) }
        let manifest = manifestOverride ?? (listed ?? files.keys.sorted()).map { name in
            "\(SHA256.hex(of: Data((files[name] ?? "").utf8)))  \(name)"
        }.joined(separator: "\n") + "\n"
        memory.put("\(bundle)/MANIFEST.sha256", Data(manifest.utf8))
        return memory
    }

    /// A run document as the harness writes it.
    private func runJSON(_ number: Int = 1, failing: ScenarioID? = nil) -> String {
        let scenarios = ScenarioID.allCases.map { RunDocumentFixtures.scenario($0, passing: $0 != failing) }
        // Cannot fail: the fixture builds a valid document.
        let document = try! RunDocumentFixtures.run(scenarios: scenarios, runNumber: number)
        return String(decoding: try! RunDocumentCoding.encode(document), as: UTF8.self)
    }

    private var runJSON: String { runJSON() }

    func testAnIntactBundleVerifies() {
        let files = bundleFiles(["runs/run-1.json": runJSON, "runs/run-1.xml": "<testsuites/>", "latest.json": runJSON, "canary.log": "log"])
        let result = ManifestVerification.verify(bundle: bundle, files: files)
        XCTAssertEqual(result, ManifestVerification(verifiedFiles: 4, problems: []))
        XCTAssertTrue(result.verifies)
    }

    func testSHA256SumBinaryMarkerAndDotSlashPathsAreAccepted() {
        let digest = SHA256.hex(of: Data(runJSON.utf8))
        let files = bundleFiles(["runs/run-1.json": runJSON], manifestOverride: "\(digest) *./runs/run-1.json\n")
        XCTAssertEqual(ManifestVerification.verify(bundle: bundle, files: files), ManifestVerification(verifiedFiles: 1, problems: []))
    }

    func testEditedMissingAndUnlistedFilesAreEachReported() {
        let files = bundleFiles(["runs/run-1.json": runJSON, "runs/run-2.json": runJSON], manifestOf: ["runs/run-1.json", "canary.log"])
        files.put("\(bundle)/runs/run-1.json", Data("{}".utf8))
        XCTAssertEqual(ManifestVerification.verify(bundle: bundle, files: files).problems, [
            "runs/run-1.json does not match its digest in MANIFEST.sha256",
            "canary.log is listed but missing",
            "runs/run-2.json is not listed in MANIFEST.sha256",
        ])
    }

    func testAMissingOrMalformedManifestFails() {
        XCTAssertEqual(ManifestVerification.verify(bundle: bundle, files: MemoryFiles()).problems, ["MANIFEST.sha256 is missing"])
        let files = bundleFiles(["runs/run-1.json": runJSON], manifestOverride: "not a manifest line\n")
        XCTAssertEqual(ManifestVerification.verify(bundle: bundle, files: files).problems, [
            "MANIFEST.sha256 line is not '<sha256>  <path>': not a manifest line",
            "runs/run-1.json is not listed in MANIFEST.sha256",
        ])
    }

    func testRunFilesAreReadStrictlyInRunOrder() {
        let contradicting = runJSON(4, failing: .legacyQueueRowMigration)
            .replacingOccurrences(of: #""outcome" : "fail""#, with: #""outcome" : "pass""#)
            .replacingOccurrences(of: #""outcome":"fail""#, with: #""outcome":"pass""#)
        let files = bundleFiles(["runs/run-2.json": runJSON(2, failing: .legacyQueueRowMigration), "runs/run-1.json": runJSON(1),
                                 "runs/run-2.xml": "<x/>", "runs/run-x.json": "{}", "runs/run-3.json": #"{"outcome": "pass"}"#,
                                 "runs/run-4.json": contradicting])
        let (runs, problems) = EvidenceBundleReader(files: files).runs(in: bundle)
        XCTAssertEqual(runs.map(\.runNumber), [1, 2])
        XCTAssertEqual(runs.last?.outcome, "fail")
        XCTAssertEqual(runs.last?.scenarios[1].failureMode, RunDocumentFixtures.scenario(.legacyQueueRowMigration, passing: false).failureMode?.rawValue)
        XCTAssertEqual(runs.first?.scenarios.first?.name, "Fresh Authenticated Mission")
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("runs/run-3.json is not a readable run file"), problems[0])
        XCTAssertTrue(problems[1].hasPrefix("runs/run-4.json is not a readable run file"), "an outcome that contradicts its scenarios: \(problems)")
    }

    func testTheRealFileSystemReaderAgrees() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("runs"), withIntermediateDirectories: true)
        try Data(runJSON.utf8).write(to: root.appendingPathComponent("runs/run-1.json"))
        try Data("\(SHA256.hex(of: Data(runJSON.utf8)))  runs/run-1.json\n".utf8).write(to: root.appendingPathComponent("MANIFEST.sha256"))
        XCTAssertTrue(ManifestVerification.verify(bundle: root.path).verifies)
        XCTAssertEqual(EvidenceBundleReader().runs(in: root.path).runs.count, 1)
    }

    /// A sealed bundle on disk, tampered with by `tamper`: `canary verify`'s verifier and the gate's judge it alike.
    private func judgeTampered(_ tamper: (URL) throws -> Void) throws -> (verify: Manifest.Report, gate: ManifestVerification) {
        let root = try TemporaryDirectory("tampered")
        defer { root.remove() }
        let bundle = try EvidenceBundle.claim(root: root.url, tag: "3.2.7")
        try bundle.write(Data(runJSON.utf8), to: "runs/run-1.json")
        try bundle.seal(runs: 1)
        XCTAssertTrue(ManifestVerification.verify(bundle: bundle.directory.path).verifies, "intact before")
        let runs = bundle.directory.appendingPathComponent("runs")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runs.path)
        try tamper(bundle.directory)
        return (try bundle.verify(), ManifestVerification.verify(bundle: bundle.directory.path))
    }

    func testATamperedBundleFailsCanaryVerifyAndTheGateAlike() throws {
        let tamperings: [(String, (URL) throws -> Void)] = [
            ("symlink", { directory in
                let run = directory.appendingPathComponent("runs/run-1.json")
                let copy = directory.deletingLastPathComponent().appendingPathComponent("copy.json")
                try FileManager.default.copyItem(at: run, to: copy)
                try FileManager.default.removeItem(at: run)
                try FileManager.default.createSymbolicLink(at: run, withDestinationURL: copy)
            }),
            ("hidden file", { try Data("x".utf8).write(to: $0.appendingPathComponent("runs/.extra")) }),
            ("FIFO", { XCTAssertEqual(mkfifo($0.appendingPathComponent("runs/pipe").path, 0o600), 0) }),
            ("extra directory", { try FileManager.default.createDirectory(at: $0.appendingPathComponent("runs/more"), withIntermediateDirectories: false) }),
        ]
        for (name, tamper) in tamperings {
            let (verify, gate) = try judgeTampered(tamper)
            XCTAssertFalse(verify.isIntact, "canary verify: \(name)")
            XCTAssertFalse(gate.verifies, "the gate: \(name)")
            XCTAssertEqual(gate.problems, verify.findings, "one verifier, one judgement: \(name)")
        }
    }
}
