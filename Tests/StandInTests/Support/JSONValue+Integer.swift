import CanaryCore

extension JSONValue {
    /// The number as an Int, for report counts.
    var integerValue: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }
}
