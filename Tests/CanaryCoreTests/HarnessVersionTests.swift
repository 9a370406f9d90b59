import CanaryCore
import XCTest

final class HarnessVersionTests: XCTestCase {
    func testVersionIsSemantic() {
        XCTAssertEqual(HarnessVersion.current.split(separator: ".").count, 3)
    }
}
