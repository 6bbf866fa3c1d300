import Foundation
import Yams

/// One template as a Markdown file with YAML front matter (`desk template import|export`):
///
///     ---
///     name: refund-annual-plan
///     tags: [refund]
///     product_area: refunds
///     branch: Billing L1
///     owner: ada
///     last_reviewed: 2026-10-01
///     archived: false
///     actions: {status: pending, priority: high, tags: [refund], branch: Billing L2}
///     ---
///     Hi {{customer.first_name}}, …
public struct TemplateFile: Sendable, Equatable {
    public var name: String
    public var body: String
    public var tags: [String] = []
    public var productArea: String?
    public var branch: String?
    public var owner: String?
    public var lastReviewed: Date?
    public var archived = false
    public var actions = MacroActions()
    /// Lines of `branch` and `owner` in the file, to report a name the database does not know.
    public var branchLine = 1
    public var ownerLine = 1

    static let keys = ["name", "tags", "product_area", "branch", "owner", "last_reviewed", "archived", "actions"]

    /// Parses a file; every problem is reported with its line (the file is usable only without any).
    public static func parse(_ text: String, file: String, customFields: [String]) -> (TemplateFile?, [PolicyIssue]) {
        var r = PolicyReader(file: file)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true,
            let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            r.fail(nil, "", "expected YAML front matter between two '---' lines at the top of the file")
            return (nil, r.issues)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n").trimmingCharacters(in: .newlines)
        let bodyFirstLine = close + 2
        var spec = TemplateFile(name: ((file as NSString).lastPathComponent as NSString).deletingPathExtension, body: body)
        // Yams counts lines from the first line of the front matter; the file has `---` above it.
        func shifted(_ issues: [PolicyIssue]) -> [PolicyIssue] {
            issues.map {
                var i = $0; i.line += 1; return i
            }
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let e as YamlError {
            return (nil, [Policy.syntaxIssue(e, file: file, lineOffset: 1)])
        } catch {
            return (nil, [PolicyIssue(file: file, line: 2, key: "", message: "not valid YAML: \(error)")])
        }
        if let root, let m = r.mapping(root, "") {
            r.checkKeys(m, "", allowed: keys)
            if let n = m["name"], let s = r.string(n, "name") {
                if !s.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
                    r.fail(n, "name", "'\(s)' is not a template name (letters, digits, - _ . only)")
                }
                spec.name = s
            }
            if let n = m["tags"], let s = r.strings(n, "tags") { spec.tags = s }
            if let n = m["product_area"], let s = r.string(n, "product_area") { spec.productArea = s.lowercased() }
            if let n = m["branch"], let s = r.string(n, "branch") {
                spec.branch = s
                spec.branchLine = (n.mark?.line ?? 1) + 1
            }
            if let n = m["owner"], let s = r.string(n, "owner") {
                spec.owner = s
                spec.ownerLine = (n.mark?.line ?? 1) + 1
            }
            if let n = m["last_reviewed"], let s = r.string(n, "last_reviewed") {
                if let d = Self.day(s) {
                    spec.lastReviewed = d
                } else {
                    r.fail(n, "last_reviewed", "expected a date YYYY-MM-DD, not '\(s)'")
                }
            }
            if let n = m["archived"], let b = r.boolean(n, "archived") { spec.archived = b }
            if let n = m["actions"], let a = r.mapping(n, "actions") {
                r.checkKeys(a, "actions", allowed: ["status", "priority", "tags", "branch"])
                spec.actions.status = a["status"].flatMap { r.value($0, "actions.status", what: "status") }
                spec.actions.priority = a["priority"].flatMap { r.value($0, "actions.priority", what: "priority") }
                spec.actions.tags = a["tags"].flatMap { r.strings($0, "actions.tags") } ?? []
                spec.actions.branch = a["branch"].flatMap { r.string($0, "actions.branch") }
            }
        }
        var issues = shifted(r.issues)
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(PolicyIssue(file: file, line: bodyFirstLine, key: "body", message: "the template has no text"))
        }
        issues += bodyIssues(body, file: file, firstLine: bodyFirstLine, customFields: customFields)
        // The spec comes back with its problems, so the caller can add what only the database knows.
        return (spec, issues)
    }

    /// Unknown placeholders and Mustache syntax errors in a body, located in the file.
    public static func bodyIssues(_ body: String, file: String, firstLine: Int, customFields: [String]) -> [PolicyIssue] {
        var issues: [PolicyIssue] = []
        for tag in Placeholders.tags(in: body) {
            if tag.name.isEmpty {
                issues.append(
                    PolicyIssue(
                        file: file, line: firstLine + tag.line - 1, key: "body", message: "'{{' is never closed with '}}'"))
            } else if !Placeholders.isKnown(tag.name, customFields: customFields) {
                let custom = customFields.map { "custom.\($0)" }
                issues.append(
                    PolicyIssue(
                        file: file, line: firstLine + tag.line - 1, key: "body",
                        message:
                            "unknown placeholder {{\(tag.name)}} (known: customer.*, organization.*, ticket.*, agent.*\(custom.isEmpty ? "" : ", " + custom.joined(separator: ", ")); see docs/templates.md)"
                    ))
            }
        }
        if issues.isEmpty, let why = TemplateRenderer.syntaxError(body) {
            issues.append(PolicyIssue(file: file, line: firstLine, key: "body", message: why))
        }
        return issues
    }

    /// The file's text, as `export` writes it (and `parse` reads it back unchanged).
    public var text: String {
        func quoted(_ s: String) -> String {
            let plain =
                s.allSatisfy { $0.isLetter || $0.isNumber || " -_.@".contains($0) } && !s.hasPrefix(" ")
                && !["true", "false", "yes", "no", "null", "~"].contains(s.lowercased())
            if plain && !s.isEmpty { return s }
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var y = ["---", "name: \(quoted(name))"]
        if !tags.isEmpty { y.append("tags: [\(tags.map(quoted).joined(separator: ", "))]") }
        if let productArea { y.append("product_area: \(quoted(productArea))") }
        if let branch { y.append("branch: \(quoted(branch))") }
        if let owner { y.append("owner: \(quoted(owner))") }
        if let lastReviewed { y.append("last_reviewed: \(Self.day(lastReviewed))") }
        if archived { y.append("archived: true") }
        if !actions.isEmpty {
            var a: [String] = []
            if let s = actions.status { a.append("status: \(s.rawValue)") }
            if let p = actions.priority { a.append("priority: \(p.rawValue)") }
            if !actions.tags.isEmpty { a.append("tags: [\(actions.tags.map(quoted).joined(separator: ", "))]") }
            if let b = actions.branch { a.append("branch: \(quoted(b))") }
            y.append("actions: {\(a.joined(separator: ", "))}")
        }
        y.append("---")
        return y.joined(separator: "\n") + "\n" + body + "\n"
    }

    static var utc: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    /// `YYYY-MM-DD` as midnight UTC.
    static func day(_ s: String) -> Date? {
        let p = s.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m),
            (1...31).contains(d)
        else { return nil }
        let date = utc.date(from: DateComponents(year: y, month: m, day: d))
        return date.flatMap { utc.component(.day, from: $0) == d ? $0 : nil }
    }

    static func day(_ d: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day], from: d)
        return "\(c.year!)-\(c.month! < 10 ? "0" : "")\(c.month!)-\(c.day! < 10 ? "0" : "")\(c.day!)"
    }
}
