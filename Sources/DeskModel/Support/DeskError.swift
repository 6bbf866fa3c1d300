import Foundation

/// Every failure desk reports to a person: one clear sentence each.
public enum DeskError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case notADatabase(path: String)
    case newerSchema(path: String, unknown: [String])
    case cannotOpen(path: String, reason: String)
    case unknownTicket(Int64)
    case unknownAgent(String)
    case noAgent(known: [String])
    case invalidValue(field: String, value: String, allowed: [String])
    case emptyBody
    case invalidEmail(String)
    /// The ticket changed since the version the write began from, in the way the write touches.
    case conflict(TicketConflict)
    case transitionRefused(ticket: Int64, from: TicketStatus, to: TicketStatus, reason: String)
    case notPermitted(handle: String, role: AgentRole, action: String)
    case invalidRequest(String)
    case unknownBranch(String, known: [String])
    case noPolicy(path: String)
    /// The escalation package failed its review: one line per failure.
    case reviewFailed([String])
    /// A public reply holding internal-only text (`marker` says which) was not confirmed.
    case unconfirmedInternalText(marker: String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not a desk database (not SQLite, damaged, or another program's file); it was left untouched."
        case .newerSchema(let path, let unknown):
            return
                "\(path) was created by a newer version of desk (unknown migrations: \(unknown.joined(separator: ", "))); upgrade desk to open it."
        case .cannotOpen(let path, let reason):
            return "cannot open \(path): \(reason)"
        case .unknownTicket(let id):
            return "no ticket #\(id)."
        case .unknownAgent(let handle):
            return "no agent with handle '\(handle)'."
        case .noAgent(let known):
            let list = known.prefix(8).joined(separator: ", ")
            return "no agent given: pass --agent HANDLE or set DESK_AGENT (known agents: \(list)\(known.count > 8 ? ", …" : ""))."
        case .invalidValue(let field, let value, let allowed):
            return "'\(value)' is not a valid \(field); expected one of: \(allowed.joined(separator: ", "))."
        case .emptyBody:
            return "the message body is empty."
        case .invalidEmail(let text):
            return "'\(text)' is not a valid email address."
        case .conflict(let conflict):
            return conflict.sentence
        case .transitionRefused(let ticket, let from, let to, let reason):
            return "ticket #\(ticket) cannot move from \(from.rawValue) to \(to.rawValue): \(reason)."
        case .notPermitted(let handle, let role, let action):
            return "\(handle) (role \(role.rawValue)) may not \(action); the policy's roles section decides this."
        case .invalidRequest(let text):
            return text
        case .unknownBranch(let name, let known):
            return "no branch named '\(name)' (known branches: \(known.joined(separator: ", ")))."
        case .noPolicy(let path):
            return "no policy file at \(path); write one with `desk init` or pass --policy PATH."
        case .reviewFailed(let failures):
            return "the escalation package is not ready:\n" + failures.map { "  - \($0)" }.joined(separator: "\n")
        case .unconfirmedInternalText(let marker):
            return "this public reply contains internal-only text (\(marker)); confirm to send it anyway."
        }
    }

    public var errorDescription: String? { description }
}
