import ArgumentParser
import DeskModel
import Foundation

extension TicketCommand.MessageArguments {
    /// `ticket reply` and `ticket note` through the one send path: template, status variant,
    /// confirmation, then delivery of the email it queued.
    func send(_ desk: Desk, actor: Agent, text: String, visibility: Visibility) throws {
        var body = text
        var templateIds: [Int64] = []
        var actions = MacroActions()
        if let name = template {
            let t = try desk.template(named: name)
            let ins = try desk.insertion(template: t.id!, ticket: id, agent: actor)
            try desk.recordTemplateInsert(t.id!, ticket: id, how: "cli", by: actor)
            body =
                body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || self.body == nil
                ? ins.text : ins.text + "\n\n" + body
            templateIds = [t.id!]
            actions = ins.actions
        }
        var status: TicketStatus?
        if let then {
            guard let s = TicketStatus(rawValue: then), s == .pending || s == .solved else {
                throw ValidationError("--then '\(then)': expected pending or solved.")
            }
            status = s
        }
        let sent = try desk.send(
            ticket: id,
            SendRequest(
                body: body, visibility: visibility, then: status, templateIds: templateIds, actions: actions,
                confirmedInternal: confirmInternal), by: actor, expectedVersion: version)
        MentionWarnings.print(sent.mentions)
        var said = visibility == .public ? "Replied on #\(id)" : "Noted on #\(id)"
        if let s = status { said += " and set \(s.rawValue)" }
        said += " (version \(sent.ticket?.version ?? 0))."
        if let out = sent.outboundId {
            let r = try desk.deliverOutbound([out]).first
            if let r, r.state == "sent" {
                said += " Mailed to \(r.recipient)."
            } else {
                said += " Mail NOT delivered: \(r?.lastError ?? "unknown error") — it waits in `desk outbox list`."
            }
        }
        try TicketCommand.report(desk, id, json: json, said: said)
    }
}
