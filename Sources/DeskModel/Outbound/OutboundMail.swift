import Foundation
import Ink

/// A public reply as an RFC 5322 message: threading headers, a `[#N]` subject tag and
/// multipart/alternative (text/plain and Markdown rendered to text/html), both quoted-printable.
/// Hand-written: no listed package composes mail (Ink renders the HTML part).
public struct OutboundMail: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var messageId: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    /// The reply's Markdown.
    public var body: String

    public init(
        from: String, to: String, subject: String, messageId: String, inReplyTo: String?, references: [String], date: Date,
        body: String
    ) {
        self.from = from; self.to = to; self.subject = subject; self.messageId = messageId
        self.inReplyTo = inReplyTo; self.references = references; self.date = date; self.body = body
    }

    /// The subject a reply carries: `Re: ` once, and the ticket's `[#N]` tag once.
    public static func replySubject(_ subject: String, ticket: Int64) -> String {
        var s = subject.trimmingCharacters(in: .whitespaces)
        if !s.lowercased().hasPrefix("re:") { s = "Re: " + s }
        if !s.contains("[#\(ticket)]") { s += " [#\(ticket)]" }
        return s
    }

    /// The bare address in `Name <addr>` or `addr`, when it looks like one.
    public static func address(in s: String) -> String? {
        var a = s.trimmingCharacters(in: .whitespaces)
        if let open = a.lastIndex(of: "<"), a.hasSuffix(">") { a = String(a[a.index(after: open)..<a.index(before: a.endIndex)]) }
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !a.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
        else { return nil }
        return a
    }

    /// Refuses header values that could smuggle in headers: CR, LF or NUL anywhere.
    static func checkHeader(_ name: String, _ value: String) throws {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw DeskError.invalidRequest(
                "the \(name) header would contain a line break or NUL; refusing to compose the message (header injection).")
        }
    }

    /// The message as sent: CRLF line ends, 7-bit clean.
    public func rendered(boundary: String) throws -> String {
        for (name, value) in [("From", from), ("To", to), ("Subject", subject), ("Message-ID", messageId)]
            + [("In-Reply-To", inReplyTo ?? "")] + references.map({ ("References", $0) })
        {
            try Self.checkHeader(name, value)
        }
        guard Self.address(in: from) != nil else {
            throw DeskError.invalidRequest("the From address '\(from)' is not an address.")
        }
        guard Self.address(in: to) != nil else { throw DeskError.invalidEmail(to) }
        var h: [String] = []
        h.append("From: " + Self.encodeAddress(from))
        h.append("To: " + Self.encodeAddress(to))
        h.append("Subject: " + Self.encodeWord(subject))
        h.append("Date: " + Self.rfc5322Date(date))
        h.append("Message-ID: " + messageId)
        if let inReplyTo { h.append("In-Reply-To: " + inReplyTo) }
        if !references.isEmpty { h.append("References: " + references.joined(separator: "\r\n ")) }
        h.append("MIME-Version: 1.0")
        h.append("Auto-Submitted: no")
        h.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        var out = h.joined(separator: "\r\n") + "\r\n\r\n"
        out += "--\(boundary)\r\n"
        out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        out += QuotedPrintable.encode(body) + "\r\n"
        out += "--\(boundary)\r\n"
        out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        out += QuotedPrintable.encode(Self.html(body)) + "\r\n"
        out += "--\(boundary)--\r\n"
        return out
    }

    /// Markdown to an HTML document. Raw HTML in the reply is shown as text, not markup.
    static func html(_ markdown: String) -> String {
        let escaped = markdown.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        // `>` starts a quote in Markdown: keep it at line starts.
        let quotesKept = escaped.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = String(line)
            while let r = l.range(of: "&gt;"), l[..<r.lowerBound].allSatisfy({ $0 == " " || $0 == ">" }) {
                l.replaceSubrange(r, with: ">")
            }
            return l
        }.joined(separator: "\n")
        let body = MarkdownParser().html(from: quotesKept)
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n\(body)\n</body></html>"
    }

    /// `Name <addr>` with a non-ASCII name as an RFC 2047 encoded word.
    static func encodeAddress(_ s: String) -> String {
        guard let addr = address(in: s) else { return s }
        guard let open = s.lastIndex(of: "<") else { return addr }
        let name = s[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        if name.isEmpty { return "<\(addr)>" }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let needsQuotes = name.contains(where: { "()<>[]:;@\\,.\"".contains($0) })
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return needsQuotes ? "\"\(quoted)\" <\(addr)>" : "\(name) <\(addr)>"
        }
        return "\(encodeWord(name)) <\(addr)>"
    }

    /// ASCII stays as it is; anything else becomes `=?utf-8?B?…?=` words of at most 75 characters.
    static func encodeWord(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return s }
        var words: [String] = []
        var chunk = ""
        for c in s {
            // 45 bytes of UTF-8 encode to 60 base64 characters: with the wrapper, under 75.
            if chunk.utf8.count + String(c).utf8.count > 45 {
                words.append("=?utf-8?B?\(Data(chunk.utf8).base64EncodedString())?=")
                chunk = ""
            }
            chunk.append(c)
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk.utf8).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ d: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: d)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[c.weekday! - 1]), \(c.day!) \(months[c.month! - 1]) \(c.year!) \(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) +0000"
    }
}

/// RFC 2045 quoted-printable: lines of at most 76 characters, soft breaks with `=`, CRLF line ends.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded: [UInt8] = []
            var current = 0
            let bytes = Array(line.utf8)
            for (i, b) in bytes.enumerated() {
                var piece: [UInt8]
                let last = i == bytes.count - 1
                if (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || (b == 0x20 && !last) || (b == 0x09 && !last) {
                    piece = [b]
                } else {
                    piece = [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
                if current + piece.count > 75 {
                    encoded += Array("=\r\n".utf8)
                    current = 0
                }
                encoded += piece
                current += piece.count
            }
            out.append(String(decoding: encoded, as: UTF8.self))
        }
        return out.joined(separator: "\r\n")
    }
}
