/// HTML mail as readable text: tags dropped, block elements and `<br>` as line breaks, list
/// items as "- ", quoted blocks as "> ", links as "text (url)", script/style/head skipped,
/// entities decoded, runs of whitespace collapsed. Not a browser: enough to read the mail.
enum HTMLText {
    static let blocks: Set<String> = [
        "p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "hr", "section", "article",
        "header", "footer", "center", "address", "dl", "dt", "dd",
    ]
    static let skipped: Set<String> = ["script", "style", "head", "title", "template"]

    static func text(_ html: String) -> String {
        var lines: [String] = []
        var line = ""
        var quoteDepth = 0
        var skipping: String?
        var href: [String?] = []
        var linkText = ""
        var pendingSpace = false
        func endLine(blank: Bool = false) {
            let t = line.trimmed
            if !t.isEmpty {
                lines.append(String(repeating: "> ", count: quoteDepth) + t)
            } else if blank, let last = lines.last, !last.isEmpty {
                lines.append("")
            }
            line = ""
            pendingSpace = false
        }
        func emit(_ s: String) {
            for ch in s {
                if ch == " " || ch == "\n" || ch == "\t" || ch == "\r" {
                    pendingSpace = !line.isEmpty
                } else {
                    if pendingSpace { line.append(" ") }
                    pendingSpace = false
                    line.append(ch)
                    if !href.isEmpty { linkText.append(ch) }
                }
            }
        }
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<" {
                guard let close = html[i...].firstIndex(of: ">") else { break }
                let raw = html[html.index(after: i)..<close]
                i = html.index(after: close)
                if raw.hasPrefix("!--") {
                    if !raw.hasSuffix("--"), let end = html[i...].range(of: "-->") { i = end.upperBound }
                    continue
                }
                let closing = raw.hasPrefix("/")
                let name = String(raw.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })).asciiLowercased
                if let s = skipping {
                    if closing && name == s { skipping = nil }
                    continue
                }
                if !closing && skipped.contains(name) && !raw.hasSuffix("/") {
                    skipping = name
                    continue
                }
                switch name {
                case "br": endLine()
                case "li":
                    if !closing {
                        endLine()
                        line = "- "
                    }
                case "blockquote":
                    endLine(blank: true)
                    quoteDepth = max(0, quoteDepth + (closing ? -1 : 1))
                case "a":
                    if closing {
                        if let target = href.popLast() ?? nil, !target.isEmpty, target != linkText,
                            !target.hasPrefix("mailto:") || target.dropFirst(7) != linkText
                        {
                            emit(" (\(target))")
                        }
                        linkText = ""
                    } else {
                        href.append(attribute("href", in: raw))
                        linkText = ""
                    }
                case "img":
                    if let alt = attribute("alt", in: raw), !alt.isEmpty { emit("[\(alt)]") }
                case "td", "th":
                    if closing { emit(" ") }
                default:
                    if blocks.contains(name) { endLine(blank: name == "p" || name.hasPrefix("h") || name == "table") }
                }
                continue
            }
            if skipping != nil {
                i = html.index(after: i)
                continue
            }
            if c == "&", let semi = html[i...].prefix(12).firstIndex(of: ";") {
                let entity = html[html.index(after: i)..<semi]
                if let decoded = Self.entity(entity) {
                    emit(decoded == " " ? "\u{A0}" : decoded)
                    i = html.index(after: semi)
                    continue
                }
            }
            emit(String(c))
            i = html.index(after: i)
        }
        endLine()
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n").replacingOccurrences(of: "\u{A0}", with: " ")
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        let lower = String(tag).asciiLowercased
        guard let r = lower.range(of: name + "=") else { return nil }
        let offset = lower.distance(from: lower.startIndex, to: r.upperBound)
        let rest = tag.dropFirst(offset)
        guard let q = rest.first else { return nil }
        if q == "\"" || q == "'" {
            let body = rest.dropFirst()
            return decodeEntities(String(body.prefix(while: { $0 != q })))
        }
        return decodeEntities(String(rest.prefix(while: { $0 != " " && $0 != ">" && $0 != "/" })))
    }

    static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©", "reg": "®",
        "hellip": "…", "mdash": "—", "ndash": "–", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
        "euro": "€", "bull": "•", "middot": "·", "eacute": "é", "egrave": "è", "agrave": "à", "uuml": "ü",
        "ouml": "ö", "auml": "ä", "szlig": "ß", "ccedil": "ç", "trade": "™", "laquo": "«", "raquo": "»",
    ]

    static func entity(_ e: Substring) -> String? {
        if e.hasPrefix("#x") || e.hasPrefix("#X") {
            return UInt32(e.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if e.hasPrefix("#") { return UInt32(e.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
        return named[e] ?? named[Substring(String(e).asciiLowercased)]
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";"),
                let d = entity(s[s.index(after: i)..<semi])
            {
                out += d
                i = s.index(after: semi)
            } else {
                out.append(s[i])
                i = s.index(after: i)
            }
        }
        return out
    }
}
