import Foundation

/// The placeholders a reply template may use: `customer.*`, `organization.*`, `ticket.*`,
/// `agent.*`, and `custom.NAME` for each custom field the policy declares.
public enum Placeholders {
    public static let known: [String] = [
        "customer.name", "customer.first_name", "customer.email", "customer.tier", "customer.time_zone",
        "organization.name", "organization.domain",
        "ticket.id", "ticket.subject", "ticket.status", "ticket.priority", "ticket.channel", "ticket.product_area",
        "ticket.next_update", "ticket.summary",
        "agent.name", "agent.first_name", "agent.handle",
    ]

    public static func isKnown(_ name: String, customFields: [String]) -> Bool {
        known.contains(name) || (name.hasPrefix("custom.") && customFields.contains(String(name.dropFirst(7))))
    }

    /// One `{{…}}` tag in a text: its name (sigils and spaces stripped), line (1-based) and column.
    public struct Tag: Sendable, Equatable {
        public var name: String
        public var raw: String
        public var line: Int
        public var column: Int
    }

    /// Every Mustache tag in `text`, comments and the content-type pragma excepted. An opening
    /// `{{` with no closing `}}` is reported with an empty name.
    public static func tags(in text: String) -> [Tag] {
        var out: [Tag] = []
        var line = 1
        var column = 1
        let chars = Array(text)
        var i = 0
        // `{{{name}}}` is Mustache's unescaped form: the same name.
        while i < chars.count {
            if chars[i] == "\n" { line += 1; column = 1; i += 1; continue }
            if chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" {
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "}" && chars[j + 1] == "}") { j += 1 }
                guard j + 1 < chars.count else {
                    out.append(Tag(name: "", raw: String(chars[i...]), line: line, column: column))
                    return out
                }
                var end = j + 2
                if end < chars.count, chars[end] == "}" { end += 1 }
                let raw = String(chars[i..<end])
                let inner = String(chars[(i + 2)..<j]).trimmingCharacters(in: CharacterSet(charactersIn: " {}&#^/"))
                if !inner.hasPrefix("!") && !inner.hasPrefix("%") && !inner.hasPrefix(">") {
                    out.append(Tag(name: inner, raw: raw, line: line, column: column))
                }
                for c in chars[i..<end] where c == "\n" { line += 1; column = 0 }
                column += end - i
                i = end
                continue
            }
            column += 1
            i += 1
        }
        return out
    }

    /// The tags in `text` whose names are not placeholders (`custom`: the policy's custom fields).
    public static func unknown(in text: String, customFields: [String]) -> [Tag] {
        tags(in: text).filter { !isKnown($0.name, customFields: customFields) }
    }

    /// The raw `{{…}}` left in a text, by name, in order of first appearance.
    public static func unfilled(in text: String) -> [String] {
        var seen: [String] = []
        for t in tags(in: text) where !seen.contains(t.raw) { seen.append(t.raw) }
        if seen.isEmpty && (text.contains("{{") || text.contains("}}")) { seen.append(text.contains("{{") ? "{{" : "}}") }
        return seen
    }
}
