/// Everything a key can ask the console to do.
public enum Command: String, Sendable, CaseIterable {
    case moveDown, moveUp, top, bottom, pageDown, pageUp
    case open, switchPane, filter, help, commandLine, back, quit
    case nextView, sortOrder, refresh, board, boardBranch, boardTier
    case take, assign, changeStatus, changePriority, addTag, setProductArea, note, merge, link
    case toggleQuotes, nextCustomerMessage, previousCustomerMessage, firstCustomerMessage, lastCustomerMessage
    case notifications, notificationsAllRead, notificationsUnreadOnly
    case compose, escalationPanel, reproNote, boardMode
    case acceptEscalation, returnEscalation, withdrawEscalation, resolveEscalation, deescalate
    case nextCitation, previousCitation, followCitation
    case composerEdit, composerToggle, composerAdd, composerDelete, composerSend, composerSubmit
    case reply, suggestion1, suggestion2, suggestion3, templates
    case editorSend, editorMode, editorBold, editorItalic, editorCode, editorUndo, editorRedo, editorExternal
    case editorTemplates, editorClose, editorNewline, editorBackspace, editorDelete, editorDeleteWord, editorKillLine
    case editorLeft, editorRight, editorUp, editorDown, editorWordLeft, editorWordRight, editorLineStart, editorLineEnd
    case editorPageUp, editorPageDown, editorTextStart, editorTextEnd
    case editorSelectLeft, editorSelectRight, editorSelectUp, editorSelectDown
    case editorSuggestion
    case logCall, newCall
}

/// Where a binding applies.
public enum KeyContext: String, Sendable {
    case global = "Everywhere"
    case queue = "Queue"
    case ticket = "Ticket pane"
    case escalation = "Escalation panel"
    case composer = "Escalation composer"
    case editor = "Reply editor"
    case board = "SLA board"
    case notifications = "Notifications"
    case help = "Help overlay"
}

extension KeyContext {
    /// Where a key not bound here is looked up next: the escalation panel is part of the ticket
    /// pane, so the pane's other keys still work; help takes only its own keys.
    var enclosing: KeyContext? {
        switch self {
        case .global, .help, .editor: nil
        case .escalation: .ticket
        default: .global
        }
    }
}

/// One binding of the keymap.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let command: Command
    public let context: KeyContext
    public let help: String
    /// Shown in the bottom hint line.
    public let hint: Bool
}

/// The one keymap table: dispatch, the `?` overlay and docs/keymap.md all come from it.
public enum Keymap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("j"), .down], command: .moveDown, context: .global, help: "next ticket / scroll down", hint: true),
        KeyBinding(
            keys: [.char("k"), .up], command: .moveUp, context: .global, help: "previous ticket / scroll up", hint: false),
        KeyBinding(
            keys: [.char("g"), .home], command: .top, context: .global, help: "first ticket / top of history", hint: false),
        KeyBinding(
            keys: [.char("G"), .end], command: .bottom, context: .global, help: "last ticket / end of history", hint: false),
        KeyBinding(keys: [.pageDown, .ctrl("f")], command: .pageDown, context: .global, help: "page down", hint: false),
        KeyBinding(keys: [.pageUp, .ctrl("b")], command: .pageUp, context: .global, help: "page up", hint: false),
        KeyBinding(keys: [.enter], command: .open, context: .queue, help: "open the selected ticket", hint: true),
        KeyBinding(
            keys: [.tab, .backTab], command: .switchPane, context: .global, help: "switch between queue and ticket pane",
            hint: true),
        KeyBinding(
            keys: [.char("v")], command: .nextView, context: .queue, help: "next queue view (Open, Mine, Unassigned, All)",
            hint: true),
        KeyBinding(
            keys: [.char("o")], command: .sortOrder, context: .queue, help: "order by latest activity / by SLA due time",
            hint: true),
        KeyBinding(
            keys: [.char("L")], command: .board, context: .global, help: "the lead's SLA board (open / close)", hint: true),
        KeyBinding(
            keys: [.char("/")], command: .filter, context: .global, help: "filter the queue by text (#N for a ticket number)",
            hint: true),
        KeyBinding(
            keys: [.char(":")], command: .commandLine, context: .global, help: "command line (:q, :open N, :view NAME, :help)",
            hint: true),
        KeyBinding(keys: [.ctrl("l")], command: .refresh, context: .global, help: "reload and redraw", hint: false),
        KeyBinding(keys: [.char("?")], command: .help, context: .global, help: "this help", hint: true),
        KeyBinding(
            keys: [.escape], command: .back, context: .global, help: "back out: close overlay, leave ticket pane, clear filter",
            hint: false),
        KeyBinding(
            keys: [.char("q")], command: .quit, context: .global,
            help: "quit (in the editor and prompts q is a letter)", hint: true),
        KeyBinding(
            keys: [.ctrl("c")], command: .quit, context: .global,
            help: "quit from anywhere, the editor included (draft kept)", hint: false),
        KeyBinding(keys: [.char("t")], command: .take, context: .ticket, help: "take: assign the ticket to me", hint: true),
        KeyBinding(
            keys: [.char("a")], command: .assign, context: .ticket,
            help: "assign to an agent or move to a branch (type to filter)",
            hint: true),
        KeyBinding(keys: [.char("s")], command: .changeStatus, context: .ticket, help: "change status", hint: true),
        KeyBinding(keys: [.char("p")], command: .changePriority, context: .ticket, help: "change priority", hint: true),
        KeyBinding(keys: [.char("#")], command: .addTag, context: .ticket, help: "add a tag", hint: true),
        KeyBinding(
            keys: [.char("A")], command: .setProductArea, context: .ticket, help: "set the product area (empty clears it)",
            hint: false),
        KeyBinding(
            keys: [.char("r")], command: .reply, context: .ticket, help: "reply to the customer (opens the editor)", hint: true),
        KeyBinding(
            keys: [.char("n")], command: .note, context: .ticket, help: "write an internal note (the editor, in note mode)",
            hint: true),
        KeyBinding(
            keys: [.char("1")], command: .suggestion1, context: .ticket, help: "insert suggested template 1 into the reply",
            hint: true),
        KeyBinding(keys: [.char("2")], command: .suggestion2, context: .ticket, help: "insert suggested template 2", hint: false),
        KeyBinding(keys: [.char("3")], command: .suggestion3, context: .ticket, help: "insert suggested template 3", hint: false),
        KeyBinding(
            keys: [.char("T")], command: .templates, context: .ticket,
            help: "all templates and macros: Enter inserts, Ctrl-R replaces the draft, Ctrl-E edits the template", hint: false),
        KeyBinding(
            keys: [.char("c")], command: .logCall, context: .ticket,
            help: "log a phone call on this ticket (minutes, summary, outcome)", hint: false),
        KeyBinding(
            keys: [.char("C")], command: .newCall, context: .global,
            help: "log a phone call as a new ticket (caller, subject, minutes, summary, outcome)", hint: false),
        KeyBinding(keys: [.char("M")], command: .merge, context: .ticket, help: "merge this ticket into another", hint: true),
        KeyBinding(keys: [.char("l")], command: .link, context: .ticket, help: "link a related ticket", hint: true),
        KeyBinding(keys: [.char("x")], command: .toggleQuotes, context: .ticket, help: "expand / fold quoted text", hint: true),
        KeyBinding(
            keys: [.char("]")], command: .nextCustomerMessage, context: .ticket, help: "next customer message", hint: true),
        KeyBinding(
            keys: [.char("[")], command: .previousCustomerMessage, context: .ticket, help: "previous customer message",
            hint: false),
        KeyBinding(
            keys: [.char("{")], command: .firstCustomerMessage, context: .ticket, help: "first customer message", hint: false),
        KeyBinding(
            keys: [.char("}")], command: .lastCustomerMessage, context: .ticket, help: "last customer message", hint: false),
        KeyBinding(
            keys: [.char("e")], command: .compose, context: .ticket, help: "escalate: open the escalation composer", hint: true),
        KeyBinding(
            keys: [.char("E")], command: .escalationPanel, context: .ticket,
            help: "escalation panel: triggers, the whole handoff package (scrolls), earlier escalations (open / close)",
            hint: true),
        KeyBinding(
            keys: [.char("N")], command: .reproNote, context: .ticket,
            help: "write reproduction steps (an internal note the escalation package cites)", hint: false),
        KeyBinding(
            keys: [.char("]")], command: .nextCitation, context: .escalation,
            help: "select the next message the package cites ([#N])", hint: true),
        KeyBinding(
            keys: [.char("[")], command: .previousCitation, context: .escalation,
            help: "select the previous cited message", hint: false),
        KeyBinding(
            keys: [.enter], command: .followCitation, context: .escalation,
            help: "show the selected cited message in the history (marked)", hint: true),
        KeyBinding(
            keys: [.char("a")], command: .acceptEscalation, context: .escalation,
            help: "accept the escalation sent to your branch (you own the ticket)", hint: true),
        KeyBinding(
            keys: [.char("r")], command: .returnEscalation, context: .escalation, help: "return it, with a reason (a bounce)",
            hint: true),
        KeyBinding(
            keys: [.char("w")], command: .withdrawEscalation, context: .escalation,
            help: "withdraw the escalation you requested", hint: true),
        KeyBinding(
            keys: [.char("R")], command: .resolveEscalation, context: .escalation, help: "resolve the accepted escalation",
            hint: true),
        KeyBinding(
            keys: [.char("D")], command: .deescalate, context: .escalation, help: "de-escalate: hand the ticket back to tier 1",
            hint: true),
        KeyBinding(
            keys: [.char("E"), .escape], command: .escalationPanel, context: .escalation, help: "back to the history",
            hint: true),
        KeyBinding(
            keys: [.enter], command: .composerEdit, context: .composer,
            help:
                "summary, repro, next actions, update: open in the editor · workaround how: edit · owner, agent, impact, workaround, severity: next choice",
            hint: true),
        KeyBinding(
            keys: [.char(" ")], command: .composerToggle, context: .composer, help: "tick or untick a missing-information item",
            hint: true),
        KeyBinding(
            keys: [.char("o")], command: .composerAdd, context: .composer,
            help: "add a summary claim, repro step or next action (in the editor)", hint: true),
        KeyBinding(keys: [.char("d")], command: .composerDelete, context: .composer, help: "delete the line", hint: true),
        KeyBinding(
            keys: [.char("u")], command: .composerSend, context: .composer,
            help: "send the customer update as a public reply, or not", hint: true),
        KeyBinding(
            keys: [.char("S")], command: .composerSubmit, context: .composer, help: "submit: review, then escalate",
            hint: true),
        KeyBinding(
            keys: [.escape], command: .back, context: .composer, help: "close (the package is kept until you submit)",
            hint: true),
        KeyBinding(
            keys: [.ctrl("s")], command: .editorSend, context: .editor,
            help: "send: then Enter send, p send and set pending, s send and solve (a template: save)", hint: true),
        KeyBinding(
            keys: [.ctrl("n")], command: .editorMode, context: .editor, help: "switch public reply / internal note", hint: true),
        KeyBinding(
            keys: [.ctrl("b")], command: .editorBold, context: .editor, help: "bold the word or selection (**…**)", hint: true),
        KeyBinding(
            keys: [.ctrl("t")], command: .editorItalic, context: .editor, help: "italic the word or selection (*…*)", hint: true),
        KeyBinding(
            keys: [.ctrl("g")], command: .editorCode, context: .editor, help: "code the word or selection (`…`)", hint: true),
        KeyBinding(keys: [.ctrl("z")], command: .editorUndo, context: .editor, help: "undo", hint: true),
        KeyBinding(keys: [.ctrl("y")], command: .editorRedo, context: .editor, help: "redo", hint: false),
        KeyBinding(
            keys: [.ctrl("x")], command: .editorExternal, context: .editor, help: "edit the text in $VISUAL / $EDITOR", hint: true
        ),
        KeyBinding(
            keys: [.ctrl("p")], command: .editorTemplates, context: .editor, help: "pick a template or macro to insert",
            hint: true),
        KeyBinding(
            keys: [.alt("1"), .alt("2"), .alt("3")], command: .editorSuggestion, context: .editor,
            help: "insert suggested template 1, 2 or 3", hint: false),
        KeyBinding(
            keys: [.escape], command: .editorClose, context: .editor,
            help: "leave the editor (the draft is saved; r or n comes back to it)", hint: true),
        KeyBinding(
            keys: [.enter], command: .editorNewline, context: .editor,
            help: "new line (continues a list; ends it on an empty item)",
            hint: false),
        KeyBinding(
            keys: [.backspace], command: .editorBackspace, context: .editor, help: "delete before the cursor", hint: false),
        KeyBinding(
            keys: [.delete, .ctrl("d")], command: .editorDelete, context: .editor, help: "delete at the cursor", hint: false),
        KeyBinding(
            keys: [.ctrl("w")], command: .editorDeleteWord, context: .editor, help: "delete the word before the cursor",
            hint: false),
        KeyBinding(
            keys: [.ctrl("k")], command: .editorKillLine, context: .editor, help: "delete to the end of the line", hint: false),
        KeyBinding(keys: [.left], command: .editorLeft, context: .editor, help: "character left", hint: false),
        KeyBinding(keys: [.right], command: .editorRight, context: .editor, help: "character right", hint: false),
        KeyBinding(keys: [.up], command: .editorUp, context: .editor, help: "row up (wrapped rows count)", hint: false),
        KeyBinding(keys: [.down], command: .editorDown, context: .editor, help: "row down", hint: false),
        KeyBinding(keys: [.alt("b"), .ctrlLeft], command: .editorWordLeft, context: .editor, help: "word left", hint: false),
        KeyBinding(keys: [.alt("f"), .ctrlRight], command: .editorWordRight, context: .editor, help: "word right", hint: false),
        KeyBinding(keys: [.home, .ctrl("a")], command: .editorLineStart, context: .editor, help: "start of line", hint: false),
        KeyBinding(keys: [.end, .ctrl("e")], command: .editorLineEnd, context: .editor, help: "end of line", hint: false),
        KeyBinding(keys: [.pageUp], command: .editorPageUp, context: .editor, help: "page up", hint: false),
        KeyBinding(keys: [.pageDown], command: .editorPageDown, context: .editor, help: "page down", hint: false),
        KeyBinding(keys: [.alt("<")], command: .editorTextStart, context: .editor, help: "start of the text", hint: false),
        KeyBinding(keys: [.alt(">")], command: .editorTextEnd, context: .editor, help: "end of the text", hint: false),
        KeyBinding(keys: [.shiftLeft], command: .editorSelectLeft, context: .editor, help: "select left", hint: false),
        KeyBinding(keys: [.shiftRight], command: .editorSelectRight, context: .editor, help: "select right", hint: false),
        KeyBinding(keys: [.shiftUp], command: .editorSelectUp, context: .editor, help: "select up", hint: false),
        KeyBinding(keys: [.shiftDown], command: .editorSelectDown, context: .editor, help: "select down", hint: false),
        KeyBinding(keys: [.enter], command: .open, context: .board, help: "open the selected ticket", hint: true),
        KeyBinding(
            keys: [.char("e")], command: .boardMode, context: .board,
            help: "escalations: waiting for acceptance, bounced, late / back to SLA", hint: true),
        KeyBinding(keys: [.char("b")], command: .boardBranch, context: .board, help: "next branch filter", hint: true),
        KeyBinding(keys: [.char("t")], command: .boardTier, context: .board, help: "next customer tier filter", hint: true),
        KeyBinding(
            keys: [.tab, .backTab], command: .switchPane, context: .board,
            help: "tickets / branch table / agent table: j/k then scroll it, Enter on a branch shows its board",
            hint: false),
        KeyBinding(keys: [.escape, .char("L")], command: .back, context: .board, help: "close the board", hint: true),
        KeyBinding(
            keys: [.char("@")], command: .notifications, context: .global,
            help: "notifications: assigned to you, mentions, escalations, customer replies, SLA at risk, bounces",
            hint: true),
        KeyBinding(keys: [.enter], command: .open, context: .notifications, help: "open the ticket (marks it read)", hint: true),
        KeyBinding(
            keys: [.char("u")], command: .notificationsUnreadOnly, context: .notifications, help: "unread only / all",
            hint: true),
        KeyBinding(
            keys: [.char("m")], command: .notificationsAllRead, context: .notifications, help: "mark all read", hint: true),
        KeyBinding(keys: [.escape, .char("@")], command: .back, context: .notifications, help: "close the list", hint: true),
        KeyBinding(keys: [.char("j"), .down], command: .moveDown, context: .help, help: "scroll help", hint: false),
        KeyBinding(keys: [.char("k"), .up], command: .moveUp, context: .help, help: "scroll help", hint: false),
        KeyBinding(keys: [.escape, .char("q"), .char("?")], command: .back, context: .help, help: "close help", hint: false),
    ]

    /// The command bound to `key` in `context`, falling back to global bindings.
    public static func command(for key: Key, in context: KeyContext) -> Command? {
        if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.command }
        return context.enclosing.flatMap { command(for: key, in: $0) }
    }

    /// The short line at the bottom of the screen: the pane's own keys first, then the global ones.
    public static func hintLine(_ context: KeyContext) -> String {
        let own = bindings.filter { $0.hint && $0.context == context }
        let global = bindings.filter { $0.hint && $0.context == .global }
        let shown: [KeyBinding]
        switch context {
        case .ticket: shown = own + global.filter { [.switchPane, .help, .quit].contains($0.command) }
        case .board, .notifications: shown = own + global.filter { [.moveDown, .help, .quit].contains($0.command) }
        case .escalation, .composer: shown = own + global.filter { [.moveDown, .help].contains($0.command) }
        case .editor: shown = own
        default: shown = own + global
        }
        return shown.map { b in "\(b.keys[0]) \(shortHelp(b.command))" }.joined(separator: "  ")
    }

    static func shortHelp(_ c: Command) -> String {
        switch c {
        case .moveDown: "move"
        case .open: "open"
        case .switchPane: "pane"
        case .nextView: "view"
        case .sortOrder: "order"
        case .board: "SLA board"
        case .boardBranch: "branch"
        case .boardTier: "tier"
        case .back: "close"
        case .filter: "filter"
        case .commandLine: "command"
        case .help: "help"
        case .quit: "quit"
        case .take: "take"
        case .assign: "assign"
        case .changeStatus: "status"
        case .changePriority: "priority"
        case .addTag: "tag"
        case .setProductArea: "area"
        case .note: "note"
        case .merge: "merge"
        case .link: "link"
        case .toggleQuotes: "quotes"
        case .nextCustomerMessage: "customer msg"
        case .compose: "escalate"
        case .escalationPanel: "escalation"
        case .boardMode: "escalations"
        case .notifications: "notifications"
        case .notificationsAllRead: "all read"
        case .notificationsUnreadOnly: "unread/all"
        case .acceptEscalation: "accept"
        case .returnEscalation: "return"
        case .withdrawEscalation: "withdraw"
        case .resolveEscalation: "resolve"
        case .deescalate: "de-escalate"
        case .nextCitation: "citation"
        case .followCitation: "follow"
        case .composerEdit: "edit"
        case .composerToggle: "tick"
        case .composerAdd: "add line"
        case .composerDelete: "delete"
        case .composerSend: "send update"
        case .composerSubmit: "submit"
        case .reply: "reply"
        case .suggestion1: "template 1"
        case .editorSend: "send"
        case .editorMode: "reply/note"
        case .editorBold: "bold"
        case .editorItalic: "italic"
        case .editorCode: "code"
        case .editorUndo: "undo"
        case .editorExternal: "$EDITOR"
        case .editorTemplates: "templates"
        case .editorClose: "leave"
        case .logCall: "log call"
        case .newCall: "new call"
        default: c.rawValue
        }
    }

    /// Help text grouped by context, for the overlay and the docs page.
    public static var helpSections: [(KeyContext, [(String, String)])] {
        let order: [KeyContext] = [.global, .queue, .ticket, .editor, .escalation, .composer, .board, .help]
        return order.compactMap { ctx in
            let rows = bindings.filter { $0.context == ctx }.map { b in
                (b.keys.map(\.description).joined(separator: ", "), b.help)
            }
            return rows.isEmpty ? nil : (ctx, rows)
        }
    }

    /// docs/keymap.md, generated (`desk keymap`).
    public static var markdown: String {
        var s =
            "# Keymap\n\nGenerated from the keymap table (`Sources/DeskTUI/App/Keymap.swift`) by `desk keymap`; do not edit by hand.\n"
        for (ctx, rows) in helpSections {
            s += "\n## \(ctx.rawValue)\n\n| keys | action |\n|---|---|\n"
            for (k, h) in rows { s += "| \(k.replacingOccurrences(of: "|", with: "\\|")) | \(h) |\n" }
        }
        s += "\n## Command line\n\n| command | action |\n|---|---|\n"
        for (c, h) in ConsoleCommands.all { s += "| `:\(c)` | \(h) |\n" }
        return s
    }
}
