/// A parsed mail with what its import would otherwise work out inside the write transaction
/// computed beforehand, on the core that parses the next batch: the message's metadata JSON and,
/// for a mail that will likely open a ticket (no threading headers, no `[#N]`), what the routing
/// keywords find in it. The writer is the import's bottleneck; the parsing core has room.
public struct PreparedMail: Sendable {
    public var mail: InboundMail
    /// `Desk.meta(mail)`.
    var meta: String
    /// What routing's keyword patterns find in the ticket subject and first message this mail
    /// would open; nil when it will probably thread (then routing matches if it does not).
    var keywords: KeywordFindings?

    /// Only the metadata: what `importMail` does for mail handed over already parsed.
    init(_ mail: InboundMail) {
        self.mail = mail
        meta = Desk.meta(mail)
    }

    /// Metadata and, for a mail that looks like a new case, the keyword findings.
    init(_ mail: InboundMail, policy: Policy) {
        self.init(mail)
        if mail.inReplyTo.isEmpty, mail.references.isEmpty, mail.auto == nil, Desk.subjectTag(mail.subject) == nil {
            keywords = KeywordFindings(policy: policy, subject: Desk.ticketSubject(mail), body: Desk.messageBody(mail))
        }
    }
}
