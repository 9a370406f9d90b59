import CanaryCore
@testable import SaaSStandIn

extension JSONValue {
    /// This envelope with `payload[key]` set to `value`.
    func replacingPayload(_ key: String, with value: JSONValue) -> JSONValue {
        guard let members = members else { return self }
        return .object(members.map { member in
            guard member.key == "payload", var payload = member.value.objectDictionary else { return member }
            payload[key] = value
            return (key: "payload", value: .object(sortingKeys: payload))
        })
    }
}
