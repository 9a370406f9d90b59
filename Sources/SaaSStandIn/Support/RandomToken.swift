/// Unguessable identifiers for tokens and device codes.
enum RandomToken {
    /// `prefix` followed by `bytes` random bytes in lowercase hex.
    static func make(_ prefix: String, bytes: Int = 20) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var text = prefix
        for _ in 0 ..< bytes {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// An RFC 8628 user code, e.g. `BCDF-GHJK` (no vowels, so no words).
    static func userCode() -> String {
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        var generator = SystemRandomNumberGenerator()
        let pick = { String((0 ..< 4).map { _ in letters[Int.random(in: 0 ..< letters.count, using: &generator)] }) }
        return "\(pick())-\(pick())"
    }
}
