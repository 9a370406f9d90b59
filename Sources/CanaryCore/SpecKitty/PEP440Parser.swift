import Foundation

/// A hand-written scanner for PEP 440's permissive grammar.
///
/// Written out rather than as a regular expression so that every accepted
/// spelling (separators, synonyms, implicit numbers) is visible and each
/// failure can say where it happened.
struct PEP440Parser {
    private let original: String
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        original = text
        characters = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    mutating func parse() throws -> SpecKittyVersion {
        if peek == "v" { index += 1 }
        var epoch = 0
        var release = try numberList()
        if peek == "!" {
            guard release.count == 1 else { throw failure("an epoch is a single number") }
            index += 1
            epoch = release[0]
            release = try numberList()
        }
        let pre = try preRelease()
        let post = try postRelease()
        let dev = try devRelease()
        let local = try localLabel()
        guard index == characters.count else { throw failure("unexpected '\(characters[index])' at offset \(index)") }
        return SpecKittyVersion(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    // MARK: Segments

    private mutating func numberList() throws -> [Int] {
        var numbers = [try number()]
        while peek == ".", index + 1 < characters.count, characters[index + 1].isASCIIDigit {
            index += 1
            numbers.append(try number())
        }
        return numbers
    }

    private mutating func preRelease() throws -> SpecKittyVersion.PreRelease? {
        let start = index
        skipSeparator()
        let labels: [(String, SpecKittyVersion.PreReleaseKind)] = [
            ("alpha", .alpha), ("a", .alpha), ("beta", .beta), ("b", .beta),
            ("preview", .releaseCandidate), ("pre", .releaseCandidate), ("rc", .releaseCandidate),
            ("c", .releaseCandidate),
        ]
        guard let kind = labels.first(where: { consume($0.0) })?.1 else {
            index = start
            return nil
        }
        return SpecKittyVersion.PreRelease(kind, try implicitNumber())
    }

    private mutating func postRelease() throws -> Int? {
        let start = index
        // `1.0-1` is an implicit post-release: a dash directly followed by digits.
        if peek == "-", index + 1 < characters.count, characters[index + 1].isASCIIDigit {
            index += 1
            return try number()
        }
        skipSeparator()
        guard ["post", "rev", "r"].contains(where: { consume($0) }) else {
            index = start
            return nil
        }
        return try implicitNumber()
    }

    private mutating func devRelease() throws -> Int? {
        let start = index
        skipSeparator()
        guard consume("dev") else {
            index = start
            return nil
        }
        return try implicitNumber()
    }

    private mutating func localLabel() throws -> [SpecKittyVersion.LocalSegment] {
        guard peek == "+" else { return [] }
        index += 1
        var segments: [SpecKittyVersion.LocalSegment] = []
        repeat {
            let start = index
            while let character = peek, character.isASCIIDigit || ("a" ... "z").contains(character) { index += 1 }
            guard index > start else { throw failure("empty part in the local label at offset \(index)") }
            let text = String(characters[start ..< index])
            if text.allSatisfy(\.isASCIIDigit) {
                guard let value = Int(text) else { throw failure("local part '\(text)' is too large") }
                segments.append(.number(value))
            } else {
                segments.append(.text(text))
            }
        } while skipSeparator()
        return segments
    }

    // MARK: Primitives

    private var peek: Character? { index < characters.count ? characters[index] : nil }

    /// A pre/post/dev number may be left out, and a separator may stand before it.
    private mutating func implicitNumber() throws -> Int {
        let start = index
        skipSeparator()
        guard let next = peek, next.isASCIIDigit else {
            index = start
            return 0
        }
        return try number()
    }

    private mutating func number() throws -> Int {
        let start = index
        while let character = peek, character.isASCIIDigit { index += 1 }
        guard index > start else {
            let found = peek.map { "'\($0)'" } ?? "the end"
            throw failure("expected a number at offset \(start), found \(found)")
        }
        let digits = String(characters[start ..< index])
        guard let value = Int(digits) else { throw failure("number '\(digits)' is too large") }
        return value
    }

    @discardableResult
    private mutating func skipSeparator() -> Bool {
        guard let character = peek, character == "." || character == "-" || character == "_" else { return false }
        index += 1
        return true
    }

    private mutating func consume(_ word: String) -> Bool {
        let letters = Array(word)
        guard index + letters.count <= characters.count,
              Array(characters[index ..< index + letters.count]) == letters
        else { return false }
        index += letters.count
        return true
    }

    private func failure(_ reason: String) -> PEP440Error {
        PEP440Error(text: original, reason: reason)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
