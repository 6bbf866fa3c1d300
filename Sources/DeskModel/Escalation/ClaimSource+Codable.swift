import Foundation

/// A deliberate shape for a claim's source, in the stored package and in `--json` alike:
/// `{"kind": "message", "number": 3}`, `{"kind": "field", "name": "customer.tier"}`,
/// `{"kind": "rule", "name": "sla.vip"}`. Packages stored before it used Swift's synthesized
/// enum encoding (`{"message": {"_0": 3}}`); those still decode.
extension ClaimSource: Codable {
    private enum Key: String, CodingKey { case kind, number, name }
    private enum Legacy: String, CodingKey { case message, field, rule }
    private enum LegacyValue: String, CodingKey { case value = "_0" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .message(let n):
            try c.encode("message", forKey: .kind)
            try c.encode(n, forKey: .number)
        case .field(let f):
            try c.encode("field", forKey: .kind)
            try c.encode(f, forKey: .name)
        case .rule(let r):
            try c.encode("rule", forKey: .kind)
            try c.encode(r, forKey: .name)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let kind = try c.decodeIfPresent(String.self, forKey: .kind) {
            switch kind {
            case "message": self = .message(try c.decode(Int.self, forKey: .number))
            case "field": self = .field(try c.decode(String.self, forKey: .name))
            case "rule": self = .rule(try c.decode(String.self, forKey: .name))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .kind, in: c, debugDescription: "unknown claim source kind '\(kind)'")
            }
            return
        }
        let legacy = try decoder.container(keyedBy: Legacy.self)
        if let v = try? legacy.nestedContainer(keyedBy: LegacyValue.self, forKey: .message) {
            self = .message(try v.decode(Int.self, forKey: .value))
        } else if let v = try? legacy.nestedContainer(keyedBy: LegacyValue.self, forKey: .field) {
            self = .field(try v.decode(String.self, forKey: .value))
        } else {
            let v = try legacy.nestedContainer(keyedBy: LegacyValue.self, forKey: .rule)
            self = .rule(try v.decode(String.self, forKey: .value))
        }
    }
}
