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
    static func styles(_ line: [Character], base: Style = .plain) -> [Style] { styled(line, base: base).styles }

    /// A line's styles with what restyling it after an edit needs: where the inline scan stood
    /// every so often (`Checkpoint`), so a change at the end of a long paragraph rescans only from
    /// the last checkpoint whose decisions read nothing at or after the change.
    struct Styled: Equatable, Sendable {
        var styles: [Style]
        /// Where inline Markdown starts (after the block prefix) and the style it builds on; nil
        /// for a heading (the whole line is bold).
        var inline: (from: Int, body: Style)?
        var checkpoints: [Checkpoint] = []

        static func == (a: Styled, b: Styled) -> Bool {
            a.styles == b.styles && a.inline?.from == b.inline?.from && a.inline?.body == b.inline?.body
                && a.checkpoints == b.checkpoints
        }
    }

    /// The inline scan at the top of its loop: at `index`, with emphasis open or not, having
    /// read nothing past `reach` (look-ahead for closing markers included).
    struct Checkpoint: Equatable, Sendable {
        var index: Int
        var bold: Bool
        var italic: Bool
        var reach: Int
    }

    /// Graphemes between checkpoints.
    static let checkpointSpacing = 128

    /// `line` styled; with `previous` (the same line before an edit that changed graphemes from
    /// `changedFrom` on), only from the last checkpoint the edit cannot have changed.
    static func styled(_ line: [Character], base: Style = .plain, previous: (Styled, changedFrom: Int)? = nil) -> Styled {
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
                return Styled(styles: out, inline: nil)
            }
        }
        var start = Checkpoint(index: i, bold: false, italic: false, reach: i)
        var kept: [Checkpoint] = []
        if let (old, changed) = previous, let was = old.inline, was.from == i, was.body == body,
            let resume = old.checkpoints.last(where: { $0.index <= changed && $0.reach < changed })
        {
            // Everything before the checkpoint was decided reading only what the edit left alone.
            out.replaceSubrange(0..<resume.index, with: old.styles[0..<resume.index])
            start = resume
            kept = old.checkpoints.filter { $0.index <= resume.index }
            kept.removeLast()
        }
        var result = Styled(styles: out, inline: (i, body), checkpoints: kept)
        inline(line, from: start, base: body, into: &result)
        return result
    }

    /// Code spans first (nothing inside them is Markdown), then placeholders, links and emphasis.
    static func inline(_ line: [Character], from start: Checkpoint, base: Style, into result: inout Styled) {
        var i = start.index
        var bold = start.bold
        var italic = start.italic
        var reach = start.reach
        var next = i
        var out = result.styles
        result.styles = []
        defer { result.styles = out }
        while i < line.count {
            if i >= next {
                result.checkpoints.append(Checkpoint(index: i, bold: bold, italic: italic, reach: reach))
                next = i + checkpointSpacing
            }
            let c = line[i]
            reach = max(reach, i)
            if c == "`" {
                let close = find("`", in: line, after: i + 1)
                reach = max(reach, close ?? line.count)
                if let close {
                    out[i] = marker
                    out[close] = marker
                    for j in (i + 1)..<close { out[j] = code }
                    i = close + 1
                    continue
                }
            }
            if c == "{", i + 1 < line.count, line[i + 1] == "{" {
                let close = findPair("}", in: line, after: i + 2)
                reach = max(reach, close.map { $0 + 1 } ?? line.count)
                if let close {
                    for j in i...(close + 1) { out[j] = placeholder }
                    i = close + 2
                    continue
                }
            }
            if c == "[" {
                let mid = findPair2(line, from: i + 1)
                reach = max(reach, mid?.end ?? line.count)
                if let mid {
                    out[i] = marker
                    for j in (i + 1)..<mid.textEnd { out[j] = link }
                    for j in mid.textEnd...mid.end { out[j] = marker }
                    i = mid.end + 1
                    continue
                }
            }
            if c == "*" || c == "_" {
                var run = 0
                while i + run < line.count && line[i + run] == c { run += 1 }
                reach = max(reach, i + run)
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
