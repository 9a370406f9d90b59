/// Reads dotted paths out of a JSON object, naming the path when it is missing.
struct JSONFieldReader {
    let root: JSONValue

    func value(_ path: String) throws -> JSONValue {
        var current = root
        for key in path.split(separator: ".") {
            guard let next = current[String(key)] else { throw StatusParseError.missingField(path) }
            current = next
        }
        return current
    }

    func object(_ path: String) throws -> JSONValue {
        let found = try value(path)
        guard case .object = found else { throw StatusParseError.missingField(path) }
        return found
    }

    func array(_ path: String) throws -> [JSONValue] {
        guard let array = try value(path).arrayValue else { throw StatusParseError.missingField(path) }
        return array
    }

    func string(_ path: String) throws -> String {
        guard let string = try value(path).stringValue else { throw StatusParseError.missingField(path) }
        return string
    }

    func int(_ path: String) throws -> Int {
        guard let number = try value(path).intValue else { throw StatusParseError.missingField(path) }
        return number
    }

    func bool(_ path: String) throws -> Bool {
        guard let flag = try value(path).boolValue else { throw StatusParseError.missingField(path) }
        return flag
    }
}
