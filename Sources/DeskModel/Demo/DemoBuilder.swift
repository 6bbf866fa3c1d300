import Foundation
import GRDB

/// Builds the demo database: about 200 tickets of realistic support work, every status,
/// every channel and customer tier, histories of 1–30 messages with internal notes.
/// Deterministic for a given clock: the same `--now` gives the same database.
public struct DemoBuilder {
    public static let ticketCount = 200
    let desk: Desk

    public init(desk: Desk) { self.desk = desk }

    /// Fills an empty database. The demo fabricates the past, so it writes rows directly,
    /// but it still records the events that the service layer would have recorded.
    public func build() throws {
        var rng = SeededRandom(seed: 20_261_121)
        let now = desk.clock.now.dbSeconds
        try desk.write { db in
            let branchIds = try DemoPeople.branches.map { name, tier -> Int64 in
                var b = Branch(name: name, tier: tier); try b.insert(db); return b.id!
            }
            let agents = try DemoPeople.agents.map { handle, name, role, tier, branch -> Agent in
                var a = Agent(handle: handle, name: name, role: role, tier: tier, branchId: branchIds[branch])
                try a.insert(db); return a
            }
            let orgs = try DemoPeople.organizations.map { name, domain, zone -> (Organization, String) in
                var o = Organization(name: name, domain: domain); try o.insert(db); return (o, zone)
            }
            var customers: [Customer] = []
            for i in 0..<72 {
                let first = DemoPeople.firstNames[i % DemoPeople.firstNames.count]
                let last = DemoPeople.lastNames[(i * 7 + 3) % DemoPeople.lastNames.count]
                let tier: CustomerTier = [.standard, .standard, .standard, .priority, .priority, .vip, .strategic][i % 7]
                let hasOrg = tier != .standard || i % 3 != 0
                let org = hasOrg ? orgs[i % orgs.count] : nil
                let asciiLast = last.unicodeScalars.allSatisfy(\.isASCII) ? last : "tanaka"
                let domain = org?.0.domain ?? ["gmail.example", "outlook.example", "proton.example"][i % 3]
                let email =
                    "\(first.lowercased().folding(options: .diacriticInsensitive, locale: nil)).\(asciiLast.lowercased().folding(options: .diacriticInsensitive, locale: nil))\(i)@\(domain)"
                let owner = (tier == .vip || tier == .strategic || i % 5 == 0) ? agents[[0, 5, 8][i % 3]].id : nil
                var c = Customer(
                    email: email, name: "\(first) \(last)", tier: tier, organizationId: org?.0.id,
                    accountOwnerId: owner, timeZone: org?.1 ?? ["UTC", "America/New_York", "Europe/Berlin"][i % 3])
                try c.insert(db)
                customers.append(c)
            }
            for (name, area, tags, body) in DemoTemplates.all {
                var t = Template(
                    name: name, body: body, tags: tags, productArea: area,
                    ownerId: agents[0].id, lastReviewedAt: Date(dbSeconds: now - Int64(rng.int(3...400)) * 86_400))
                try t.insert(db)
            }
            for n in 0..<Self.ticketCount {
                try makeTicket(db, n: n, now: now, rng: &rng, agents: agents, branchIds: branchIds, customers: customers)
            }
        }
        // The tickets above were written with their history in one go; SLA is derived from it.
        try desk.recomputeSLA()
        try desk.sweepTriggers()
        try DemoNotifications.derive(desk)
    }

    private func makeTicket(
        _ db: Database, n: Int, now: Int64, rng: inout SeededRandom,
        agents: [Agent], branchIds: [Int64], customers: [Customer]
    ) throws {
        let scenario = DemoScenarios.all[n % DemoScenarios.all.count]
        let customer = customers[rng.int(0..<customers.count)]
        let statuses: [TicketStatus] = [.new, .open, .open, .open, .pending, .pending, .onHold, .solved, .solved, .closed]
        let status = statuses[rng.int(0..<statuses.count)]
        let channels: [Channel] = [.email, .email, .email, .chat, .chat, .webForm, .phone]
        let channel = scenario.productArea == "outage" ? .email : channels[rng.int(0..<channels.count)]
        var priority = rng.pick(scenario.priorities)
        if customer.tier == .vip || customer.tier == .strategic, priority < .high, rng.chance(0.5) { priority = .high }
        let vars = variables(rng: &rng)
        let subject = fill(rng.pick(scenario.subjects), vars)

        // Older tickets for finished work; the newest minutes for new ones.
        let ageMinutes: Int
        switch status {
        case .new: ageMinutes = rng.int(3...600)
        case .closed: ageMinutes = rng.int(20_000...120_000)
        case .solved: ageMinutes = rng.int(1_500...5_000)  // inside the policy's 4 days, not yet auto-closed
        default: ageMinutes = rng.int(60...12_000)
        }
        let created = now - Int64(ageMinutes) * 60
        // Routed by the policy like a live ticket; some hard technical cases were then moved to L2 by hand.
        let opening = fill(rng.pick(scenario.openings), vars)
        let org = try customer.organizationId.flatMap { try Organization.fetchOne(db, key: $0)?.name }
        let decision = Router.route(
            RoutingInput(
                channel: channel, customerTier: customer.tier, organization: org, productArea: scenario.productArea,
                subject: subject, body: opening),
            policy: desk.policy)
        var branchIndex = DemoPeople.branches.firstIndex { $0.0 == decision.branch } ?? 1
        var routedBy = decision.reason
        if ["outage", "data", "api"].contains(scenario.productArea), branchIndex == 1, rng.chance(0.6) {
            branchIndex = 3
            routedBy = "moved by hand"
        }
        let candidates = agents.filter { $0.branchId == branchIds[branchIndex] }
        let assignee: Agent? = status == .new && rng.chance(0.7) ? nil : (candidates.isEmpty ? agents[0] : rng.pick(candidates))

        // The conversation: opening, then replies and follow-ups, notes in between.
        let length: Int
        switch status {
        case .new: length = rng.int(1...2)
        default: length = rng.chance(0.1) ? rng.int(12...30) : rng.int(2...9)
        }
        var messages: [(AuthorKind, Visibility, String)] = [(.customer, .public, opening)]
        var agentTurn = status != .new
        while messages.count < length {
            if agentTurn, !scenario.notes.isEmpty, rng.chance(0.3) {
                messages.append((.agent, .internal, fill(rng.pick(scenario.notes), vars)))
                continue
            }
            if agentTurn {
                messages.append((.agent, .public, fill(rng.pick(scenario.replies), vars)))
            } else {
                messages.append((.customer, .public, fill(rng.pick(scenario.followUps), vars)))
            }
            agentTurn.toggle()
        }
        // Waiting on the customer means the agent spoke last; new means nobody answered yet.
        if status == .pending || status == .solved || status == .closed, messages.last?.0 != .agent || messages.last?.1 != .public
        {
            messages.append((.agent, .public, fill(rng.pick(scenario.replies), vars)))
        }
        if status == .onHold {
            messages.append((.agent, .internal, "Waiting on engineering; ticket on hold until they report back."))
        }

        let span = max(Int64(messages.count), (now - created) * 8 / 10)
        var times: [Int64] = []
        var t = created
        for i in 0..<messages.count {
            times.append(t)
            let step = span / Int64(messages.count)
            t += i == 0 ? max(60, step / 2) : max(60, Int64(rng.int(Int(step / 2)...Int(max(step / 2 + 1, step * 3 / 2)))))
            t = min(t, now - 60)
        }
        let updated = max(times.last ?? created, created)
        var ticket = Ticket(
            subject: subject, status: status, priority: priority, channel: channel,
            productArea: scenario.productArea, tags: scenario.tags, branchId: branchIds[branchIndex],
            assigneeId: assignee?.id, customerId: customer.id!, version: 1,
            createdAt: Date(dbSeconds: created), updatedAt: Date(dbSeconds: updated))
        ticket.routedBy = routedBy
        // What agents recorded about impact, for the severity rubric: outages stop everyone,
        // lost data stops a team; elsewhere nobody has assessed it yet.
        switch scenario.productArea {
        case "outage": (ticket.impact, ticket.workaround) = (.organization, .no)
        case "data": (ticket.impact, ticket.workaround) = (.team, .no)
        default: break
        }
        if status == .solved || status == .closed { ticket.solvedAt = Date(dbSeconds: updated) }
        if status == .closed { ticket.closedAt = Date(dbSeconds: min(now, updated + 4 * 86_400)) }
        try ticket.insert(db)
        let id = ticket.id!
        var version = 0
        func event(_ kind: String, _ actor: Int64?, _ data: [String: String], _ at: Int64) throws {
            var e = TicketEvent(ticketId: id, actorId: actor, kind: kind, data: data, createdAt: Date(dbSeconds: at))
            try e.insert(db)
            version += 1
        }
        try event("ticket.created", nil, ["subject": subject, "channel": channel.rawValue, "customer": customer.email], created)
        try event(
            "ticket.routed", nil,
            [
                "before": "", "after": DemoPeople.branches[branchIndex].0,
                "rule": routedBy == "moved by hand" ? decision.reason : routedBy,
            ],
            created)
        if routedBy == "moved by hand" {
            try event(
                "ticket.moved", agents[0].id, ["before": decision.branch, "after": DemoPeople.branches[branchIndex].0],
                created + 600)
        }
        if let assignee {
            try event("ticket.assigned", assignee.id, ["before": "", "after": assignee.handle], times[0] + 30)
        }
        for (i, (kind, visibility, body)) in messages.enumerated() {
            let author = kind == .agent ? (assignee ?? agents[0]) : nil
            var m = Message(
                ticketId: id, authorKind: kind, agentId: author?.id,
                customerId: kind == .customer ? customer.id : nil, visibility: visibility,
                channel: channel, body: body,
                messageIdHeader: channel == .email ? "<demo-\(id)-\(i)@mail.desk.example>" : nil,
                createdAt: Date(dbSeconds: times[i]))
            try m.insert(db)
            if kind == .agent {
                try event(
                    visibility == .public ? "message.reply" : "message.note", author?.id, ["message": String(m.id!)], times[i])
            }
        }
        if status != .new && status != .open {
            try event("ticket.status", assignee?.id, ["before": "open", "after": status.rawValue], updated)
        }
        try db.execute(sql: "UPDATE tickets SET version = ? WHERE id = ?", arguments: [version, id])
    }

    private func variables(rng: inout SeededRandom) -> [String: String] {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
            "December",
        ]
        return [
            "%INV%": "INV-\(rng.int(20_000...89_999))",
            "%AMT%": "\(rng.int(2...90) * 10 + 9).00",
            "%MONTH%": rng.pick(months),
            "%VAT%": "\(rng.int(100_000_000...999_999_999))",
        ]
    }

    private func fill(_ text: String, _ vars: [String: String]) -> String {
        vars.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }
}
