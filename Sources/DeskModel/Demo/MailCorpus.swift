import Foundation

/// A generated stream of customer mail for the intake benchmark and tests: new threads and
/// replies to them (In-Reply-To and References to earlier mails, some only a `[#N]` tag),
/// HTML alternatives, Latin-1 quoted-printable bodies, quoted history and auto-replies.
public struct MailCorpus: Sendable {
    public var count: Int
    public var seed: UInt64

    public init(count: Int, seed: UInt64 = 7) {
        self.count = count
        self.seed = seed
    }

    static let subjects = [
        "Password reset email never arrives", "Export to CSV fails with an error", "Invoice shows the wrong VAT",
        "App crashes on launch after update", "Cannot add a second user to our plan", "Two-factor code always invalid",
        "Sync stops after a few minutes", "Refund for a double charge", "Dashboard loads very slowly",
        "Calendar invites arrive twice",
    ]
    static let sentences = [
        "Since this morning nothing works for the whole team.", "We tried again after clearing the cache.",
        "The error message says the request timed out.", "Could you please have a look today?",
        "This blocks our month-end closing.", "Attached is what we see on screen.", "It worked fine last week.",
        "Our IT department checked the firewall and found nothing.", "Thank you for the quick answer.",
        "Unfortunately the workaround did not help.",
    ]

    /// Calls `emit` with each mail's file name and bytes, in delivery order.
    public func generate(_ emit: (String, [UInt8]) throws -> Void) rethrows {
        var rng = SeededRandom(seed: seed)
        var threads: [(id: String, subject: String, customer: Int, refs: [String])] = []
        threads.reserveCapacity(count / 2)
        let base = 1_795_000_000  // 2026-11-18
        for i in 0..<count {
            let customer = rng.int(0..<20_000)
            let sentence = { (r: inout SeededRandom) in Self.sentences[r.int(0..<Self.sentences.count)] }
            var headers: [String] = []
            let id = "<m\(i).\(seed)@mail\(customer % 97).example>"
            var body = (0..<(2 + rng.int(0..<4))).map { _ in sentence(&rng) }.joined(separator: " ")
            let date = base + i * 3
            var subject: String
            var who = customer
            let reply = !threads.isEmpty && rng.int(0..<100) < 60
            let k: Int
            if reply {
                k = rng.int(max(0, threads.count - 2_000)..<threads.count)
                let t = threads[k]
                who = t.customer
                subject = "Re: " + t.subject
                headers.append("In-Reply-To: \(t.refs.last!)")
                headers.append("References: " + t.refs.suffix(10).joined(separator: " "))
                body += "\n\nOn Tue, 17 Nov 2026 at 10:00, Customer \(who) wrote:\n> " + sentence(&rng)
                if rng.int(0..<100) < 3 { headers.append("Auto-Submitted: auto-replied") }
            } else {
                subject = Self.subjects[rng.int(0..<Self.subjects.count)]
                threads.append((id, subject, customer, []))
                k = threads.count - 1
            }
            threads[k].refs.append(id)
            var mail = "Return-Path: <c\(who)@customer\(who % 500).example>\n"
            mail += "Delivered-To: support@desk.example\n"
            mail += "From: Customer \(who) <c\(who)@customer\(who % 500).example>\n"
            mail += "To: support@desk.example\nSubject: \(subject)\n"
            mail +=
                "Date: \(OutboundMail.rfc5322Date(Date(timeIntervalSince1970: TimeInterval(date))))\nMessage-ID: \(id)\nMIME-Version: 1.0\n"
            mail += headers.map { $0 + "\n" }.joined()
            switch i % 4 {
            case 0:
                mail += "Content-Type: multipart/alternative; boundary=\"alt\(i)\"\n\n--alt\(i)\n"
                mail += "Content-Type: text/plain; charset=utf-8\n\n\(body)\n--alt\(i)\n"
                mail +=
                    "Content-Type: text/html; charset=utf-8\n\n<p>\(body.replacingOccurrences(of: "\n", with: "<br>"))</p>\n--alt\(i)--\n"
            case 1:
                mail += "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
                mail += body.replacingOccurrences(of: "=", with: "=3D") + " Gr=FC=DFe\n"
            default:
                mail += "Content-Type: text/plain; charset=utf-8\n\n\(body)\n"
            }
            try emit("\(date).M\(i)P1Q\(seed).bench", Array(mail.utf8))
        }
    }

    /// Writes the corpus into `path` as a Maildir (new/ holds every message).
    public func writeMaildir(_ path: String) throws {
        let fm = FileManager.default
        for sub in ["new", "cur", "tmp"] { try fm.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true) }
        try generate { name, bytes in
            try Data(bytes).write(to: URL(fileURLWithPath: path + "/new/" + name))
        }
    }
}
