import Foundation
import XCTest

/// Recorded real outputs shipped with the tests (Tests/GateTests/Fixtures).
enum GateFixtures {
    /// The text of the fixture named `name`.
    static func text(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
            XCTFail("the test bundle has no Fixtures resource", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
