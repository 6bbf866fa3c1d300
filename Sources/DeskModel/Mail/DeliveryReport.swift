/// What a delivery status notification says about a message desk sent: which message (its
/// Message-ID), what happened to it, and the remote server's reason. Read from an RFC 3464
/// `multipart/report; report-type=delivery-status` (the `message/delivery-status` part, and the
/// returned message or headers), or from a mailer-daemon's plain-text bounce that quotes the
/// original's headers. Only mail that looks like a machine's bounce is read this way
/// (`isCandidate`), so ordinary mail pays for two header checks.
public struct DeliveryReport: Sendable, Equatable {
    /// RFC 3464's Action field.
    public enum Action: String, Sendable, Equatable {
        case failed, delayed, delivered, relayed, expanded
    }

    /// One recipient's block of the report.
    public struct Recipient: Sendable, Equatable {
        public var address: String?
        public var action: Action
        /// The enhanced status code, "5.1.1".
        public var status: String?
        /// The remote server's words without their type: "550 5.1.1 <x@y>: Recipient address rejected".
        public var diagnostic: String?
    }

    /// The reported message's ids, the most reliable first: the report's Original-Message-ID,
    /// the returned message's Message-ID, ids quoted in the text, the report's own In-Reply-To.
    public var messageIds: [String]
    public var recipients: [Recipient]
    /// What happened overall: failed when any recipient failed, else delayed when any was.
    public var action: Action
    public var status: String?
    /// One line for the history: the diagnostic, else the status and what it means.
    public var reason: String
    public var reportingMTA: String?

    /// Who a report without a usable From address ("MAILER-DAEMON") is from. Never a customer:
    /// a report is recorded on the ticket of the message it reports, by no one.
    static let anonymousSender = MailAddress(name: "Mail Delivery System", address: "mailer-daemon@unknown.invalid")

    // MARK: - Recognising

    /// Whether a mail should be read as a delivery report: a `multipart/report` of delivery
    /// status, or mail from a mailer-daemon or postmaster (or with an empty Return-Path).
    static func isCandidate(_ h: MailHeaders, type: HeaderParameters) -> Bool {
        if type.value == "multipart/report" {
            return type["report-type"].map { $0.asciiLowercased.contains("delivery-status") } ?? true
        }
        if h["return-path"]?.trimmed == "<>" { return true }
        guard let from = h["from"]?.asciiLowercased else { return false }
        return from.contains("mailer-daemon") || from.contains("postmaster")
    }

    /// Subjects mailers give bounces (Postfix, Exim, sendmail, qmail, Exchange, Gmail).
    static let bounceSubjects = [
        "undeliver", "delivery status notification", "failure notice", "returned mail", "delivery failure",
        "mail delivery failed", "delivery has failed", "could not be delivered", "non-delivery", "nondeliverable",
        "mail delivery system", "delivery notification", "warning: message", "delayed mail",
    ]

    // MARK: - Reading

    /// The report in a parsed mail, or nil when it holds no evidence of one (a person writing
    /// from a postmaster address, an auto-reply with an empty Return-Path).
    static func read(
        _ root: MIMEPart, _ bytes: [UInt8], headers h: MailHeaders, subject: String, body: String
    ) -> DeliveryReport? {
        var ids: [String] = []
        var recipients: [Recipient] = []
        var reportingMTA: String?
        var returned = false
        walk(root) { part in
            let type = part.type.value
            switch type {
            case "message/delivery-status", "message/global-delivery-status":
                let content = part.content(bytes)
                let blocks = fieldBlocks(content)
                if let first = blocks.first {
                    reportingMTA = first["reporting-mta"].map(withoutType)
                    for name in ["original-message-id", "x-original-message-id"] {
                        ids += MessageIDs.list(first[name])
                    }
                }
                for block in blocks.dropFirst().isEmpty ? blocks : Array(blocks.dropFirst()) {
                    if let r = recipient(block) { recipients.append(r) }
                }
            case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers",
                "message/global-headers":
                let content = part.content(bytes)
                let headers = MailHeaders(content, ByteLines.headerEnd(content, 0..<content.count).headers)
                ids += MessageIDs.list(headers["message-id"])
                returned = true
            default:
                break
            }
        }
        ids += quotedMessageIds(body)
        let code = enhancedStatus(in: body)
        let lowerSubject = subject.asciiLowercased
        let bounceSubject = bounceSubjects.contains { lowerSubject.contains($0) }
        // Evidence that this is a report at all; without it the mail goes the ordinary way.
        guard !recipients.isEmpty || returned || bounceSubject || code != nil else { return nil }
        // A report's own In-Reply-To: last, and only from a standard report (a person writing
        // from a postmaster address replies to our reply without reporting on it).
        if !recipients.isEmpty { ids += MessageIDs.list(h["in-reply-to"]) + MessageIDs.list(h["references"]).reversed() }
        var seen = Set<String>()
        ids = ids.filter { seen.insert($0).inserted }
        if recipients.isEmpty {
            // A plain-text bounce: its status code and the line that gives it.
            let delayed = ["delay", "warning", "will retry", "still trying"].contains { lowerSubject.contains($0) }
            recipients = [
                Recipient(
                    address: nil, action: delayed ? .delayed : .failed, status: code?.status, diagnostic: code?.line)
            ]
        }
        let action: Action =
            recipients.contains { $0.action == .failed }
            ? .failed : recipients.contains { $0.action == .delayed } ? .delayed : recipients[0].action
        let chosen = recipients.first { $0.action == action } ?? recipients[0]
        return DeliveryReport(
            messageIds: ids, recipients: recipients, action: action, status: chosen.status,
            reason: reason(chosen), reportingMTA: reportingMTA)
    }

    /// Every part of the tree, parents first.
    private static func walk(_ part: MIMEPart, _ body: (MIMEPart) -> Void) {
        body(part)
        for child in part.children { walk(child, body) }
    }

    /// The header-like blocks of a delivery-status body, separated by empty lines.
    static func fieldBlocks(_ content: [UInt8]) -> [MailHeaders] {
        var blocks: [MailHeaders] = []
        var start = 0
        while start < content.count, blocks.count < 1_000 {
            let split = ByteLines.headerEnd(content, start..<content.count)
            let block = MailHeaders(content, split.headers)
            if !block.fields.isEmpty { blocks.append(block) }
            guard split.body.lowerBound > start else { break }
            start = split.body.lowerBound
        }
        return blocks
    }

    private static func recipient(_ block: MailHeaders) -> Recipient? {
        guard let raw = block["action"]?.trimmed.asciiLowercased else { return nil }
        // "failed (bad destination)" and other decorations: the first word is the action.
        let word = raw.split(whereSeparator: { $0 == " " || $0 == "(" }).first.map(String.init) ?? raw
        let action = Action(rawValue: word) ?? .failed
        let address = (block["final-recipient"] ?? block["original-recipient"]).map(withoutType)
        let status = block["status"].map { $0.trimmed.split(separator: " ").first.map(String.init) ?? $0.trimmed }
        let diagnostic = block["diagnostic-code"].map(withoutType).flatMap { $0.isEmpty ? nil : $0 }
        return Recipient(address: address, action: action, status: status, diagnostic: diagnostic)
    }

    /// "smtp; 550 5.1.1 …" → "550 5.1.1 …" (the type before the first `;` goes).
    static func withoutType(_ value: String) -> String {
        let v = value.trimmed
        guard let semi = v.firstIndex(of: ";") else { return v }
        let type = v[..<semi]
        guard !type.isEmpty, type.count <= 20, !type.contains(" ") else { return v }
        return String(v[v.index(after: semi)...]).trimmed
    }

    /// `Message-ID:` (or `Original-Message-ID:`) lines of a returned message quoted in the text,
    /// with or without `>` quoting.
    static func quotedMessageIds(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            var s = Substring(line)
            while let f = s.first, f == " " || f == "\t" || f == ">" { s = s.dropFirst() }
            let lower = String(s.prefix(24)).asciiLowercased
            for label in ["message-id:", "original-message-id:", "original message id:"] where lower.hasPrefix(label) {
                out += MessageIDs.list(String(s.dropFirst(label.count)))
                break
            }
        }
        return out
    }

    /// The first enhanced status code in a text ("5.1.1" as a word: class 2, 4 or 5, then two
    /// numbers of up to three digits) and its line, trimmed.
    static func enhancedStatus(in text: String) -> (status: String, line: String)? {
        for line in text.split(separator: "\n") where line.utf8.contains(UInt8(ascii: ".")) {
            let u = Array(line.utf8)
            var i = 0
            while i < u.count {
                defer { i += 1 }
                guard u[i] == 0x32 || u[i] == 0x34 || u[i] == 0x35, i + 1 < u.count, u[i + 1] == 0x2E else { continue }
                if i > 0, isDigit(u[i - 1]) || u[i - 1] == 0x2E { continue }
                var j = i + 2
                var groups = 0
                while groups < 2 {
                    let start = j
                    while j < u.count, isDigit(u[j]), j - start < 3 { j += 1 }
                    guard j > start else { break }
                    groups += 1
                    if groups == 1 {
                        guard j < u.count, u[j] == 0x2E else { break }
                        j += 1
                    }
                }
                guard groups == 2, j == u.count || !(isDigit(u[j]) || u[j] == 0x2E) else { continue }
                let status = String(decoding: u[i..<j], as: UTF8.self)
                return (status, String(line).trimmed)
            }
        }
        return nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The diagnostic, else "status 5.1.1 (meaning)", else a plain word about the action.
    static func reason(_ r: Recipient) -> String {
        if let d = r.diagnostic {
            let collapsed = d.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            return collapsed.count > 300 ? String(collapsed.prefix(299)) + "…" : collapsed
        }
        if let s = r.status {
            return "status \(s)" + (statusMeaning(s).map { " (\($0))" } ?? "")
        }
        return r.action == .delayed ? "delivery delayed (no reason given)" : "delivery failed (no reason given)"
    }

    /// RFC 3463's words for the detail codes bounces carry most.
    static func statusMeaning(_ status: String) -> String? {
        let parts = status.split(separator: ".")
        guard parts.count == 3 else { return nil }
        switch "\(parts[1]).\(parts[2])" {
        case "1.1": return "mailbox does not exist"
        case "1.2": return "no such domain"
        case "1.10": return "recipient not found"
        case "2.1": return "mailbox disabled"
        case "2.2": return "mailbox full"
        case "3.4", "2.3": return "message too large"
        case "4.4": return "unable to route"
        case "4.7": return "delivery time expired"
        case "7.1": return "delivery not authorized"
        default: return nil
        }
    }
}
