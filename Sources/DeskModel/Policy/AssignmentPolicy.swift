import Foundation
import Yams

/// What happens when a ticket is given to an agent outside its branch, or below its branch's tier
/// (a Billing L1 ticket to a Technical agent, a tier-2 ticket to a tier-1 agent).
public struct AssignmentPolicy: Sendable, Equatable {
    public enum Mismatch: String, Sendable, Equatable, CaseIterable {
        /// Allowed; the console asks first, naming the mismatch.
        case ask
        /// Refused by the service, for the console and the CLI alike.
        case forbid
    }

    public var mismatch: Mismatch

    public init(mismatch: Mismatch = .ask) { self.mismatch = mismatch }
}

extension Policy {
    static func readAssignment(_ r: inout PolicyReader, _ node: Node) -> AssignmentPolicy {
        var a = AssignmentPolicy()
        guard let m = r.mapping(node, "assignment") else { return a }
        r.checkKeys(m, "assignment", allowed: ["mismatch"])
        if let n = m["mismatch"], let v: AssignmentPolicy.Mismatch = r.value(n, "assignment.mismatch", what: "mismatch rule") {
            a.mismatch = v
        }
        return a
    }
}
