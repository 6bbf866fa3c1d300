import Foundation
import GRDB

/// The one write path. Every change to a ticket goes through here: in one immediate
/// transaction it checks the ticket's version, applies the change, bumps the version,
/// appends an event, and keeps derived columns in step.
public struct Desk: Sendable {
    public let db: DatabasePool
    public let clock: any DeskClock
    /// Branches, routing, roles and lifecycle rules (validated before a Desk is made).
    public let policy: Policy

    public init(db: DatabasePool, clock: any DeskClock = SystemClock(), policy: Policy = .standard) {
        self.db = db
        self.clock = clock
        self.policy = policy
    }

    // MARK: - Agents

    public func agent(handle: String) throws -> Agent {
        try db.read { db in try Self.agent(db, handle: handle) }
    }

    static func agent(_ db: Database, handle: String) throws -> Agent {
        guard let a = try Agent.filter(Column("handle") == handle).fetchOne(db) else {
            throw DeskError.unknownAgent(handle)
        }
        return a
    }

    /// The acting agent: `--agent`, else `DESK_AGENT`, else `$USER` when such a handle exists.
    public func resolveAgent(explicit: String?, environment: [String: String]) throws -> Agent {
        if let h = explicit ?? environment["DESK_AGENT"], !h.isEmpty { return try agent(handle: h) }
        if let user = environment["USER"], !user.isEmpty, let a = try? agent(handle: user) { return a }
        let known = try db.read { db in try String.fetchAll(db, sql: "SELECT handle FROM agents ORDER BY handle") }
        throw DeskError.noAgent(known: known)
    }

    // MARK: - Tickets

    /// Opens a ticket for a customer (created on first contact) with its first message.
    @discardableResult
    public func createTicket(
        by actor: Agent?, customerEmail: String, subject: String, channel: Channel,
        body: String?, priority: TicketPriority = .normal, productArea: String? = nil, tags: [String] = [],
        recipient: String? = nil, language: String? = nil
    ) throws -> Ticket {
        try openTicket(
            by: actor, customerEmail: customerEmail, subject: subject, channel: channel, body: body, priority: priority,
            productArea: productArea, tags: tags, recipient: recipient, language: language)
    }

    func openTicket(
        by actor: Agent?, customerEmail: String, subject: String, channel: Channel,
        body: String?, priority: TicketPriority, productArea: String?, tags: [String],
        recipient: String?, language: String?
    ) throws -> Ticket {
        let email = customerEmail.trimmingCharacters(in: .whitespaces)
        guard Self.isPlausibleEmail(email) else { throw DeskError.invalidEmail(customerEmail) }
        try StoredText.validate(subject, field: "the subject")
        try StoredText.validate(body, field: "the first message")
        try StoredText.validate(recipient, field: "the recipient address")
        try StoredText.validate(language, field: "the language")
        let subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subject.isEmpty else { throw DeskError.invalidValue(field: "subject", value: "", allowed: ["any non-empty text"]) }
        let now = clock.now
        return try write { db in
            try closeExpired(db, now: now)
            let customer = try findOrCreateCustomer(db, email: email, name: nil, actor: actor, now: now)
            var first: Message?
            if let body, !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                first = Message(
                    ticketId: 0, authorKind: .customer, customerId: customer.id, visibility: .public, channel: channel,
                    body: body, createdAt: now)
            }
            let ticket = try insertTicket(
                db,
                NewTicket(
                    customer: customer, subject: subject, channel: channel, priority: priority, productArea: productArea,
                    tags: tags, recipient: recipient, language: language, createdAt: now),
                first: &first, by: actor, now: now)
            return ticket
        }
    }

    /// The customer with this address, created on first contact (with an event). A display name
    /// replaces the placeholder name (the address's local part) when one comes along.
    /// `known`: an import batch's customers, read up front (`MailBatchIndex`).
    func findOrCreateCustomer(
        _ db: Database, email: String, name: String?, actor: Agent?, now: Date, known: MailBatchIndex? = nil
    ) throws -> Customer {
        let local = Self.localPart(email)
        let name = name.map { Sanitizer.singleLine($0) }.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        let stored =
            try known?.customer(email: email)
            ?? Customer.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM customers WHERE email = ? COLLATE NOCASE"), arguments: [email])
        if var c = stored {
            // The placeholder is the local part as first stored: the same address may come back in another case.
            if let name, c.name == Self.localPart(c.email), name != c.name {
                c.name = name
                try c.update(db)
                known?.stored(c)
            }
            return c
        }
        var c = Customer(email: email, name: name ?? local)
        try c.insertRow(db)
        known?.stored(c)
        var e = TicketEvent(ticketId: nil, actorId: actor?.id, kind: "customer.created", data: ["email": email], createdAt: now)
        try e.insertRow(db)
        return c
    }

    /// An address's part before the `@`: a new customer's name until a real one arrives.
    static func localPart(_ email: String) -> String {
        if let at = email.utf8.firstIndex(of: UInt8(ascii: "@")), at != email.startIndex { return String(email[..<at]) }
        return email.split(separator: "@").first.map(String.init) ?? email
    }

    /// What a new ticket starts with.
    struct NewTicket {
        var customer: Customer
        var subject: String
        var channel: Channel
        var priority: TicketPriority = .normal
        var productArea: String?
        var tags: [String] = []
        var recipient: String?
        var language: String?
        var createdAt: Date
        var createdData: [String: String] = [:]
        /// Routing's keyword matches, worked out beforehand (`PreparedMail`).
        var keywords: KeywordFindings?
    }

    /// Inserts a ticket with its first message (inside a write): routing, assignment, SLA and
    /// triggers, each with its event, as every new ticket gets them. All of them are decided
    /// before the row is written, so a new ticket is one INSERT (three UPDATEs after it rewrote
    /// the queue indexes each time: the slowest part of importing mail).
    func insertTicket(
        _ db: Database, _ new: NewTicket, first: inout Message?, by actor: Agent?, now: Date, memo: ImportMemo? = nil
    ) throws -> Ticket {
        var ticket = Ticket(
            subject: new.subject, status: .new, priority: new.priority, channel: new.channel, productArea: new.productArea,
            tags: Self.normalisedTags(new.tags), customerId: new.customer.id!, createdAt: new.createdAt)
        ticket.updatedAt = max(now, new.createdAt)
        ticket.recipient = new.recipient
        ticket.language = new.language
        let routing = try applyRouting(
            db, &ticket, body: first?.body ?? "", keywords: new.keywords, customer: new.customer, memo: memo, now: now)
        let branch = routing["after"]
        let assigned = try autoAssign(db, &ticket, branch: branch, memo: memo)
        let history = Self.newTicketHistory(ticket, first)
        let derived = try applyDerived(
            db, &ticket, now: now, actorId: actor?.id, isNew: true,
            facts: history.facts(current: ticket.status, updatedAt: ticket.updatedAt.dbSeconds),
            tierAndBranch: (new.customer.tier, branch))
        try ticket.insertRow(db)
        var data = ["subject": new.subject, "channel": new.channel.rawValue, "customer": new.customer.email]
        data.merge(new.createdData) { a, _ in a }
        var events = [TicketEvent(ticketId: ticket.id, actorId: actor?.id, kind: "ticket.created", data: data, createdAt: now)]
        if var m = first {
            m.ticketId = ticket.id!
            try m.insertRow(db)
            first = m
        }
        events.append(TicketEvent(ticketId: ticket.id, actorId: nil, kind: "ticket.routed", data: routing, createdAt: now))
        if let assigned {
            events.append(
                TicketEvent(
                    ticketId: ticket.id, actorId: nil, kind: "ticket.assigned",
                    data: ["before": "", "after": assigned, "how": "automatic"], createdAt: now))
        }
        for var e in events {
            e.ticketVersion = ticket.version
            try e.insertRow(db)
        }
        try notifyNewTicket(db, ticket, sla: derived.sla, by: actor, now: now)
        // Nothing can be stored against a ticket that did not exist: no escalation, no triggers.
        let triggers = try applyTriggers(db, ticket, derived, now: now, isNew: true, regrouped: [ticket])
        if let memo {
            var after = history
            for e in events { after.addEvent(e) }
            memo.remember(
                ImportMemo.Entry(
                    ticket: ticket, facts: after, escalation: nil, triggers: triggers.active, tier: new.customer.tier,
                    branch: branch))
        }
        return ticket
    }

    /// A new ticket's status history and public messages: its first message (what
    /// `SLAFacts.loadBuilder` would read back).
    static func newTicketHistory(_ ticket: Ticket, _ first: Message?) -> SLAFacts.Builder {
        var builder = SLAFacts.Builder(createdAt: ticket.createdAt.dbSeconds)
        if let m = first { builder.addMessage(m) }
        return builder
    }

    /// Writes the columns of `ticket` that differ from `old`, then remembers it as saved.
    static func save(_ db: Database, _ ticket: Ticket, over old: inout Ticket) throws {
        try ticket.updateRow(db, from: old)
        old = ticket
    }

    /// A ticket by id through a cached statement (the write path reads one per change).
    static func ticket(_ db: Database, _ id: Int64) throws -> Ticket? {
        try Ticket.fetchOne(db.cachedStatement(sql: "SELECT * FROM tickets WHERE id = ?"), arguments: [id])
    }

    /// A public reply from an agent to the customer.
    @discardableResult
    public func reply(ticket id: Int64, body: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try addMessage(ticket: id, body: body, visibility: .public, by: actor, expectedVersion: expectedVersion)
    }

    /// An internal note: visible to agents only, never counts as a reply.
    @discardableResult
    public func note(ticket id: Int64, body: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try addMessage(ticket: id, body: body, visibility: .internal, by: actor, expectedVersion: expectedVersion)
    }

    private func addMessage(
        ticket id: Int64, body: String, visibility: Visibility, by actor: Agent,
        expectedVersion: Int?
    ) throws -> Ticket {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.emptyBody }
        try StoredText.validate(body, field: visibility == .public ? "the reply" : "the note")
        let kind = visibility == .public ? "message.reply" : "message.note"
        let permission: Permission = visibility == .public ? .reply : .note
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: kind, permission: permission
        ) { db, ticket, now in
            let m = try insertAgentMessage(db, ticket, body: body, visibility: visibility, by: actor, now: now)
            var data = ["message": String(m.id!), "visibility": visibility.rawValue]
            Self.openOnFirstReply(&ticket, visibility: visibility, data: &data)
            return data
        }
    }

    /// A first public reply takes a new ticket into work; the event's data records the move.
    static func openOnFirstReply(_ ticket: inout Ticket, visibility: Visibility, data: inout [String: String]) {
        guard visibility == .public && ticket.status == .new else { return }
        ticket.status = .open
        data["before"] = TicketStatus.new.rawValue
        data["after"] = TicketStatus.open.rawValue
    }

    /// How many mails or conversation lines one import transaction takes: fewer commits mean
    /// fewer pages written to the log more than once (figures in docs/bench.md).
    public static let importBatchSize = 2_000

    /// Imports a batch in one write transaction. Optimistically all items at once; when the
    /// database or the body refuses one, that transaction rolls back and the batch runs again
    /// with each item in its own savepoint, so the refused ones come back `failed(reason)` and
    /// the others still land. (A savepoint per item on every batch cost a twentieth of an import.)
    /// `known` reads what the items will look up, once for the batch (`MailBatchIndex`); only the
    /// all-at-once pass gets it.
    func importEach<Item, Result, Known>(
        _ items: [Item], failed: (String) -> Result, known: (Database) throws -> Known?,
        rolledBack: () -> Void = {}, _ body: (Database, Item, Date, Known?) throws -> Result
    ) throws -> [Result] {
        let now = clock.now
        do {
            return try write { db in
                try prepareImport(db, now: now)
                let known = try known(db)
                return try items.map { try body(db, $0, now, known) }
            }
        } catch {
            rolledBack()
            return try write { db in
                try prepareImport(db, now: now)
                return Self.eachInSavepoint(db, items, failed: failed) { try body(db, $0, now, nil) }
            }
        }
    }

    /// What every import transaction starts with: expired tickets closed, and a larger page cache
    /// for the writer (every new ticket and message touches most of the tickets' and messages'
    /// indexes, which outgrow the console's 8 MB; at 100,000 mails 1,681/s became 2,744/s).
    /// The log may grow to 64 MB before the writer copies it back into the database file (SQLite's
    /// default is 4 MB): a page the import rewrites batch after batch is copied back, and fsynced,
    /// once per 64 MB instead of after nearly every commit. (A passive checkpoint from a second
    /// connection on the other core measured slower: it competes with parsing and for the disk.)
    private func prepareImport(_ db: Database, now: Date) throws {
        try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384")
        try closeExpired(db, now: now)
    }

    /// Runs `body` for each item in its own savepoint (inside a write): an item the database or
    /// the body refuses becomes `failed(reason)` and the others still land.
    static func eachInSavepoint<Item, Result>(
        _ db: Database, _ items: [Item], failed: (String) -> Result, _ body: (Item) throws -> Result
    ) -> [Result] {
        items.map { item in
            var result = failed("not imported")
            do {
                try db.inSavepoint {
                    result = try body(item)
                    return .commit
                }
            } catch let error as DatabaseError {
                result = failed(error.message ?? "\(error)")
            } catch {
                result = failed("\(error)")
            }
            return result
        }
    }

    /// Records an agent's message on the ticket (inside a write); a public reply cannot reopen a closed ticket.
    func insertAgentMessage(
        _ db: Database, _ ticket: Ticket, body: String, visibility: Visibility, by actor: Agent, now: Date
    ) throws -> Message {
        if visibility == .public, ticket.status == .closed {
            throw DeskError.invalidRequest(
                "ticket #\(ticket.id!) is closed: a reply cannot reopen it; open a follow-up ticket instead.")
        }
        var m = Message(
            ticketId: ticket.id!, authorKind: .agent, agentId: actor.id, visibility: visibility, channel: ticket.channel,
            body: body, createdAt: now)
        try m.insertRow(db)
        return m
    }

    /// Assigns the ticket to an agent by handle (taking it yourself is `take`).
    @discardableResult
    public func assign(ticket id: Int64, to handle: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        let target = try agent(handle: handle)
        let permission: Permission = target.id == actor.id ? .take : .assign
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.assigned", permission: permission
        ) { db, ticket, _ in
            guard ticket.assigneeId != target.id else {
                throw DeskError.invalidRequest("ticket #\(id) is already assigned to \(target.handle).")
            }
            if self.policy.assignment.mismatch == .forbid, let why = try Self.assignmentMismatch(db, ticket, to: target) {
                throw DeskError.invalidRequest(
                    "#\(id) cannot go to \(target.handle): \(why); the policy forbids it (assignment.mismatch: forbid).")
            }
            let before = try ticket.assigneeId.flatMap { try Agent.fetchOne(db, key: $0)?.handle } ?? ""
            ticket.assigneeId = target.id
            return ["before": before, "after": target.handle]
        }
    }

    /// Assigns the ticket to the acting agent.
    @discardableResult
    public func take(ticket id: Int64, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try assign(ticket: id, to: actor.handle, by: actor, expectedVersion: expectedVersion)
    }

    // MARK: - The write path

    /// Every write transaction of the desk: the body, then the full-text entries of the rows it
    /// added (queued by triggers, indexed in one statement: docs/architecture.md). Writers of all
    /// processes queue for it at the `WriterGate`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try WriterGate.at(db.path).around {
            try db.write { db in
                let result = try body(db)
                try FullTextQueue.flush(db)
                return result
            }
        }
    }

    /// Loads the ticket, refuses a stale version, applies `body`, bumps the version and
    /// `updatedAt`, and records one event — all in one immediate transaction.
    @discardableResult
    func change(
        ticket id: Int64, by actor: Agent?, expectedVersion: Int?, kind: String, permission: Permission? = nil,
        guards: Set<ChangeAspect>? = nil, _ body: @escaping (Database, inout Ticket, Date) throws -> [String: String]
    ) throws -> Ticket {
        let now = clock.now
        if let actor, let permission { try check(actor, may: permission) }
        return try write { db in
            // Solved tickets past the policy's days close first, so this write sees them closed.
            try closeExpired(db, now: now)
            return try applyChange(
                db, ticket: id, by: actor, expectedVersion: expectedVersion, kind: kind, now: now, guards: guards, body)
        }
    }

    /// `change` inside a write that is already open (a batch of imported mail). `loaded` is the
    /// ticket as this transaction just read it (spares reading it twice).
    /// `expectedVersion` is the version the agent began from; `guards` what the change must not
    /// overwrite unseen (default: what its kind changes, `ChangeAspect.guarded`).
    func applyChange(
        _ db: Database, ticket id: Int64, by actor: Agent?, expectedVersion: Int?, kind: String, now: Date,
        loaded: Ticket? = nil, memo: ImportMemo? = nil, guards: Set<ChangeAspect>? = nil, _ body: (Database, inout Ticket, Date) throws -> [String: String]
    ) throws -> Ticket {
        guard var ticket = try loaded ?? Self.ticket(db, id) else { throw DeskError.unknownTicket(id) }
        var saved = ticket
        // What an import learned of this ticket in its last write (nil: read it from the database).
        let known = memo?.entry(for: ticket)
        if let base = expectedVersion {
            try checkBase(db, ticket: ticket, base: base, guards: guards ?? ChangeAspect.guarded(byKind: kind), now: now)
        }
        let data = try body(db, &ticket, now)
        ticket.version += 1
        ticket.updatedAt = max(now, ticket.createdAt)
        // The status changes and public messages as of this write (its own event is not stored yet).
        let added = memo?.takeNotedMessages() ?? []
        var history = try known?.facts ?? (memo == nil ? nil : SLAFacts.loadBuilder(db, ticket: ticket))
        if known != nil { for m in added { history?.addMessage(m) } }
        let derived = try applyDerived(
            db, &ticket, now: now, actorId: actor?.id, isNew: false,
            facts: history?.facts(current: ticket.status, updatedAt: ticket.updatedAt.dbSeconds),
            tierAndBranch: known.map { ($0.tier, $0.branch) })
        // Moved to another customer or product area: repeats of it may have come or gone.
        let regrouped =
            ticket.productArea != saved.productArea || ticket.customerId != saved.customerId ? [saved, ticket] : []
        try Self.save(db, ticket, over: &saved)
        var event = TicketEvent(ticketId: id, actorId: actor?.id, kind: kind, data: data, createdAt: now)
        event.ticketVersion = ticket.version
        try event.insertRow(db)
        for var e in derived.events {
            e.ticketVersion = ticket.version
            try e.insertRow(db)
        }
        try notifyConcerned(db, ticket, after: event, data: data, sla: derived.sla, by: actor)
        let triggers = try applyTriggers(
            db, ticket, derived, now: now, known: known.map { ($0.escalation, $0.triggers) }, regrouped: regrouped)
        if let memo, var history {
            history.addEvent(event, data: data)
            for e in derived.events { history.addEvent(e) }
            memo.remember(
                ImportMemo.Entry(
                    ticket: ticket, facts: history, escalation: triggers.escalation, triggers: triggers.active,
                    tier: derived.tier, branch: derived.branch))
        }
        return ticket
    }

    /// What a write derives before the row is saved, and what the triggers read after.
    struct Derived {
        var events: [TicketEvent]
        var tier: CustomerTier
        var branch: String?
        var sla: [SLATargetStatus]
        var facts: SLAFacts
    }

    /// Severity from the rubric, then the SLA policy and deadline columns (docs/architecture.md).
    /// A new ticket's first severity and policy are not events of their own.
    /// `facts` (`newTicketHistory`), tier and branch are given for a ticket not yet stored, or remembered by an import.
    func applyDerived(
        _ db: Database, _ ticket: inout Ticket, now: Date, actorId: Int64?, isNew: Bool, facts known: SLAFacts? = nil,
        tierAndBranch given: (CustomerTier, String?)? = nil
    ) throws -> Derived {
        let (tier, branch) = try given ?? tierAndBranch(db, ticket)
        let severity = applySeverity(db, &ticket, tier: tier, now: now, actorId: actorId)
        // The ticket's status changes and public messages, as of this write: SLA and triggers read them.
        let facts = try known ?? SLAFacts.load(db, ticket: ticket, current: ticket.status)
        let sla = try applySLA(db, &ticket, tier: tier, branch: branch, facts: facts, now: now, actorId: actorId)
        let events = isNew ? [] : [severity, sla.event].compactMap { $0 }
        return Derived(events: events, tier: tier, branch: branch, sla: sla.statuses, facts: facts)
    }

    /// Fires and clears the ticket's escalation triggers; after the write's own event. `known`:
    /// the open escalation and active triggers as an import remembers them (else they are read).
    /// Returns both as they are after the write.
    @discardableResult
    func applyTriggers(
        _ db: Database, _ ticket: Ticket, _ d: Derived, now: Date, isNew: Bool = false,
        known: (escalation: OpenEscalation?, triggers: [TriggerRecord])? = nil, regrouped: [Ticket] = []
    ) throws -> (escalation: OpenEscalation?, active: [TriggerRecord]) {
        let escalation = try isNew ? nil : known.map(\.escalation) ?? openEscalation(db, ticket: ticket.id!)
        let facts = try triggerFacts(
            db, ticket, tier: d.tier, branch: d.branch, sla: d.sla, facts: d.facts, open: .some(escalation),
            openIncidents: nil)
        let synced = try syncTriggers(
            db, ticket: ticket.id!, policy.escalation.triggers.evaluate(facts), now: now.dbSeconds,
            stored: isNew ? [] : known?.triggers)
        try scheduleCheck(db, ticket, d, now: now, repeatsOf: regrouped)
        return (escalation, synced.active)
    }

    /// Refuses an action the actor's role does not allow.
    func check(_ actor: Agent, may permission: Permission) throws {
        guard policy.role(actor.role).can.contains(permission) else {
            throw DeskError.notPermitted(handle: actor.handle, role: actor.role, action: permission.verb)
        }
    }

    public static func isPlausibleEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !s.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false })
    }
}
