/// How Markdown looks as it is typed: the text keeps its markers (so the cursor maps one to one),
/// the markers are dimmed, and what they mark is shown bold, italic, as code, as a link.
/// Placeholders still to fill stand out.
enum MarkdownStyle {
    static let marker = Style(fg: .gray, dim: true)
    static let code = Style(fg: .cyan)
    static let link = Style(fg: .blue, underline: true)
    static let placeholder = Style(fg: .black, bg: .yellow)
    static let quote = Style(fg: .green)

    /// A style for each grapheme of one line.
    static func styles(_ line: [Character], base: Style = .plain) -> [Style] {
        var out = [Style](repeating: base, count: line.count)
        var i = 0
        // Block prefix: indentation, then a bullet, number, quote or heading marker.
        while i < line.count && line[i] == " " { i += 1 }
        var body = base
        if let prefix = ListPrefix.parse(line) {
            for j in i..<prefix.length { out[j] = marker }
            if line[i] == ">" {
                body = quote
                for j in prefix.length..<line.count { out[j] = quote }
            }
            i = prefix.length
        } else if i < line.count, line[i] == "#" {
            var j = i
            while j < line.count && line[j] == "#" { j += 1 }
            if j < line.count, line[j] == " " {
                for k in i...j { out[k] = marker }
                for k in (j + 1)..<line.count { out[k].bold = true }
                return out
            }
        }
        inline(line, from: i, base: body, into: &out)
        return out
    }

    /// Code spans first (nothing inside them is Markdown), then placeholders, links and emphasis.
    static func inline(_ line: [Character], from start: Int, base: Style, into out: inout [Style]) {
        var i = start
        var bold = false
        var italic = false
        while i < line.count {
            let c = line[i]
            if c == "`", let close = find("`", in: line, after: i + 1) {
                out[i] = marker
                out[close] = marker
                for j in (i + 1)..<close { out[j] = code }
                i = close + 1
                continue
            }
            if c == "{", i + 1 < line.count, line[i + 1] == "{", let close = findPair("}", in: line, after: i + 2) {
                for j in i...(close + 1) { out[j] = placeholder }
                i = close + 2
                continue
            }
            if c == "[", let mid = findPair2(line, from: i + 1) {
                out[i] = marker
                for j in (i + 1)..<mid.textEnd { out[j] = link }
                for j in mid.textEnd...mid.end { out[j] = marker }
                i = mid.end + 1
                continue
            }
            if c == "*" || c == "_" {
                var run = 0
                while i + run < line.count && line[i + run] == c { run += 1 }
                // A marker opens before a non-space and closes after one (`2 * 3` is not emphasis).
                let before = i > 0 ? line[i - 1] : " "
                let after = i + run < line.count ? line[i + run] : " "
                let canOpen = after != " "
                let canClose = before != " "
                let word = c == "_" && before.isLetter && after.isLetter  // snake_case stays as it is
                if !word && (canOpen || canClose) {
                    for j in i..<(i + run) { out[j] = marker }
                    if run >= 2 { bold.toggle() }
                    if run % 2 == 1 { italic.toggle() }
                    i += run
                    continue
                }
                i += run
                continue
            }
            var s = out[i] == base ? base : out[i]
            if bold { s.bold = true }
            if italic { s.italic = true }
            out[i] = s
            i += 1
        }
    }

    static func find(_ c: Character, in line: [Character], after: Int) -> Int? {
        var j = after
        while j < line.count {
            if line[j] == c { return j }
            j += 1
        }
        return nil
    }

    /// The index of the first of two `c` in a row.
    static func findPair(_ c: Character, in line: [Character], after: Int) -> Int? {
        var j = after
        while j + 1 < line.count {
            if line[j] == c && line[j + 1] == c { return j }
            j += 1
        }
        return nil
    }

    /// `[text](url)`: where the text ends (the `]`) and the `)`.
    static func findPair2(_ line: [Character], from: Int) -> (textEnd: Int, end: Int)? {
        guard let close = find("]", in: line, after: from), close + 1 < line.count, line[close + 1] == "(",
            let end = find(")", in: line, after: close + 2)
        else { return nil }
        return (close, end)
    }
}
