/// One answer of a witness list: `{"<name>": [...], "next": <sequence number or null>}`.
///
/// `next` is null when nothing follows; otherwise ask again with `?after=<next>`.
struct WitnessPage<Item> {
    /// The list's member name, e.g. `sends`.
    var name: String
    /// The rows, oldest first.
    var items: [Item]
    /// The cursor of the next page, nil when this is the last.
    var next: Int64?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension WitnessPage: Encodable where Item: Encodable {
    /// Writes the list under `name`, and `next` (null when absent).
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(items, forKey: Key(name))
        try container.encode(next, forKey: Key("next"))
    }
}

extension WitnessPage: Decodable where Item: Decodable {
    /// Reads the one list member, whatever its name, and `next` (absent: no more pages,
    /// as a stand-in from before paging answers).
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let listKeys = container.allKeys.filter { $0.stringValue != "next" }
        guard listKeys.count == 1, let key = listKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected one list beside 'next', got \(listKeys.map(\.stringValue))"))
        }
        name = key.stringValue
        items = try container.decode([Item].self, forKey: key)
        next = try container.decodeIfPresent(Int64.self, forKey: Key("next"))
    }
}
