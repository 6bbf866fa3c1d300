import Foundation

/// A JSON value read with `JSONDecoder`, handed to the line parser as Foundation values (`String`,
/// `NSNumber`, `Bool`, `[Any]`, `[String: Any]`, `NSNull`). Not `JSONSerialization`: on Linux it
/// drops a U+FEFF that follows an escape in a string ("\u0004\u{FEFF}" came back without it), and
/// a line's text must arrive as sent (found by LosslessTextPropertyTests).
enum JSONLineValue: Decodable {
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONLineValue])
    case object([String: JSONLineValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONLineValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONLineValue].self))
        }
    }

    /// The value as `JSONSerialization` would have given it.
    var foundation: Any {
        switch self {
        case .string(let s): s
        case .integer(let i): NSNumber(value: i)
        case .double(let d): NSNumber(value: d)
        case .bool(let b): b
        case .null: NSNull()
        case .array(let a): a.map(\.foundation)
        case .object(let o): o.mapValues(\.foundation)
        }
    }

    /// Parses one JSON text.
    static func parse(_ data: Data) throws -> Any {
        try JSONDecoder().decode(JSONLineValue.self, from: data).foundation
    }
}
