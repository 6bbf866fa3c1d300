import Foundation
import Yams

/// Walks a composed YAML tree, reading typed values and collecting every problem with its
/// line and key path instead of stopping at the first (so one `policy check` shows them all).
struct PolicyReader {
    let file: String
    private(set) var issues: [PolicyIssue] = []

    init(file: String) { self.file = file }

    mutating func fail(_ node: Node?, _ key: String, _ message: String) {
        issues.append(PolicyIssue(file: file, line: node?.mark?.line ?? 1, key: key, message: message))
    }

    /// A mapping, or nil (with an issue) when the node is something else.
    mutating func mapping(_ node: Node, _ key: String) -> Node.Mapping? {
        guard let m = node.mapping else {
            fail(node, key, "expected a mapping of keys to values")
            return nil
        }
        return m
    }

    /// Reports keys this section does not know — a typo must not be silently ignored.
    mutating func checkKeys(_ map: Node.Mapping, _ path: String, allowed: [String]) {
        for (k, _) in map {
            let name = k.string ?? ""
            if !allowed.contains(name) {
                fail(k, join(path, name), "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func sequence(_ node: Node, _ key: String) -> [Node]? {
        guard let s = node.sequence else {
            fail(node, key, "expected a list")
            return nil
        }
        return Array(s)
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard let s = node.scalar?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail(node, key, "expected a non-empty text value")
            return nil
        }
        // A "\0" escape in a quoted YAML value: refused as every stored text is (`StoredText`).
        if let at = StoredText.firstNUL(in: s) {
            fail(node, key, "the value contains a NUL character at byte offset \(at); desk stores text without NUL characters")
            return nil
        }
        return s
    }

    /// A list of texts; a single value is taken as a list of one.
    mutating func strings(_ node: Node, _ key: String) -> [String]? {
        if node.scalar != nil { return string(node, key).map { [$0] } }
        guard let items = sequence(node, key) else { return nil }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, "\(key)[\(i + 1)]") { out.append(s) }
        }
        return out
    }

    mutating func integer(_ node: Node, _ key: String, min: Int) -> Int? {
        guard let s = node.scalar?.string, let n = Int(s), n >= min else {
            fail(node, key, "expected a whole number of at least \(min)")
            return nil
        }
        return n
    }

    mutating func boolean(_ node: Node, _ key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true"?, "yes"?: return true
        case "false"?, "no"?: return false
        default:
            fail(node, key, "expected true or false")
            return nil
        }
    }

    /// One of an enum's values, named in the error when it is not one.
    mutating func value<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, what: String) -> T?
    where T.RawValue == String {
        guard let s = string(node, key) else { return nil }
        guard let v = T(rawValue: s.lowercased()) else {
            fail(node, key, "unknown \(what) '\(s)' (expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return v
    }

    mutating func values<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, what: String) -> [T]?
    where T.RawValue == String {
        if node.scalar != nil { return value(node, key, what: what).map { [$0] } }
        guard let items = sequence(node, key) else { return nil }
        return items.enumerated().compactMap { i, item in value(item, "\(key)[\(i + 1)]", what: what) }
    }
}
