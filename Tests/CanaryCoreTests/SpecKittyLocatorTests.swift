import CanaryCore
import CanaryTestSupport
import Foundation
import XCTest

final class SpecKittyLocatorTests: XCTestCase {
    func testParsesVersionFromEveryRecordedGeneration() throws {
        XCTAssertEqual(SpecKittyLocator.parseVersion(try RecordedOutputs.text("cli-3.2.7/version.stdout.txt")), "3.2.7")
        XCTAssertEqual(SpecKittyLocator.parseVersion(try RecordedOutputs.text("cli-3.2.0/version.stdout.txt")), "3.2.0",
                       "3.2.0 prints a banner first")
        XCTAssertEqual(SpecKittyLocator.parseVersion(try RecordedOutputs.text("cli-3.2.0rc13/version.stdout.txt")), "3.2.0rc13")
        XCTAssertNil(SpecKittyLocator.parseVersion("usage: spec-kitty"))
    }

    func testDistInfoNames() {
        XCTAssertEqual(SpecKittyLocator.parseDistInfoName("spec_kitty_events-6.1.0.dist-info", distribution: "spec-kitty-events"), "6.1.0")
        XCTAssertEqual(SpecKittyLocator.parseDistInfoName("spec_kitty_cli-3.2.0rc13.dist-info", distribution: "spec_kitty_cli"), "3.2.0rc13")
        XCTAssertNil(SpecKittyLocator.parseDistInfoName("spec_kitty_events_extra-1.0.dist-info", distribution: "spec_kitty_events"))
        XCTAssertNil(SpecKittyLocator.parseDistInfoName("spec_kitty_events", distribution: "spec_kitty_events"))
    }

    func testInstalledVersionReadsTheVenvBesideTheBinary() throws {
        let directory = try TemporaryDirectory("locator-venv")
        defer { directory.remove() }
        let sitePackages = directory.url.appendingPathComponent("lib/python3.11/site-packages")
        try FileManager.default.createDirectory(at: sitePackages.appendingPathComponent("spec_kitty_events-6.1.0.dist-info"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sitePackages.appendingPathComponent("spec_kitty_cli-3.2.7.dist-info"), withIntermediateDirectories: true)
        let binary = try makeExecutable(directory.url.appendingPathComponent("bin/spec-kitty"), script: "echo 'spec-kitty-cli version 3.2.7'")
        XCTAssertEqual(SpecKittyLocator.eventsVersion(besides: binary), "6.1.0")
        XCTAssertEqual(SpecKittyLocator.installedVersion(of: "spec-kitty-cli", besides: binary), "3.2.7")
        XCTAssertNil(SpecKittyLocator.installedVersion(of: "absent", besides: binary))
        let environment = ProcessEnvironment.inheriting()
        XCTAssertEqual(try SpecKittyLocator.version(of: binary, runner: ProcessRunner(), environment: environment), "3.2.7")
    }

    func testExplicitBinaryWinsAndIsCached() throws {
        let directory = try TemporaryDirectory("locator-explicit")
        defer { directory.remove() }
        let binary = try makeExecutable(directory.url.appendingPathComponent("spec-kitty"), script: "exit 0")
        let locator = SpecKittyLocator()
        let log = MemoryCommandLog()
        let found = try locator.binary(repoRoot: directory.url, environment: ["SPEC_KITTY_BIN": binary.path], runner: ProcessRunner(logSink: log))
        XCTAssertEqual(found.path, binary.path)
        XCTAssertEqual(log.entries.count, 0, "no bootstrap when SPEC_KITTY_BIN is set")
        XCTAssertThrowsError(try locator.binary(repoRoot: directory.url, environment: ["SPEC_KITTY_BIN": "/nonexistent/spec-kitty"])) { error in
            guard case SpecKittyError.binaryNotExecutable = error else { return XCTFail("\(error)") }
        }
    }

    func testBootstrapScriptsLastLineIsTheBinaryAndRunsOncePerProcess() throws {
        let repo = try TemporaryDirectory("locator-repo")
        defer { repo.remove() }
        let binary = try makeExecutable(repo.url.appendingPathComponent("venv/bin/spec-kitty"), script: "exit 0")
        _ = try makeExecutable(
            repo.url.appendingPathComponent("scripts/bootstrap-spec-kitty.sh"),
            script: "echo progress >&2\necho \"version=${SPEC_KITTY_VERSION:-pin}\"\necho '\(binary.path)'"
        )
        let locator = SpecKittyLocator()
        let log = MemoryCommandLog()
        let runner = ProcessRunner(logSink: log)
        XCTAssertEqual(try locator.binary(repoRoot: repo.url, environment: ["PATH": "/usr/bin:/bin"], runner: runner).path, binary.path)
        XCTAssertEqual(try locator.binary(repoRoot: repo.url, environment: ["PATH": "/usr/bin:/bin"], runner: runner).path, binary.path)
        XCTAssertEqual(log.entries.count, 1, "cached after the first bootstrap")
        _ = try locator.binary(repoRoot: repo.url, environment: ["PATH": "/usr/bin:/bin", "SPEC_KITTY_VERSION": "3.2.0"], runner: runner)
        XCTAssertEqual(log.entries.count, 2, "another version is another bootstrap")
    }

    func testFailedBootstrapCarriesItsOutput() throws {
        let repo = try TemporaryDirectory("locator-fail")
        defer { repo.remove() }
        _ = try makeExecutable(repo.url.appendingPathComponent("scripts/bootstrap-spec-kitty.sh"), script: "echo 'pip exploded' >&2; exit 1")
        XCTAssertThrowsError(try SpecKittyLocator().binary(repoRoot: repo.url, environment: ["PATH": "/usr/bin:/bin"])) { error in
            guard case let SpecKittyError.bootstrapFailed(result) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(result.exitCode, 1)
            XCTAssertTrue(String(describing: error).contains("pip exploded"))
        }
    }

    func testCallersSideBySideAskTheVersionOnce() throws {
        let directory = try TemporaryDirectory("locator-version")
        defer { directory.remove() }
        let asked = directory.url.appendingPathComponent("asked")
        let binary = try makeExecutable(directory.url.appendingPathComponent("spec-kitty"),
                                        script: "echo x >> '\(asked.path)'; sleep 0.3; echo 'spec-kitty-cli version 3.2.7'")
        let locator = SpecKittyLocator()
        let versions = Locked<[String]>([])
        SideBySide.run(4) { _ in
            let version = try? locator.version(of: binary, runner: ProcessRunner(), environment: .inheriting())
            versions.withLock { $0.append(version ?? "failed") }
        }
        XCTAssertEqual(versions.current, Array(repeating: "3.2.7", count: 4))
        XCTAssertEqual(try String(contentsOf: asked, encoding: .utf8), "x\n", "four callers side by side, one --version")
    }

    private func makeExecutable(_ url: URL, script: String) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("#!/bin/sh\n\(script)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }
}
