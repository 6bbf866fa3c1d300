import DeskModel

/// A boxed list with a type-to-filter line: assignees and branches, statuses, priorities.
enum PickerOverlay {
    static func render(_ picker: Picker, into buf: inout Buffer) {
        let shown = picker.visible
        // Wide enough for the title and the keys on the border, which are never cut.
        let w = min(buf.width - 4, max(60, DisplayWidth.of(picker.title) + 8, DisplayWidth.of(picker.keys) + 8))
        let listRows = max(3, min(shown.count, buf.height - 10))
        let h = listRows + 4
        let rect = Rect(x: (buf.width - w) / 2, y: max(1, (buf.height - h) / 2), width: w, height: h)
        Box.draw(rect, title: " \(picker.title) ", footer: " \(picker.keys) ", into: &buf)
        let filterLine = "filter: " + Sanitizer.singleLine(picker.filter)
        let end = buf.put(filterLine, x: rect.x + 2, y: rect.y + 1, maxWidth: w - 4, style: .bold)
        buf.put("█", x: min(end, rect.maxX - 2), y: rect.y + 1, style: .dim)
        if shown.isEmpty {
            buf.put("nothing matches", x: rect.x + 2, y: rect.y + 2, style: .dim)
            return
        }
        // Keep the selection in view.
        let top = max(0, min(picker.selected - listRows + 1, shown.count - listRows))
        for i in 0..<listRows where top + i < shown.count {
            let item = shown[top + i]
            let selected = top + i == picker.selected
            let style = selected ? Style(reverse: true) : .plain
            let line: StyledLine = [
                Span(selected ? "› " : "  ", style), Span(item.label, selected ? Style(bold: true, reverse: true) : .bold),
                Span(item.detail.isEmpty ? "" : "  " + item.detail, selected ? style : .dim),
            ]
            buf.fill(Rect(x: rect.x + 1, y: rect.y + 2 + i, width: w - 2, height: 1), style: style)
            buf.put(line, x: rect.x + 2, y: rect.y + 2 + i, width: w - 4)
        }
    }
}
