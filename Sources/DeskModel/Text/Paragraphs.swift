import Foundation

/// Reflows text the way the Markdown renderer reads it: a single line break inside a paragraph is
/// soft (a space), a blank line separates paragraphs, list items, headings, quotes and fenced code
/// keep their own lines, and a line ending in two spaces or a backslash keeps its hard break.
/// Policy text written in a YAML block (`|`) is wrapped for the file's width; the customer should
/// read paragraphs, not the file's line breaks.
public enum Paragraphs {
    public static func reflow(_ text: String) -> String {
        var out: [String] = []
        var joining = false  // the last line of `out` is a paragraph line that may continue
        var fenced = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fenced.toggle()
                out.append(line)
                joining = false
                continue
            }
            if fenced {
                out.append(line)
                continue
            }
            if trimmed.isEmpty {
                // Several blank lines part paragraphs as one does.
                if out.last?.isEmpty == false { out.append("") }
                joining = false
                continue
            }
            // Two trailing spaces are Markdown's hard break: kept, so the renderer still sees it.
            let hardBreak = line.hasSuffix("  ") || line.hasSuffix("\\")
            let kept = (startsBlock(trimmed) ? line.trimmingTrailing() : trimmed) + (line.hasSuffix("  ") ? "  " : "")
            if joining, !startsBlock(trimmed) {
                out[out.count - 1] += " " + kept
            } else {
                out.append(kept)
            }
            joining = !hardBreak && !isOwnLine(trimmed)
        }
        return out.joined(separator: "\n")
    }

    /// A line that begins a new block even without a blank line before it.
    static func startsBlock(_ t: String) -> Bool {
        isListItem(t) || t.hasPrefix("#") || t.hasPrefix(">") || t.hasPrefix("|")
    }

    /// Headings and table rows never take the next line into them.
    static func isOwnLine(_ t: String) -> Bool { t.hasPrefix("#") || t.hasPrefix("|") }

    static func isListItem(_ t: String) -> Bool {
        if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return true }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return false }
        let rest = t.dropFirst(digits.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ")
    }
}

extension String {
    func trimmingTrailing() -> String {
        var s = Substring(self)
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
