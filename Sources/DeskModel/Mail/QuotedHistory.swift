/// Splits a reply into what the customer wrote now and the history their mail client quoted
/// below it: from an attribution line ("On … wrote:", "Am … schrieb …:", "Le … a écrit :"), an
/// Outlook header block or "-----Original Message-----", or a trailing run of "> " lines.
/// Quotes interleaved with new text stay in the text (the answer is between them).
public enum QuotedHistory {
    public static func split(_ text: String) -> (new: String, quoted: String?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var cut: Int?
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmed
            if isSeparator(line) || isAttribution(line, next: i + 1 < lines.count ? lines[i + 1] : nil) {
                cut = i
                break
            }
            if line.hasPrefix("From:") && i + 1 < lines.count {
                let next = lines[(i + 1)...].prefix(3).map { $0.trimmed }
                if next.contains(where: { $0.hasPrefix("Sent:") || $0.hasPrefix("Date:") || $0.hasPrefix("Gesendet:") }) {
                    cut = i
                    break
                }
            }
        }
        if cut == nil {
            // A trailing block of quoted lines (blank lines may sit between them).
            var i = lines.count - 1
            var start: Int?
            while i >= 0 {
                let t = lines[i].trimmed
                if t.hasPrefix(">") {
                    start = i
                } else if !t.isEmpty {
                    break
                }
                i -= 1
            }
            cut = start
        }
        guard let c = cut else { return (text, nil) }
        let new = lines[..<c].joined(separator: "\n").trimmed
        let quoted = lines[c...].joined(separator: "\n").trimmed
        // Nothing new (a bare forward or a mis-sent reply): keep the whole text as the message.
        guard !new.isEmpty else { return (text.trimmed, nil) }
        return (new, quoted.isEmpty ? nil : quoted)
    }

    static func isSeparator(_ line: String) -> Bool {
        line.hasPrefix("-----Original Message-----") || line.hasPrefix("----- Original Message -----")
            || line.hasPrefix("-------- Original Message --------") || line.hasPrefix("-----Ursprüngliche Nachricht-----")
            || line.hasPrefix("________________________________")
    }

    static func isAttribution(_ line: String, next: Substring?) -> Bool {
        let endings = ["wrote:", "schrieb:", "a écrit :", "a écrit:", "escribió:", "scritto:", "написал:", "skrev:"]
        let starts = ["On ", "Am ", "Le ", "El ", "Il ", "Op ", "Den ", "W dniu "]
        guard starts.contains(where: { line.hasPrefix($0) }) else { return false }
        if endings.contains(where: { line.hasSuffix($0) }) { return true }
        // Clients wrap a long attribution onto a second line.
        if let next, line.count > 20 {
            let n = next.trimmed
            return endings.contains(where: { n.hasSuffix($0) }) && n.count < 80
        }
        return false
    }
}
