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

    var lines: [String] {
        DisplayWidth.prepareLocale()
        let all = [header] + rows.map { r in
            r.enumerated().map { i, cell in maxWidths[i].map { DisplayWidth.truncate(cell, to: $0) } ?? cell }
        }
        let last = header.count - 1
        var widths = Array(repeating: 0, count: header.count)
        for r in all { for (i, c) in r.enumerated() where i < last { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        return all.map { r in
            r.enumerated().map { i, c in
                if i == last { return c }
                let gap = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
                return rightAligned.contains(i) ? gap + c : c + gap
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
