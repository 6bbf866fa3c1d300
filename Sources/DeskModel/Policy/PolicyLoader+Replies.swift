import Foundation
import Yams

extension Policy {
    static func readReplies(_ r: inout PolicyReader, _ node: Node) -> ReplyPolicy {
        var p = ReplyPolicy()
        guard let m = r.mapping(node, "replies") else { return p }
        r.checkKeys(m, "replies", allowed: ["custom_fields", "internal_markers", "stale_after_days", "unused_after_days"])
        if let n = m["custom_fields"], let names = r.strings(n, "replies.custom_fields") {
            for name in names where !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || name.isEmpty {
                r.fail(n, "replies.custom_fields", "bad field name '\(name)' (letters, digits and _ only)")
            }
            p.customFields = names
        }
        if let n = m["internal_markers"], let markers = r.strings(n, "replies.internal_markers") {
            p.internalMarkers = markers.filter { !$0.isEmpty }
        }
        if let n = m["stale_after_days"], let v = r.integer(n, "replies.stale_after_days", min: 1) { p.staleReviewDays = v }
        if let n = m["unused_after_days"], let v = r.integer(n, "replies.unused_after_days", min: 1) { p.staleUnusedDays = v }
        return p
    }

    static func readMail(_ r: inout PolicyReader, _ node: Node) -> MailPolicy {
        var p = MailPolicy()
        guard let m = r.mapping(node, "mail") else { return p }
        r.checkKeys(m, "mail", allowed: ["from", "message_id_domain", "sendmail", "outbox", "timeout_seconds"])
        if let n = m["from"], let s = r.string(n, "mail.from") {
            if OutboundMail.address(in: s) == nil {
                r.fail(n, "mail.from", "'\(s)' is not an address (expected name@domain or Name <name@domain>)")
            }
            p.from = s
        }
        if let n = m["message_id_domain"], let s = r.string(n, "mail.message_id_domain") {
            if s.isEmpty || s.contains(where: { $0.isWhitespace || "<>@".contains($0) }) {
                r.fail(n, "mail.message_id_domain", "'\(s)' is not a domain name")
            }
            p.domain = s
        }
        if let n = m["timeout_seconds"], let v = r.integer(n, "mail.timeout_seconds", min: 1) { p.timeoutSeconds = v }
        switch (m["sendmail"], m["outbox"]) {
        case (let cmd?, nil):
            if let argv = r.strings(cmd, "mail.sendmail") {
                if argv.isEmpty || !argv[0].hasPrefix("/") {
                    r.fail(
                        cmd, "mail.sendmail",
                        "expected a list whose first item is an absolute path, e.g. [/usr/sbin/sendmail, -t, -oi]")
                }
                p.delivery = .sendmail(argv)
            }
        case (nil, let dir?):
            if let s = r.string(dir, "mail.outbox") { p.delivery = .outbox(s) }
        case (_?, _?):
            r.fail(node, "mail", "give either sendmail (a command) or outbox (a Maildir), not both")
        case (nil, nil):
            break
        }
        return p
    }
}
