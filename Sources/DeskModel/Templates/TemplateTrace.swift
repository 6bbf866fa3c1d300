import Foundation

/// Whether a template's text went out in a reply: usage counts a template as sent only then
/// (docs/templates.md, "Usage"). The template is rendered for the ticket as it would be inserted;
/// its words are taken three at a time (word trigrams, case and punctuation ignored, never across
/// a placeholder left unfilled), and it went out when at least half of those trigrams are in the
/// sent body. Light edits (a word changed, a sentence added or cut) keep it counted; a draft
/// replaced by another template, or the inserted text deleted, does not count.
public enum TemplateTrace {
    /// The share of trigrams that must survive.
    public static let threshold = 0.5

    /// 0…1: how much of the rendered template is still in `body`.
    public static func share(of rendered: String, in body: String) -> Double {
        let template = segments(rendered)
        let total = template.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        let sent = segments(body)
        if total < 3 {
            let words = Set(sent.flatMap { $0 })
            let kept = template.flatMap { $0 }.filter(words.contains).count
            return Double(kept) / Double(total)
        }
        let sentGrams = Set(sent.flatMap(trigrams))
        let grams = template.flatMap(trigrams)
        guard !grams.isEmpty else {
            // Only segments shorter than three words: compare words.
            let words = Set(sent.flatMap { $0 })
            let all = template.flatMap { $0 }
            return Double(all.filter(words.contains).count) / Double(all.count)
        }
        return Double(grams.filter(sentGrams.contains).count) / Double(grams.count)
    }

    public static func wentOut(_ rendered: String, in body: String) -> Bool { share(of: rendered, in: body) >= threshold }

    /// Lowercased words, in runs broken at `{{placeholder}}` tags.
    static func segments(_ text: String) -> [[String]] {
        var runs: [[String]] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            runs.append(words(rest[..<open.lowerBound]))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.upperBound...]
                break
            }
            rest = rest[close.upperBound...]
        }
        runs.append(words(rest))
        return runs.filter { !$0.isEmpty }
    }

    static func words(_ text: Substring) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static func trigrams(_ words: [String]) -> [String] {
        guard words.count >= 3 else { return [] }
        return (0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") }
    }
}
