/// What about a ticket a change touches. Two changes conflict when one was made on a version
/// the other had not seen and they touch the same aspect (docs/conflicts.md).
public enum ChangeAspect: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case status, priority, assignee, branch, tags, productArea, fields, escalation, merge
    /// A public message from an agent to the customer.
    case publicReply
    /// A message from the customer.
    case customerMessage
    /// Anything else (notes, links, calls): never the same thing as another change.
    case other

    /// What an event of `kind` changed, from its kind and data (`after` of a reply is its status move).
    public static func changed(byKind kind: String, data: [String: String]) -> Set<ChangeAspect> {
        switch kind {
        case "ticket.status": return [.status]
        case "ticket.priority": return [.priority]
        case "ticket.assigned": return [.assignee]
        case "ticket.moved", "ticket.routed": return [.branch]
        case "ticket.tagged", "ticket.untagged": return [.tags]
        case "ticket.area": return [.productArea]
        case "ticket.field": return [.fields]
        case "ticket.merged": return [.merge, .status]
        case "ticket.deescalated": return [.escalation, .branch]
        case "message.reply":
            var aspects: Set<ChangeAspect> = data["visibility"] == "internal" ? [.other] : [.publicReply]
            if data["after"] != nil { aspects.insert(.status) }
            return aspects
        case "message.customer": return [.customerMessage]
        default:
            if kind.hasPrefix("escalation.") { return [.escalation] }
            return [.other]
        }
    }

    /// What a change of `kind` must not overwrite unseen: the same field for a field change; for a
    /// public reply, any public reply or customer message since the draft began. A note guards nothing.
    /// nil: an unknown kind, which conflicts with any change (the old strict rule).
    public static func guarded(byKind kind: String) -> Set<ChangeAspect>? {
        switch kind {
        case "message.note", "message.call", "ticket.linked": return []
        case "message.reply": return [.publicReply, .customerMessage]
        case "ticket.status", "ticket.priority", "ticket.assigned", "ticket.moved", "ticket.routed", "ticket.tagged",
            "ticket.untagged", "ticket.area", "ticket.field", "ticket.merged", "ticket.deescalated":
            return changed(byKind: kind, data: [:]).subtracting([.other])
        case "escalation.requested": return [.escalation, .branch]
        default: return nil
        }
    }
}
