/// Where each part of the screen goes at a given size. Shared by reduce (scroll limits)
/// and render, so both agree on how many rows a pane has.
public struct Layout: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// The agent is writing: the queue steps aside and the ticket pane holds history and editor.
    public let writing: Bool
    /// Lines the ticket header needs beyond `baseHeaderLines` to show its wrapped lines (tags, the
    /// customer's zone, suggestions), at most `maxHeaderExtra`; set by `Reducer.fitTicketHeader`.
    public let headerExtra: Int

    public init(width: Int, height: Int, writing: Bool = false, headerExtra: Int = 0) {
        self.width = width; self.height = height; self.writing = writing; self.headerExtra = headerExtra
    }

    public var titleRow: Int { 0 }
    public var statusRow: Int { height - 2 }
    public var hintRow: Int { height - 1 }

    /// The queue gets half the width up to 72 columns; a wide terminal gives the rest to the ticket.
    public var queue: Rect {
        if writing { return Rect(x: 0, y: 1, width: 0, height: height - 3) }
        let w = min(max(38, width / 2), 72)
        return Rect(x: 0, y: 1, width: w, height: height - 3)
    }

    public var separatorX: Int { writing ? -1 : queue.maxX }

    public var ticket: Rect { Rect(x: separatorX + 1, y: 1, width: width - separatorX - 1, height: height - 3) }

    /// Queue rows below its column header.
    public var queueRows: Int { max(1, queue.height - 1) }

    /// Lines of the ticket pane given to the fixed header: ticket facts, presence and routing,
    /// the customer panel and the SLA / suggestions / escalation slots; a tall terminal also
    /// lists the customer's other tickets and the linked ones.
    public var ticketHeaderLines: Int { baseHeaderLines + min(headerExtra, maxHeaderExtra) }

    /// The header's lines when nothing needs wrapping.
    public var baseHeaderLines: Int { height >= 40 ? 17 : height >= 34 ? 13 : 8 }

    /// What wrapping may take from the history: it keeps at least ten rows, or six beside the
    /// editor's smallest seven while writing.
    public var maxHeaderExtra: Int { max(0, ticket.height - baseHeaderLines - (writing ? 7 + 6 : 10)) }

    /// From 40 rows the SLA gets a panel: the policy line and one line per target (up to four).
    public var slaPanel: Bool { height >= 40 }

    /// Rows of the customer's other tickets listed in the header (0 on short terminals).
    public var customerTicketRows: Int { height >= 34 ? 4 : 0 }

    /// Lines of the scrolling history.
    public var historyRows: Int { max(1, ticket.height - ticketHeaderLines - editorRows) }

    /// Rows of the reply editor, frame included: a bit over half of what the header leaves.
    public var editorRows: Int { writing ? max(7, (ticket.height - ticketHeaderLines) * 11 / 20) : 0 }

    public var editor: Rect { Rect(x: ticket.x, y: ticket.maxY - editorRows, width: ticket.width, height: editorRows) }

    /// Text rows and columns inside the editor's frame (the last line holds keys and questions).
    public var editorTextRows: Int { max(1, editorRows - 3) }
    public var editorTextWidth: Int { max(10, ticket.width - 4) }

    /// Columns the history is wrapped to (the pane less its left border column).
    public var historyWidth: Int { ticket.width - 1 }
}
