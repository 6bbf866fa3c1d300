import DeskModel

/// A phone call being logged: which ticket (nil: a new one for the caller) and what was typed so far.
public struct CallDraft: Sendable, Equatable {
    public var ticket: Int64?
    public var email = ""
    public var subject = ""
    public var minutes = 0
    public var summary = ""
    public init(ticket: Int64?) { self.ticket = ticket }
}

/// Logging a phone call: `c` on the open ticket, `C` for a new ticket. One-line prompts for the
/// caller and subject (new ticket only), the length and a summary, then a picker for the outcome.
extension Reducer {
    static func startCall(_ state: inout AppState, newTicket: Bool) -> [Effect] {
        if newTicket {
            state.call = CallDraft(ticket: nil)
            state.overlay = .prompt(.callCaller, "")
            return []
        }
        guard let id = state.ticket.detail?.ticket.id, state.focus == .ticket else {
            state.status = StatusMessage(text: "open a ticket to log a call on it, or C for a new phone ticket", isError: true)
            return []
        }
        state.call = CallDraft(ticket: id)
        state.overlay = .prompt(.callMinutes, "")
        return []
    }

    /// Nil when `kind` is not one of the call's prompts.
    static func submitCallPrompt(_ state: inout AppState, _ kind: PromptKind, _ text: String) -> [Effect]? {
        guard [.callCaller, .callSubject, .callMinutes, .callSummary].contains(kind) else { return nil }
        guard var call = state.call else {
            state.overlay = .none
            return []
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .callCaller:
            guard Desk.isPlausibleEmail(trimmed) else {
                state.status = StatusMessage(text: "type the caller's email address, e.g. sam@example.com", isError: true)
                return []
            }
            call.email = trimmed
            state.overlay = .prompt(.callSubject, "")
        case .callSubject:
            guard !trimmed.isEmpty else {
                state.status = StatusMessage(text: "the new ticket needs a subject", isError: true)
                return []
            }
            call.subject = trimmed
            state.overlay = .prompt(.callMinutes, "")
        case .callMinutes:
            guard let minutes = PhoneCall.minutes(trimmed), minutes <= 24 * 60 else {
                state.status = StatusMessage(text: "type the call's length: 12, 12m, 1h05 or 90s", isError: true)
                return []
            }
            call.minutes = minutes
            state.overlay = .prompt(.callSummary, call.summary)
        default:
            call.summary = text
            let items = CallOutcome.allCases.map {
                PickerItem(
                    label: $0.label, detail: $0.reached ? ($0 == .resolved ? "reply · solves the ticket" : "reply") : "note",
                    choice: .callOutcome($0))
            }
            state.overlay = .picker(Picker(title: "How did the call end? (\(call.minutes) min)", items: items))
        }
        state.status = nil
        state.call = call
        return []
    }

    static func chooseCallOutcome(_ state: inout AppState, _ outcome: CallOutcome) -> [Effect] {
        guard let call = state.call else { return [] }
        state.overlay = .none
        let phone = PhoneCall(minutes: call.minutes, outcome: outcome, summary: call.summary)
        guard let id = call.ticket else {
            return [.perform(.newCall(email: call.email, subject: call.subject, phone), ticket: 0, version: 0)]
        }
        // Checked against the ticket as it is loaded now (a conflict reloads it and keeps the call).
        guard let detail = state.ticket.detail, detail.ticket.id == id else {
            state.status = StatusMessage(text: "ticket #\(id) is no longer open: the call was not logged", isError: true)
            return []
        }
        return [.perform(.logCall(phone), ticket: id, version: state.baseVersion(of: id))]
    }
}
