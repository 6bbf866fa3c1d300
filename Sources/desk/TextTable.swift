import DeskTUI
import Foundation

/// Columns for people at a terminal: a header, and every cell padded to its column's width in
/// terminal cells (a CJK character or an emoji takes two), so the columns line up whatever the
/// text. The last column is never padded or cut.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned to the right (numbers).
    var rightAligned: Set<Int> = []
    /// Widest a column may be, in cells; longer cells end in "…".
    var maxWidths: [Int: Int] = [:]
    /// The terminal's width when printing to one: the last column is cut to fit it when at least
    /// 20 cells are left for it (narrower, cutting would lose the text and still wrap); nil (a
    /// pipe, a file) leaves it whole.
    var width: Int? = TextTable.terminalWidth()

    var lines: [String] {
        DisplayWidth.prepareLocale()
        let all = [header] + rows.map { r in
            r.enumerated().map { i, cell in maxWidths[i].map { DisplayWidth.truncate(cell, to: $0) } ?? cell }
        }
        let last = header.count - 1
        var widths = Array(repeating: 0, count: header.count)
        for r in all { for (i, c) in r.enumerated() where i < last { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        let lastStart = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        return all.map { r in
            r.enumerated().map { i, c in
                if i == last, let width, width - lastStart >= 20 { return DisplayWidth.truncate(c, to: width - lastStart) }
                if i == last { return c }
                let gap = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
                return rightAligned.contains(i) ? gap + c : c + gap
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }
}

extension TextTable {
    /// Columns of the terminal on standard output, or nil when it is not a terminal.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
