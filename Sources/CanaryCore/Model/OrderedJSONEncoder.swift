import Foundation

/// Encodes `Encodable` values to pretty JSON keeping each object's keys in encoding order.
///
/// Foundation's JSONEncoder on Linux does not keep key order, and the run
/// document's field order is part of its format: seed fields first.
public struct OrderedJSONEncoder {
    /// How dates become strings.
    public var formatDate: (Date) -> String

    /// An encoder writing dates with `formatDate`.
    public init(formatDate: @escaping (Date) -> String) {
        self.formatDate = formatDate
    }

    /// The value as an ordered JSON tree.
    public func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = TreeEncoder(formatDate: formatDate)
        try encoder.encodeAny(value)
        return encoder.root.value
    }

    /// The value as pretty JSON text (two-space indent, `"key" : value`, trailing newline).
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        var text = ""
        Self.write(try encodeValue(value), indent: 0, into: &text)
        text += "\n"
        return Data(text.utf8)
    }

    static func write(_ value: JSONValue, indent: Int, into text: inout String) {
        let pad = String(repeating: " ", count: indent + 2)
        switch value {
        case .null: text += "null"
        case let .bool(flag): text += flag ? "true" : "false"
        case let .number(number):
            if number == number.rounded(), abs(number) < 1e15 { text += String(Int64(number)) } else { text += "\(number)" }
        case let .string(string): text += quote(string)
        case let .array(values):
            guard !values.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, element) in values.enumerated() {
                text += pad
                write(element, indent: indent + 2, into: &text)
                text += index < values.count - 1 ? ",\n" : "\n"
            }
            text += String(repeating: " ", count: indent) + "]"
        case let .object(members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{\n"
            for (index, member) in members.enumerated() {
                text += pad + quote(member.key) + " : "
                write(member.value, indent: indent + 2, into: &text)
                text += index < members.count - 1 ? ",\n" : "\n"
            }
            text += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quote(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}

/// A mutable slot in the tree being built; containers share slots by reference.
private final class Slot {
    var value: JSONValue = .null
    var members: [(key: String, slot: Slot)]?
    var elements: [Slot]?

    func resolve() -> JSONValue {
        if let members { return .object(members.map { ($0.key, $0.slot.resolve()) }) }
        if let elements { return .array(elements.map { $0.resolve() }) }
        return value
    }
}

private final class TreeEncoder: Encoder {
    let formatDate: (Date) -> String
    let slot: Slot
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(formatDate: @escaping (Date) -> String, slot: Slot = Slot(), codingPath: [CodingKey] = []) {
        self.formatDate = formatDate
        self.slot = slot
        self.codingPath = codingPath
    }

    var root: (value: JSONValue, slot: Slot) { (slot.resolve(), slot) }

    func encodeAny<T: Encodable>(_ value: T) throws {
        switch value {
        case let date as Date: slot.value = .string(formatDate(date))
        case let json as JSONValue: slot.value = json
        case let url as URL: slot.value = .string(url.absoluteString)
        // Every integer and float width ends here: their own encode(to:) would
        // call back into a container overload this encoder does not spell out.
        case let integer as any BinaryInteger: slot.value = .number(Double(integer))
        case let float as any BinaryFloatingPoint: slot.value = .number(Double(float))
        case let flag as Bool: slot.value = .bool(flag)
        case let string as String: slot.value = .string(string)
        default: try value.encode(to: self)
        }
    }

    func child(_ key: CodingKey?) -> TreeEncoder {
        TreeEncoder(formatDate: formatDate, slot: Slot(), codingPath: codingPath + (key.map { [$0] } ?? []))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.members == nil { slot.members = [] }
        return KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if slot.elements == nil { slot.elements = [] }
        return Unkeyed(encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: TreeEncoder
        var codingPath: [CodingKey] { encoder.codingPath }

        func put(_ key: Key, _ value: JSONValue) {
            let slot = Slot()
            slot.value = value
            append(key, slot)
        }

        func append(_ key: Key, _ slot: Slot) {
            if let index = encoder.slot.members?.firstIndex(where: { $0.key == key.stringValue }) {
                encoder.slot.members?[index].slot = slot
            } else {
                encoder.slot.members?.append((key.stringValue, slot))
            }
        }

        mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .number(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .number(Double(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, .number(Double(value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let child = encoder.child(key)
            try child.encodeAny(value)
            append(key, child.slot)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = encoder.child(key)
            append(key, child.slot)
            return child.container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = encoder.child(key)
            append(key, child.slot)
            return child.unkeyedContainer()
        }

        mutating func superEncoder() -> Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            let child = encoder.child(key)
            append(key, child.slot)
            return child
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [CodingKey] { encoder.codingPath }
        var count: Int { encoder.slot.elements?.count ?? 0 }

        func append(_ slot: Slot) { encoder.slot.elements?.append(slot) }
        func put(_ value: JSONValue) {
            let slot = Slot()
            slot.value = value
            append(slot)
        }

        mutating func encodeNil() throws { put(.null) }
        mutating func encode(_ value: Bool) throws { put(.bool(value)) }
        mutating func encode(_ value: String) throws { put(.string(value)) }
        mutating func encode(_ value: Double) throws { put(.number(value)) }
        mutating func encode(_ value: Int) throws { put(.number(Double(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let child = encoder.child(nil)
            try child.encodeAny(value)
            append(child.slot)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = encoder.child(nil)
            append(child.slot)
            return child.container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = encoder.child(nil)
            append(child.slot)
            return child.unkeyedContainer()
        }

        mutating func superEncoder() -> Encoder { encoder }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.slot.value = .null }
        mutating func encode(_ value: Bool) throws { encoder.slot.value = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.slot.value = .string(value) }
        mutating func encode(_ value: Double) throws { encoder.slot.value = .number(value) }
        mutating func encode(_ value: Int) throws { encoder.slot.value = .number(Double(value)) }
        mutating func encode(_ value: Int64) throws { encoder.slot.value = .number(Double(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeAny(value) }
    }
}
