import Foundation
import GRDB

/// What `desk template import` did: templates written, and every problem of the files skipped.
public struct TemplateImport: Sendable, Equatable {
    public var imported: [String] = []
    public var updated: [String] = []
    public var issues: [PolicyIssue] = []
    public var brokenFiles: [String] = []
}

/// A template ready to go into a draft: placeholders filled from the ticket, the ones with no
/// value left as `{{name}}` to be asked for before sending.
public struct TemplateInsertion: Sendable, Equatable {
    public var templateId: Int64
    public var name: String
    public var text: String
    public var missing: [String]
    public var actions: MacroActions
    public init(templateId: Int64, name: String, text: String, missing: [String], actions: MacroActions) {
        self.templateId = templateId; self.name = name; self.text = text; self.missing = missing; self.actions = actions
    }
}

extension Desk {
    public func templates(includeArchived: Bool = false) throws -> [Template] {
        try db.read { db in
            var q = Template.order(Column("name"))
            if !includeArchived { q = q.filter(Column("archived") == false) }
            return try q.fetchAll(db)
        }
    }

    public func template(named name: String) throws -> Template {
        guard let t = try db.read({ db in try Template.filter(Column("name") == name).fetchOne(db) }) else {
            throw DeskError.invalidRequest("no template named '\(name)'.")
        }
        return t
    }

    /// The template rendered for this ticket and agent.
    public func insertion(template id: Int64, ticket: Int64, agent: Agent?) throws -> TemplateInsertion {
        let (t, values) = try db.read { db -> (Template, [String: String]) in
            guard let t = try Template.fetchOne(db, key: id) else { throw DeskError.invalidRequest("no template #\(id).") }
            guard let tk = try Ticket.fetchOne(db, key: ticket), let c = try Customer.fetchOne(db, key: tk.customerId) else {
                throw DeskError.unknownTicket(ticket)
            }
            let org = try c.organizationId.flatMap { try Organization.fetchOne(db, key: $0) }
            let values = PlaceholderValues.of(ticket: tk, customer: c, organization: org, agent: agent, fields: Self.fields(tk))
            return (t, values.values)
        }
        let text = try TemplateRenderer.render(t.body, values: values)
        return TemplateInsertion(
            templateId: id, name: t.name, text: text, missing: Placeholders.unfilled(in: text), actions: t.macro)
    }

    static func fields(_ t: Ticket) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(t.fields.utf8))) ?? [:]
    }

    /// Sets (or, empty, clears) one of the policy's custom fields on a ticket.
    @discardableResult
    public func setField(
        ticket id: Int64, _ name: String, to value: String, by actor: Agent, expectedVersion: Int? = nil
    ) throws
        -> Ticket
    {
        guard policy.replies.customFields.contains(name) else {
            throw DeskError.invalidValue(field: "custom field", value: name, allowed: policy.replies.customFields)
        }
        try StoredText.validate(value, field: "the value of \(name)")
        return try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.field", permission: .tag) {
            _, ticket, _ in
            var f = Self.fields(ticket)
            let before = f[name] ?? ""
            if value.isEmpty { f[name] = nil } else { f[name] = value }
            ticket.fields = String(decoding: try JSONEncoder.sorted.encode(f), as: UTF8.self)
            return ["field": name, "before": before, "after": value]
        }
    }

    /// Saves an edited template body (knowledge managers: the `templates` permission); marks it reviewed now.
    @discardableResult
    public func saveTemplate(_ id: Int64, body: String, by actor: Agent) throws -> Template {
        try check(actor, may: .templates)
        try StoredText.validate(body, field: "the template")
        let issues = TemplateFile.bodyIssues(body, file: "template", firstLine: 1, customFields: policy.replies.customFields)
        if let first = issues.first { throw DeskError.invalidRequest("line \(first.line): \(first.message)") }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.emptyBody }
        let now = clock.now
        return try write { db in
            guard var t = try Template.fetchOne(db, key: id) else { throw DeskError.invalidRequest("no template #\(id).") }
            t.body = body
            t.lastReviewedAt = now
            try t.update(db)
            var e = TicketEvent(
                ticketId: nil, actorId: actor.id, kind: "template.edited", data: ["template": String(id), "name": t.name],
                createdAt: now)
            try e.insertRow(db)
            return t
        }
    }

    // MARK: - Import and export

    /// Imports every `*.md` file of a directory: a file with any problem is skipped whole and
    /// its problems reported; the others are created or updated (matched by name).
    public func importTemplates(from dir: String, by actor: Agent?) throws -> TemplateImport {
        if let actor { try check(actor, may: .templates) }
        let files = try Files.list(dir).filter { $0.hasSuffix(".md") }.sorted()
        var report = TemplateImport()
        var good: [(TemplateFile, String)] = []
        var seen: [String: String] = [:]
        for f in files {
            let path = (dir as NSString).appendingPathComponent(f)
            guard let data = FileManager.default.contents(atPath: path) else {
                report.issues.append(PolicyIssue(file: f, line: 1, key: "", message: "cannot read the file"))
                report.brokenFiles.append(f)
                continue
            }
            let text: String
            do {
                text = try StoredText.decode(data, field: "the file")
            } catch let refusal as TextRefusal {
                let line = StoredText.line(ofByte: refusal.offset, in: data)
                report.issues.append(PolicyIssue(file: f, line: line, key: "", message: refusal.description))
                report.brokenFiles.append(f)
                continue
            }
            let (spec, issues) = TemplateFile.parse(text, file: f, customFields: policy.replies.customFields)
            var all = issues
            if let spec {
                all += try db.read { db in try resolveIssues(db, spec, file: f) }
                if let other = seen[spec.name] {
                    all.append(
                        PolicyIssue(file: f, line: 2, key: "name", message: "the name '\(spec.name)' is also used by \(other)"))
                }
                seen[spec.name] = f
            }
            if all.isEmpty, let spec {
                good.append((spec, f))
            } else {
                report.issues += all
                report.brokenFiles.append(f)
            }
        }
        try write { db in
            for (spec, _) in good {
                var t = try Template.filter(Column("name") == spec.name).fetchOne(db) ?? Template(name: spec.name, body: "")
                let isNew = t.id == nil
                t.body = spec.body
                t.tags = Self.normalisedTags(spec.tags).joined(separator: ",")
                t.productArea = spec.productArea
                t.branchId = try spec.branch.map { try Self.branchId(db, named: $0) }
                t.ownerId = try spec.owner.map { try Self.agent(db, handle: $0).id! }
                t.lastReviewedAt = spec.lastReviewed
                t.archived = spec.archived
                t.actions = spec.actions.json
                try t.save(db)
                if isNew { report.imported.append(spec.name) } else { report.updated.append(spec.name) }
            }
        }
        return report
    }

    /// Names the database does not know (branches, owners, a macro's branch).
    private func resolveIssues(_ db: Database, _ spec: TemplateFile, file: String) throws -> [PolicyIssue] {
        var out: [PolicyIssue] = []
        let branches = try Self.branchNames(db)
        for (name, line, key) in [(spec.branch, spec.branchLine, "branch"), (spec.actions.branch, 2, "actions.branch")] {
            if let name, !branches.contains(where: { $0.sameName(as: name) }) {
                out.append(
                    PolicyIssue(
                        file: file, line: line, key: key,
                        message: "unknown branch '\(name)' (expected one of: \(branches.joined(separator: ", ")))"))
            }
        }
        if let owner = spec.owner, (try? Self.agent(db, handle: owner)) == nil {
            out.append(PolicyIssue(file: file, line: spec.ownerLine, key: "owner", message: "unknown agent '\(owner)'"))
        }
        return out
    }

    /// Writes one `NAME.md` per template (archived ones included); returns the file names.
    @discardableResult
    public func exportTemplates(to dir: String) throws -> [String] {
        try Files.createFolder(dir)
        let rows = try db.read { db -> [(Template, String?, String?)] in
            try Template.order(Column("name")).fetchAll(db).map { t in
                (t, try Self.branchName(db, id: t.branchId), try t.ownerId.flatMap { try Agent.fetchOne(db, key: $0)?.handle })
            }
        }
        var names: [String] = []
        for (t, branch, owner) in rows {
            var f = TemplateFile(name: t.name, body: t.body)
            f.tags = t.tagList
            f.productArea = t.productArea
            f.branch = branch
            f.owner = owner
            f.lastReviewed = t.lastReviewedAt
            f.archived = t.archived
            f.actions = t.macro
            let file = t.name + ".md"
            try Files.write(Data(f.text.utf8), to: (dir as NSString).appendingPathComponent(file))
            names.append(file)
        }
        return names
    }
}
