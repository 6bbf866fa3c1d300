import DeskModel
import Foundation

/// The ticket pane's history as wrapped, styled lines: public replies, customer messages,
/// internal notes and events each look different. Pure: the same detail and width give
/// the same lines, so reduce can clamp scrolling and render can draw them.
public enum TicketHistory {
    public static func lines(_ detail: TicketDetail, width: Int, zone: TimeZone) -> [StyledLine] {
        layout(detail, entries: detail.timeline.indices, width: width, zone: zone, expandQuotes: false).lines
    }

    /// Some of the history laid out: the lines of `entries` (timeline indexes), where each entry
    /// starts and where each customer message starts (for the jump keys), as line numbers in `lines`.
    /// The "earlier messages not loaded" note leads the first entry.
    public struct Chunk: Sendable, Equatable {
        public var lines: [StyledLine] = []
        public var entryStarts: [Int] = []
        public var customerStarts: [Int] = []
    }

    public static func layout(
        _ detail: TicketDetail, entries: Range<Int>, width: Int, zone: TimeZone, expandQuotes: Bool
    ) -> Chunk {
        var chunk = Chunk()
        guard width > 4 else { return chunk }
        if entries.lowerBound == 0, detail.earlierMessages > 0 {
            chunk.lines.append([Span("… \(detail.earlierMessages) earlier messages not loaded", .dim)])
            chunk.lines.append([])
        }
        var offsets = ZoneOffsets(zone)
        // Messages carry the number escalation citations use (`[#3]`): every message counts, oldest first.
        var number = detail.earlierMessages + detail.timeline[..<entries.lowerBound].reduce(0) { $1.kind == .event ? $0 : $0 + 1 }
        for entry in detail.timeline[entries] {
            chunk.entryStarts.append(chunk.lines.count)
            let when = TimeText.stamp(entry.createdAt, offset: offsets.offset(entry.createdAt))
            var author = Sanitizer.singleLine(entry.author)
            if entry.kind != .event {
                number += 1
                author = "#\(number) " + author
            }
            var out: [StyledLine] = []
            switch entry.kind {
            case .event:
                let text = "· \(author) \(Sanitizer.singleLine(entry.body)) · \(when)"
                chunk.lines += TextWrap.lines(text, width: width).map { [Span($0, Style(fg: .gray, dim: true))] }
                continue
            case .customerMessage:
                chunk.customerStarts.append(chunk.lines.count)
                let what = "customer · \(entry.channel?.rawValue ?? "")" + (entry.auto.map { " · \($0.rawValue)" } ?? "")
                out.append(header("▶ \(author)", what, when, width, Style(fg: entry.auto == nil ? .cyan : .gray, bold: true)))
                out += body(entry.body, width: width, bar: "  ", barStyle: .plain, expandQuotes: expandQuotes)
                if let q = entry.quoted { out += quoted(q, width: width, bar: "  ", expand: expandQuotes) }
            case .publicReply:
                let what = "reply" + (entry.channel.map { " · \($0.rawValue)" } ?? "")
                out.append(header("◀ \(author)", what, when, width, Style(fg: .green, bold: true)))
                out += body(entry.body, width: width, bar: "  ", barStyle: .plain, expandQuotes: expandQuotes)
            case .internalNote:
                let what = "INTERNAL NOTE" + (entry.channel == .phone ? " · phone" : "")
                out.append(header("✎ \(author)", what, when, width, Style(fg: .yellow, bold: true)))
                out += body(entry.body, width: width, bar: "┃ ", barStyle: Style(fg: .yellow), expandQuotes: expandQuotes)
            case .systemMessage:
                out.append(header("• \(author)", "system", when, width, Style(fg: .magenta, bold: true)))
                out += body(entry.body, width: width, bar: "  ", barStyle: .plain, expandQuotes: expandQuotes)
            }
            chunk.lines += out
            chunk.lines.append([])
        }
        return chunk
    }

    /// Quoted history (`>` lines, with the "On … wrote:" line before them) longer than this is
    /// folded to one line until the agent expands it.
    static let foldQuotesLongerThan = 2

    /// Splits a message into runs of new text and quoted text, line by line. Byte-level checks:
    /// this runs for every message of a thread, and Foundation's trimming cost more than the wrap.
    static func foldQuotes(_ text: String) -> [(quoted: Bool, lines: [Substring])] {
        var runs: [(quoted: Bool, lines: [Substring])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let quoted = firstNonBlank(line.utf8) == UInt8(ascii: ">")
            if let last = runs.last, last.quoted == quoted {
                runs[runs.count - 1].lines.append(line)
            } else {
                runs.append((quoted, [line]))
            }
        }
        // "On Tuesday, Ana wrote:" belongs to the quote that follows it.
        for i in runs.indices.dropLast() where !runs[i].quoted && runs[i + 1].quoted {
            if let header = runs[i].lines.last, endsWithWrote(header) {
                runs[i].lines.removeLast()
                runs[i + 1].lines.insert(header, at: 0)
            }
        }
        return runs.filter { !$0.lines.isEmpty }
    }

    private static func firstNonBlank<C: Collection>(_ bytes: C) -> UInt8? where C.Element == UInt8 {
        bytes.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
    }

    private static func endsWithWrote(_ line: Substring) -> Bool {
        line.utf8.reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            .starts(with: "wrote:".utf8.reversed())
    }

    /// The history a mail client quoted under the new text: one folded line until expanded.
    private static func quoted(_ text: String, width: Int, bar: String, expand: Bool) -> [StyledLine] {
        let clean = Sanitizer.multiline(text)
        guard expand else {
            let count = clean.split(separator: "\n", omittingEmptySubsequences: false).count
            return [
                [
                    Span(bar),
                    Span("▸ \(count) quoted line\(count == 1 ? "" : "s") folded (x expands)", Style(fg: .gray, dim: true)),
                ]
            ]
        }
        let inner = max(1, width - DisplayWidth.of(bar))
        return TextWrap.lines(clean, width: inner).map { [Span(bar), Span($0, Style(fg: .gray))] }
    }

    /// "▶ Name · what · when", dropping detail on the right before the name gets cut short.
    private static func header(_ who: String, _ what: String, _ when: String, _ width: Int, _ style: Style) -> StyledLine {
        let wanted = min(DisplayWidth.of(who), 20)  // "▶ #12 " and a name of 14
        var right = " · \(what) · \(when)"
        if width - DisplayWidth.of(right) < wanted {
            // Keep what says where it came from (the channel, NOTE): drop the kind of entry first.
            let short =
                what.hasPrefix("INTERNAL NOTE")
                ? what.replacingOccurrences(of: "INTERNAL NOTE", with: "NOTE")
                : what.components(separatedBy: " · ").dropFirst().joined(separator: " · ")
            right = short.isEmpty ? " · \(when)" : " · \(short) · \(when)"
            if width - DisplayWidth.of(right) < wanted { right = " · \(when)" }
        }
        let left = DisplayWidth.truncate(who, to: max(4, width - DisplayWidth.of(right)))
        return [Span(left, style), Span(right, .dim)]
    }

    private static func body(_ text: String, width: Int, bar: String, barStyle: Style, expandQuotes: Bool) -> [StyledLine] {
        let clean = Sanitizer.multiline(text)
        let inner = max(1, width - DisplayWidth.of(bar))
        guard !expandQuotes, clean.utf8.contains(UInt8(ascii: ">")) else {
            return TextWrap.lines(clean, width: inner).map { line in [Span(bar, barStyle), Span(line)] }
        }
        var out: [StyledLine] = []
        for run in foldQuotes(clean) {
            let count = run.lines.count
            if run.quoted && count > foldQuotesLongerThan {
                out.append([Span(bar, barStyle), Span("▸ \(count) quoted lines folded (x expands)", Style(fg: .gray, dim: true))])
                continue
            }
            let style: Style = run.quoted ? Style(fg: .gray) : .plain
            out += TextWrap.lines(run.lines.joined(separator: "\n"), width: inner).map { [Span(bar, barStyle), Span($0, style)] }
        }
        return out
    }
}
