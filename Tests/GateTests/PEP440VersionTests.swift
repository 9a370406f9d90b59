import CanaryCore
import CanaryGate
import XCTest

final class PEP440VersionTests: XCTestCase {
    // MARK: Parsing and normalisation

    func testNormalisesEverySpellingThePEPAllows() throws {
        let cases: [(String, String)] = [
            ("3.2.0rc16", "3.2.0rc16"),
            ("3.2.0-rc.16", "3.2.0rc16"),
            ("3.2.0RC16", "3.2.0rc16"),
            ("3.2.0_rc_16", "3.2.0rc16"),
            ("v3.2.0rc16", "3.2.0rc16"),
            ("  3.2.0rc16\n", "3.2.0rc16"),
            ("1.0c1", "1.0rc1"),
            ("1.0pre1", "1.0rc1"),
            ("1.0preview1", "1.0rc1"),
            ("1.0alpha2", "1.0a2"),
            ("1.0beta", "1.0b0"),
            ("1.0a", "1.0a0"),
            ("3.2.0rc", "3.2.0rc0"),
            ("1.0-1", "1.0.post1"),
            ("1.0post", "1.0.post0"),
            ("1.0-r4", "1.0.post4"),
            ("1.0rev4", "1.0.post4"),
            ("1.0.dev", "1.0.dev0"),
            ("1.0-dev-3", "1.0.dev3"),
            ("01.002.0003", "1.2.3"),
            ("1!2.0", "1!2.0"),
            ("0!2.0", "2.0"),
            ("1.0+Ubuntu-1", "1.0+ubuntu.1"),
            ("1.0+abc_5.007", "1.0+abc.5.7"),
            ("1!2.0b3.post4.dev5+local.6", "1!2.0b3.post4.dev5+local.6"),
            ("3.2.6.2", "3.2.6.2"),
        ]
        for (text, normalised) in cases {
            XCTAssertEqual(try PEP440Version(text).description, normalised, "parsing \(text)")
        }
    }

    func testExposesItsParts() throws {
        let version = try PEP440Version("1!3.2.0rc16.post2.dev3+cpu.7")
        XCTAssertEqual(version.epoch, 1)
        XCTAssertEqual(version.release, [3, 2, 0])
        XCTAssertEqual(version.pre, .init(.releaseCandidate, 16))
        XCTAssertEqual(version.post, 2)
        XCTAssertEqual(version.dev, 3)
        XCTAssertEqual(version.local, [.text("cpu"), .number(7)])
        XCTAssertTrue(version.isPrerelease)
        XCTAssertTrue(version.isReleaseCandidate)
    }

    func testRejectsWhatIsNotAVersion() {
        let invalid = ["", "rc1", "3.2.0x1", "3..2", "3.2.", "1.0+", "1.0+a..b", "1!2!3", "1.0 rc1", "3.2.0rc16 extra",
                       "99999999999999999999999"]
        for text in invalid {
            XCTAssertThrowsError(try PEP440Version(text), "\(text) must not parse")
        }
    }

    func testErrorSaysWhereParsingStopped() {
        XCTAssertThrowsError(try PEP440Version("3.2.0x1")) { error in
            XCTAssertEqual("\(error)", "'3.2.0x1' is not a PEP 440 version: unexpected 'x' at offset 5")
        }
    }

    // MARK: Ordering

    /// The ordering example from PEP 440 ("Summary of permitted suffixes and relative ordering").
    func testOrdersThePEPsExampleSequence() throws {
        let ordered = try [
            "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0b2-346", "1.0c1.dev456", "1.0c1", "1.0rc2", "1.0c3",
            "1.0", "1.0.post456.dev34", "1.0.post456", "1.1.dev1",
        ].map(PEP440Version.init)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            XCTAssertLessThan(lower, higher)
            XCTAssertFalse(higher < lower, "\(higher) < \(lower)")
        }
        XCTAssertEqual(ordered.shuffled().sorted(), ordered)
    }

    func testReleaseCandidatesOrderNumericallyNotAsText() throws {
        XCTAssertLessThan(try PEP440Version("3.2.0rc9"), try PEP440Version("3.2.0rc10"))
        XCTAssertLessThan(try PEP440Version("3.2.0rc15"), try PEP440Version("3.2.0rc16"))
        XCTAssertLessThan(try PEP440Version("3.2.0rc45"), try PEP440Version("3.2.0"))
        XCTAssertLessThan(try PEP440Version("3.2.0"), try PEP440Version("3.2.6rc1"))
        XCTAssertLessThan(try PEP440Version("3.2.6rc2"), try PEP440Version("3.2.6"))
        XCTAssertLessThan(try PEP440Version("3.2.6"), try PEP440Version("3.2.6.1"))
        XCTAssertLessThan(try PEP440Version("3.2.7"), try PEP440Version("4.0.0rc1"))
    }

    func testDevReleaseOfAnRCComesBeforeTheRCAndAfterThePreviousRC() throws {
        let previous = try PEP440Version("3.2.0rc15")
        let devBuild = try PEP440Version("3.2.0rc16.dev1")
        let candidate = try PEP440Version("3.2.0rc16")
        XCTAssertLessThan(previous, devBuild)
        XCTAssertLessThan(devBuild, candidate)
    }

    func testPostReleasesOrderAfterTheirBaseAndBeforeTheNextRelease() throws {
        XCTAssertLessThan(try PEP440Version("1.0"), try PEP440Version("1.0.post0"))
        XCTAssertLessThan(try PEP440Version("1.0.post1.dev1"), try PEP440Version("1.0.post1"))
        XCTAssertLessThan(try PEP440Version("1.0.post99"), try PEP440Version("1.0.1"))
        XCTAssertLessThan(try PEP440Version("1.0rc1"), try PEP440Version("1.0rc1.post1"))
        XCTAssertLessThan(try PEP440Version("1.0rc1.post1"), try PEP440Version("1.0rc2"))
    }

    func testLocalLabelsSortAfterThePublicVersionNumbersBeforeText() throws {
        let ordered = try ["1.0", "1.0+abc", "1.0+abc.5", "1.0+abc.7", "1.0+abd", "1.0+5", "1.0+5.abc", "1.0+6", "1.0.post1"]
            .map(PEP440Version.init)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            XCTAssertLessThan(lower, higher)
        }
    }

    func testEpochOutranksEverythingElse() throws {
        XCTAssertLessThan(try PEP440Version("2024.1"), try PEP440Version("1!0.1"))
    }

    func testTrailingZerosDoNotMatterForEqualityOrHashing() throws {
        let short = try PEP440Version("1.0")
        let long = try PEP440Version("1.0.0")
        XCTAssertEqual(short, long)
        XCTAssertEqual(Set([short, long]).count, 1)
        XCTAssertEqual(try PEP440Version("3.2.0RC16"), try PEP440Version("3.2.0-rc.16"))
        XCTAssertNotEqual(try PEP440Version("1.0"), try PEP440Version("1.0+local"))
    }

    func testNextReleaseCandidate() throws {
        XCTAssertEqual(try PEP440Version("3.2.0rc15").nextReleaseCandidate.description, "3.2.0rc16")
        XCTAssertEqual(try PEP440Version("3.2.6").nextReleaseCandidate.description, "3.2.6rc1")
    }

    func testCodableRoundTripUsesNormalisedText() throws {
        let data = try JSONEncoder().encode([try PEP440Version("3.2.0-RC.16")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["3.2.0rc16"]"#)
        XCTAssertEqual(try JSONDecoder().decode([PEP440Version].self, from: data), [try PEP440Version("3.2.0rc16")])
        XCTAssertThrowsError(try JSONDecoder().decode([PEP440Version].self, from: Data(#"["nope"]"#.utf8)))
    }

    func testReleaseLineIsStoredAsItsTextAndValidatedOnDecode() throws {
        let data = try JSONEncoder().encode([try ReleaseLine("3.2")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["3.2"]"#)
        XCTAssertEqual(try JSONDecoder().decode([ReleaseLine].self, from: data), [try ReleaseLine("3.2")])
        XCTAssertThrowsError(try JSONDecoder().decode([ReleaseLine].self, from: Data(#"["3.2rc1"]"#.utf8))) { error in
            guard case DecodingError.dataCorrupted? = error as? DecodingError else { return XCTFail("\(error)") }
        }
    }
}
