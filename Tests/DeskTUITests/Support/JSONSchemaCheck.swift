import Foundation

/// A JSON document as parsed strictly: `true` is a boolean, never the number 1.
indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    static func parse(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .integer(let i): "\(i)"
        case .number(let d): "\(d)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[\(a.count) items]"
        case .object(let o): "{\(o.keys.sorted().joined(separator: ", "))}"
        }
    }

    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
}

/// A minimal JSON Schema validator for the subset docs/json-schema/ uses (no JSON Schema package
/// for Swift is available to this build; docs/architecture.md says so): `type` (one or a list),
/// `required`, `properties`, `additionalProperties` (false or a schema), `items`, `enum`,
/// `format: date-time` (ISO 8601 UTC, `2026-11-21T10:00:00Z`), `minimum`, and `$ref` to
/// `#/$defs/NAME` in the same file or `FILE.json#/$defs/NAME` beside it. Any other keyword in a
/// schema is an error, so a schema cannot ask for a check this validator would skip.
struct JSONSchemaCheck {
    struct SchemaError: Error, CustomStringConvertible { var description: String }

    let directory: URL
    private var files: [String: JSONValue] = [:]

    init(directory: URL) { self.directory = directory }

    static let keywords: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "type", "required", "properties", "additionalProperties",
        "items", "enum", "format", "minimum", "$ref",
    ]

    mutating func schema(_ file: String) throws -> JSONValue {
        if let s = files[file] { return s }
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        let s = try JSONDecoder().decode(JSONValue.self, from: data)
        files[file] = s
        return s
    }

    /// Every problem of `value` against the schema file, each as `path: what`.
    mutating func problems(_ value: JSONValue, file: String) throws -> [String] {
        var out: [String] = []
        try check(value, try schema(file), file: file, path: "$", into: &out)
        return out
    }

    private mutating func resolve(_ ref: String, from file: String) throws -> (JSONValue, String) {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let target = parts[0].isEmpty ? file : parts[0]
        var node = try schema(target)
        for key in (parts.count > 1 ? parts[1] : "").split(separator: "/") {
            guard let next = node.object?[String(key)] else { throw SchemaError(description: "\(file): no \(ref)") }
            node = next
        }
        return (node, target)
    }

    static let dateTime = try! NSRegularExpression(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#)

    private mutating func check(_ v: JSONValue, _ schema: JSONValue, file: String, path: String, into out: inout [String]) throws {
        guard let s = schema.object else { throw SchemaError(description: "\(file): a schema at \(path) is not an object") }
        for key in s.keys where !Self.keywords.contains(key) {
            throw SchemaError(description: "\(file): unsupported keyword \(key)")
        }
        if let ref = s["$ref"]?.string {
            let (target, targetFile) = try resolve(ref, from: file)
            try check(v, target, file: targetFile, path: path, into: &out)
            return
        }
        if let t = s["type"] {
            let allowed = t.array?.compactMap(\.string) ?? [t.string ?? ""]
            let ok = allowed.contains(v.typeName) || (v.typeName == "integer" && allowed.contains("number"))
            if !ok {
                out.append("\(path): expected \(allowed.joined(separator: " or ")), found \(v.typeName) \(v)")
                return
            }
        }
        if let e = s["enum"]?.array, !e.contains(v) {
            out.append("\(path): \(v) is not one of \(e.map(\.description).joined(separator: ", "))")
        }
        if let m = s["minimum"] {
            let bound: Double? = if case .integer(let i) = m { Double(i) } else if case .number(let d) = m { d } else { nil }
            let value: Double? = if case .integer(let i) = v { Double(i) } else if case .number(let d) = v { d } else { nil }
            if let bound, let value, value < bound { out.append("\(path): \(value) is below \(bound)") }
        }
        if s["format"]?.string == "date-time", let str = v.string,
            Self.dateTime.firstMatch(in: str, range: NSRange(str.startIndex..., in: str)) == nil
        {
            out.append("\(path): \"\(str)\" is not an ISO 8601 UTC time")
        }
        if let obj = v.object {
            let props = s["properties"]?.object ?? [:]
            for case .string(let r) in s["required"]?.array ?? [] where obj[r] == nil {
                out.append("\(path): missing field \(r)")
            }
            for (k, child) in obj.sorted(by: { $0.key < $1.key }) {
                if let ps = props[k] {
                    try check(child, ps, file: file, path: "\(path).\(k)", into: &out)
                } else if let extra = s["additionalProperties"] {
                    if case .bool(false) = extra {
                        out.append("\(path): unexpected field \(k)")
                    } else if extra.object != nil {
                        try check(child, extra, file: file, path: "\(path).\(k)", into: &out)
                    }
                }
            }
        }
        if let arr = v.array, let items = s["items"] {
            for (i, child) in arr.enumerated() { try check(child, items, file: file, path: "\(path)[\(i)]", into: &out) }
        }
    }
}
