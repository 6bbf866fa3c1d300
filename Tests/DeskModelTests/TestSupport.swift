import DeskModel
import Foundation
import GRDB

/// A fresh database file with a small cast, and a desk at a fixed instant.
/// One manual branch, no rules: tests that are not about routing get no automatic assignment.
let plainPolicy = try! Policy.parse(
    yaml: """
        branches:
          - name: Billing L1
            tier: tier1
        default_branch: Billing L1
        """, file: "test-policy.yaml")

func makeDesk(at time: String = "2026-11-20T09:00:00Z", policy: Policy = plainPolicy) throws -> (Desk, Agent, Agent) {
    let db = try DeskDatabase.temporary()
    let desk = Desk(db: db, clock: FixedClock(FixedClock.parse(time)!), policy: policy)
    let (ada, ben) = try db.write { db -> (Agent, Agent) in
        var branch = Branch(name: "Billing L1", tier: .tier1)
        try branch.insert(db)
        var a = Agent(handle: "ada", name: "Ada Okafor", role: .lead, tier: 1, branchId: branch.id)
        var b = Agent(handle: "ben", name: "Ben Carter", role: .agent, tier: 1, branchId: branch.id)
        try a.insert(db)
        try b.insert(db)
        return (a, b)
    }
    try desk.syncBranches()
    return (desk, ada, ben)
}

func tempPath(_ name: String = "db.sqlite") -> String {
    let dir = NSTemporaryDirectory() + "desk-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}
