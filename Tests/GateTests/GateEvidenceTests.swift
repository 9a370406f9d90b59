import CanaryCore
import CanaryGate
import Foundation
import XCTest

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

    private let runJSON = #"{"outcome":"pass","run_number":1,"cli_version":"3.2.6rc2","events_package_version":"5.1.2","scenarios":[{"id":1,"name":"Fresh Authenticated Mission","status":"pass","failure_mode":null,"details":null}],"run_id":"01JX","extra":{"kept":"ignored"}}"#

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

    func testRunFilesAreReadInRunOrderAndExtraFieldsIgnored() {
        let second = runJSON.replacingOccurrences(of: #""run_number":1"#, with: #""run_number":10"#)
        let files = bundleFiles(["runs/run-10.json": second, "runs/run-2.json": runJSON, "runs/run-2.xml": "<x/>", "runs/run-x.json": "{}",
                                 "runs/run-3.json": #"{"outcome": "pass"}"#])
        let (runs, problems) = EvidenceBundleReader(files: files).runs(in: bundle)
        XCTAssertEqual(runs.map(\.runNumber), [1, 10])
        XCTAssertEqual(runs.first?.eventsPackageVersion, "5.1.2")
        XCTAssertEqual(runs.first?.scenarios.first, GateRunFile.Scenario(id: 1, name: "Fresh Authenticated Mission", status: "pass"))
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hasPrefix("runs/run-3.json is not a readable run file"), problems[0])
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
}
