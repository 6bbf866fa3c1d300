/// A framed, cleared rectangle with a title and a footer on its border: the overlays' frame.
enum Box {
    static func draw(_ rect: Rect, title: String, footer: String, into buf: inout Buffer) {
        buf.fill(rect, style: .plain)
        let border = Style(fg: .cyan)
        let w = rect.width
        buf.put("┌" + String(repeating: "─", count: w - 2) + "┐", x: rect.x, y: rect.y, style: border)
        buf.put("└" + String(repeating: "─", count: w - 2) + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buf.put("│", x: rect.x, y: y, style: border)
            buf.put("│", x: rect.maxX - 1, y: y, style: border)
        }
        buf.put(title, x: rect.x + 2, y: rect.y, maxWidth: w - 4, style: Style(fg: .cyan, bold: true))
        buf.put(footer, x: rect.x + 2, y: rect.maxY - 1, maxWidth: w - 4, style: .dim)
    }
}
