import CanaryCore
import CanaryGate
import XCTest

/// PEP 440 grammar and order of `SpecKittyVersion`, the rules the gate picks release candidates by.
final class SpecKittyVersionPEP440Tests: XCTestCase {
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
            XCTAssertEqual(try SpecKittyVersion(text).normalized, normalised, "parsing \(text)")
        }
    }

    func testExposesItsParts() throws {
        let version = try SpecKittyVersion("1!3.2.0rc16.post2.dev3+cpu.7")
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
            XCTAssertThrowsError(try SpecKittyVersion(text), "\(text) must not parse")
        }
    }

    func testErrorSaysWhereParsingStopped() {
        XCTAssertThrowsError(try SpecKittyVersion("3.2.0x1")) { error in
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
        ].map(SpecKittyVersion.init)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            XCTAssertLessThan(lower, higher)
            XCTAssertFalse(higher < lower, "\(higher) < \(lower)")
        }
        XCTAssertEqual(ordered.shuffled().sorted(), ordered)
    }

    func testReleaseCandidatesOrderNumericallyNotAsText() throws {
        XCTAssertLessThan(try SpecKittyVersion("3.2.0rc9"), try SpecKittyVersion("3.2.0rc10"))
        XCTAssertLessThan(try SpecKittyVersion("3.2.0rc15"), try SpecKittyVersion("3.2.0rc16"))
        XCTAssertLessThan(try SpecKittyVersion("3.2.0rc45"), try SpecKittyVersion("3.2.0"))
        XCTAssertLessThan(try SpecKittyVersion("3.2.0"), try SpecKittyVersion("3.2.6rc1"))
        XCTAssertLessThan(try SpecKittyVersion("3.2.6rc2"), try SpecKittyVersion("3.2.6"))
        XCTAssertLessThan(try SpecKittyVersion("3.2.6"), try SpecKittyVersion("3.2.6.1"))
        XCTAssertLessThan(try SpecKittyVersion("3.2.7"), try SpecKittyVersion("4.0.0rc1"))
    }

    func testDevReleaseOfAnRCComesBeforeTheRCAndAfterThePreviousRC() throws {
        let previous = try SpecKittyVersion("3.2.0rc15")
        let devBuild = try SpecKittyVersion("3.2.0rc16.dev1")
        let candidate = try SpecKittyVersion("3.2.0rc16")
        XCTAssertLessThan(previous, devBuild)
        XCTAssertLessThan(devBuild, candidate)
    }

    func testPostReleasesOrderAfterTheirBaseAndBeforeTheNextRelease() throws {
        XCTAssertLessThan(try SpecKittyVersion("1.0"), try SpecKittyVersion("1.0.post0"))
        XCTAssertLessThan(try SpecKittyVersion("1.0.post1.dev1"), try SpecKittyVersion("1.0.post1"))
        XCTAssertLessThan(try SpecKittyVersion("1.0.post99"), try SpecKittyVersion("1.0.1"))
        XCTAssertLessThan(try SpecKittyVersion("1.0rc1"), try SpecKittyVersion("1.0rc1.post1"))
        XCTAssertLessThan(try SpecKittyVersion("1.0rc1.post1"), try SpecKittyVersion("1.0rc2"))
    }

    func testLocalLabelsSortAfterThePublicVersionNumbersBeforeText() throws {
        let ordered = try ["1.0", "1.0+abc", "1.0+abc.5", "1.0+abc.7", "1.0+abd", "1.0+5", "1.0+5.abc", "1.0+6", "1.0.post1"]
            .map(SpecKittyVersion.init)
        for (lower, higher) in zip(ordered, ordered.dropFirst()) {
            XCTAssertLessThan(lower, higher)
        }
    }

    func testEpochOutranksEverythingElse() throws {
        XCTAssertLessThan(try SpecKittyVersion("2024.1"), try SpecKittyVersion("1!0.1"))
    }

    func testTrailingZerosDoNotMatterForEqualityOrHashing() throws {
        let short = try SpecKittyVersion("1.0")
        let long = try SpecKittyVersion("1.0.0")
        XCTAssertEqual(short, long)
        XCTAssertEqual(Set([short, long]).count, 1)
        XCTAssertEqual(try SpecKittyVersion("3.2.0RC16"), try SpecKittyVersion("3.2.0-rc.16"))
        XCTAssertNotEqual(try SpecKittyVersion("1.0"), try SpecKittyVersion("1.0+local"))
    }

    func testNextReleaseCandidate() throws {
        XCTAssertEqual(try SpecKittyVersion("3.2.0rc15").nextReleaseCandidate.description, "3.2.0rc16")
        XCTAssertEqual(try SpecKittyVersion("3.2.6").nextReleaseCandidate.description, "3.2.6rc1")
    }

    func testCodableRoundTripUsesNormalisedText() throws {
        let data = try JSONEncoder().encode([try SpecKittyVersion("3.2.0-RC.16")])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["3.2.0rc16"]"#)
        XCTAssertEqual(try JSONDecoder().decode([SpecKittyVersion].self, from: data), [try SpecKittyVersion("3.2.0rc16")])
        XCTAssertThrowsError(try JSONDecoder().decode([SpecKittyVersion].self, from: Data(#"["nope"]"#.utf8)))
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
