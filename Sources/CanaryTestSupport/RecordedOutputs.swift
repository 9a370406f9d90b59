import Foundation
import XCTest

/// Real CLI outputs recorded under `Fixtures/cli-<version>/`, loaded through the bundle.
public enum RecordedOutputs {
    /// The fixture at `path` (e.g. `cli-3.2.7/sync.db`).
    public static func url(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            XCTFail("missing fixture \(path)", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return url
    }

    /// The fixture's text.
    public static func text(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try String(contentsOf: url(path, file: file, line: line), encoding: .utf8)
    }

    /// A private copy of the fixture, so a test may open or change it freely.
    public static func copy(_ path: String, into directory: URL) throws -> URL {
        let source = try url(path)
        let destination = directory.appendingPathComponent(source.lastPathComponent)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: destination)
        return destination
    }
}

