import DeskModel
import Foundation

/// Laying out the ticket history lazily: newest first, earlier entries a chunk at a time, and the
/// reader kept on the same text when the layout is redone (new data, another width, quotes toggled).
/// A 300-message thread takes 10–16 ms to wrap in full; its newest screens take well under one.
extension TicketPaneState {
    /// Timeline entries laid out per step (idle time, or scrolling up into what is not laid out yet):
    /// small, so a key pressed during an idle step hardly waits.
    static let entriesPerStep = 24
    /// Screens of history laid out before the pane is shown.
    static let screensLaidOutAtOnce = 3

    /// Lays out the history afresh: the newest entries until a few screens of `rows` lines are
    /// filled, and at least down to entry `from`. Leaves `scroll` for the caller to set.
    mutating func layOut(width: Int, zone: TimeZone, rows: Int, from: Int? = nil) {
        let minLines = rows * Self.screensLaidOutAtOnce
        lines = []
        entryStarts = []
        customerStarts = []
        guard let detail else {
            laidFrom = 0
            return
        }
        laidFrom = detail.timeline.count
        let keptScroll = scroll
        scroll = 0
        if detail.timeline.isEmpty {
            let chunk = TicketHistory.layout(detail, entries: 0..<0, width: width, zone: zone, expandQuotes: quotesExpanded)
            lines = chunk.lines
        }
        // Small steps here: a pane is shown as soon as its screens are filled.
        while laidFrom > 0, lines.count < minLines || laidFrom > (from ?? laidFrom) {
            layOutEarlier(width: width, zone: zone, entries: Self.entriesPerStep / 3)
        }
        scroll = keptScroll
    }

    /// Lays out up to `entries` more entries above what is laid out, keeping the reader on the
    /// same line. Returns how many lines were added.
    @discardableResult
    mutating func layOutEarlier(width: Int, zone: TimeZone, entries: Int) -> Int {
        guard let detail, laidFrom > 0 else { return 0 }
        let from = max(0, laidFrom - entries)
        let chunk = TicketHistory.layout(
            detail, entries: from..<laidFrom, width: width, zone: zone, expandQuotes: quotesExpanded)
        let added = chunk.lines.count
        lines = chunk.lines + lines
        entryStarts = chunk.entryStarts + entryStarts.map { $0 + added }
        customerStarts = chunk.customerStarts + customerStarts.map { $0 + added }
        if scroll != Int.max { scroll += added }
        laidFrom = from
        return added
    }

    /// Redoes the layout (for `newDetail` when given) and keeps the reader where they were: at the
    /// end if they were there (following new messages), else on the same line of the same entry.
    mutating func relayOut(_ newDetail: TicketDetail? = nil, width: Int, zone: TimeZone, rows: Int) {
        let anchor = scroll < lines.count - rows ? anchor() : nil
        if let newDetail { detail = newDetail }
        guard let anchor, let detail,
            let index = detail.timeline.firstIndex(where: { $0.kind == anchor.kind && $0.sourceId == anchor.sourceId })
        else {
            layOut(width: width, zone: zone, rows: rows)
            scroll = Int.max
            return
        }
        layOut(width: width, zone: zone, rows: rows, from: index)
        let i = index - laidFrom
        // A pane too narrow to hold text (the terminal shrunk below its smallest size) lays out
        // no entries: there is nothing to stay on until it grows again.
        guard entryStarts.indices.contains(i) else {
            scroll = Int.max
            return
        }
        let end = i + 1 < entryStarts.count ? entryStarts[i + 1] : lines.count
        scroll = max(0, min(entryStarts[i] + anchor.line, end - 1))
    }

    /// The entry at the top of the pane and how many lines into it the pane starts.
    private func anchor() -> (kind: TimelineEntry.Kind, sourceId: Int64, line: Int)? {
        guard let detail, !entryStarts.isEmpty else { return nil }
        let i = entryStarts.lastIndex { $0 <= scroll } ?? 0
        let entry = detail.timeline[laidFrom + i]
        return (entry.kind, entry.sourceId, scroll - entryStarts[i])
    }

    /// Lays out earlier entries until `lines` lines are above the pane's top (or all of them are).
    mutating func ensureLaidOut(above lines: Int, width: Int, zone: TimeZone) {
        while laidFrom > 0, scroll < lines {
            layOutEarlier(width: width, zone: zone, entries: Self.entriesPerStep)
        }
    }
}
