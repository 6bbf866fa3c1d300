import DeskModel
import Foundation

/// The ticket pane's history as wrapped, styled lines: public replies, customer messages,
/// internal notes and events each look different. Pure: the same detail and width give
/// the same lines, so reduce can clamp scrolling and render can draw them.
public enum TicketHistory {
    public static func lines(_ detail: TicketDetail, width: Int, zone: TimeZone) -> [StyledLine] {
        guard width > 4 else { return [] }
        var out: [StyledLine] = []
        if detail.earlierMessages > 0 {
            out.append([Span("… \(detail.earlierMessages) earlier messages not loaded", .dim)])
            out.append([])
        }
        var offsets = ZoneOffsets(zone)
        for entry in detail.timeline {
            let when = TimeText.stamp(entry.createdAt, offset: offsets.offset(entry.createdAt))
            let author = Sanitizer.singleLine(entry.author)
            switch entry.kind {
            case .event:
                let text = "· \(author) \(Sanitizer.singleLine(entry.body)) · \(when)"
                for l in TextWrap.lines(text, width: width) { out.append([Span(l, Style(fg: .gray, dim: true))]) }
                continue
            case .customerMessage:
                out.append(
                    header(
                        "▶ \(author)", "customer · \(entry.channel?.rawValue ?? "")", when, width, Style(fg: .cyan, bold: true)))
                out.append(contentsOf: body(entry.body, width: width, bar: "  ", barStyle: .plain))
            case .publicReply:
                out.append(header("◀ \(author)", "public reply", when, width, Style(fg: .green, bold: true)))
                out.append(contentsOf: body(entry.body, width: width, bar: "  ", barStyle: .plain))
            case .internalNote:
                out.append(header("✎ \(author)", "INTERNAL NOTE", when, width, Style(fg: .yellow, bold: true)))
                out.append(contentsOf: body(entry.body, width: width, bar: "┃ ", barStyle: Style(fg: .yellow)))
            case .systemMessage:
                out.append(header("• \(author)", "system", when, width, Style(fg: .magenta, bold: true)))
                out.append(contentsOf: body(entry.body, width: width, bar: "  ", barStyle: .plain))
            }
            out.append([])
        }
        return out
    }

    /// "▶ Name · what · when", dropping detail on the right before the name gets cut short.
    private static func header(_ who: String, _ what: String, _ when: String, _ width: Int, _ style: Style) -> StyledLine {
        let wanted = min(DisplayWidth.of(who), 16)
        var right = " · \(what) · \(when)"
        if width - DisplayWidth.of(right) < wanted { right = what == "INTERNAL NOTE" ? " · NOTE · \(when)" : " · \(when)" }
        let left = DisplayWidth.truncate(who, to: max(4, width - DisplayWidth.of(right)))
        return [Span(left, style), Span(right, .dim)]
    }

    private static func body(_ text: String, width: Int, bar: String, barStyle: Style) -> [StyledLine] {
        let clean = Sanitizer.multiline(text)
        let inner = max(1, width - DisplayWidth.of(bar))
        return TextWrap.lines(clean, width: inner).map { line in
            [Span(bar, barStyle), Span(line)]
        }
    }
}
