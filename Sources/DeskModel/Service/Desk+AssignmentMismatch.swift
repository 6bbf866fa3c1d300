import GRDB

/// Giving a ticket to someone outside its branch or below its tier: the console asks first, and
/// the policy may forbid it (`assignment.mismatch`, docs/policy.md).
extension Desk {
    /// Why giving ticket `id` to `handle` crosses a line ("ben is in Technical L1, the ticket in
    /// Billing L1"); nil when it does not.
    public func assignmentMismatch(ticket id: Int64, to handle: String) throws -> String? {
        try db.read { db in
            guard let ticket = try Ticket.fetchOne(db, key: id) else { throw DeskError.unknownTicket(id) }
            return try Self.assignmentMismatch(db, ticket, to: Self.agent(db, handle: handle))
        }
    }

    static func assignmentMismatch(_ db: Database, _ ticket: Ticket, to agent: Agent) throws -> String? {
        guard let branchId = ticket.branchId, let branch = try Branch.fetchOne(db, key: branchId) else { return nil }
        let otherBranch = try agent.branchId.flatMap { $0 == branchId ? nil : try Branch.fetchOne(db, key: $0)?.name }
        let below = agent.tier < branch.tier.level  // `level`: 1, 2, or 3 for engineering, as agents' tiers
        switch (otherBranch, below) {
        case (let other?, true):
            return "\(agent.handle) is a tier-\(agent.tier) agent of \(other), the ticket in \(branch.name) (\(branch.tier.spelledOut))"
        case (let other?, false):
            return "\(agent.handle) is in \(other), the ticket in \(branch.name)"
        case (nil, true):
            return "\(agent.handle) is tier \(agent.tier), the ticket in \(branch.name) (\(branch.tier.spelledOut))"
        case (nil, false):
            return nil
        }
    }
}

extension BranchTier {
    /// "tier-2", for sentences.
    var spelledOut: String {
        switch self {
        case .tier1: "tier-1"
        case .tier2: "tier-2"
        case .engineering: "engineering"
        }
    }
}
