import DeskModel
import Foundation

/// The reply editor: opening it (with the saved draft), keys, templates, drafts, and the send.
extension Reducer {
    /// The editor of the open ticket, when it has the keyboard.
    static func editorHasKeys(_ state: AppState) -> Bool {
        guard let r = state.reply, r.focused, state.board == nil else { return false }
        return r.template != nil || r.ticketId == state.ticket.detail?.ticket.id
    }

    /// Another ticket is shown: the old one's draft is saved and this one's draft and suggestions load.
    static func replyAfterSwitch(_ state: inout AppState, to id: Int64) -> [Effect] {
        let before = state.layout
        var effects: [Effect] = []
        if case .escalation? = state.reply?.purpose { applyComposerField(&state) }
        if let r = state.reply, r.ticketId != id || !r.isMessage {
            effects += saveDraft(&state)
            state.reply = nil
            fitEditor(&state, from: before)
        }
        state.suggestions = []
        state.suggestionsFor = nil
        state.replyLoadPending = id
        return effects
    }

    /// `r` / `n`: opens the editor in that mode, on the draft if there is one.
    static func openEditor(_ state: inout AppState, mode: ReplyMode) -> [Effect] {
        guard let id = state.ticket.detail?.ticket.id else { return [] }
        let before = state.layout
        if var r = state.reply, r.ticketId == id, r.isMessage {
            if r.editor.isEmpty { r.mode = mode }
            r.focused = true
            state.reply = r
        } else {
            state.reply = ReplyState(ticketId: id, mode: mode)
            state.reply?.base = state.ticket.detail?.ticket.version
        }
        state.focus = .ticket
        fitEditor(&state, from: before)
        return []
    }

    /// Sizes the editor for the current layout; the history is laid out again only when the
    /// writing layout came or went since `before` (its width changed), not on every call.
    static func fitEditor(_ state: inout AppState, from before: Layout) {
        let layout = state.layout
        state.reply?.editor.resize(width: layout.editorTextWidth, rows: layout.editorTextRows)
        if layout.historyWidth != before.historyWidth { layOutHistory(&state) }
        clampTicketScroll(&state)
    }

    /// Esc: the editor steps back (the draft saved); the queue and history come back.
    static func leaveEditor(_ state: inout AppState) -> [Effect] {
        guard var r = state.reply else { return [] }
        let before = state.layout
        if case .escalation = r.purpose {
            applyComposerField(&state)
            return []
        }
        r.focused = false
        r.step = nil
        state.reply = r
        fitEditor(&state, from: before)
        if !r.isMessage {
            state.replyLoadPending = r.ticketId  // the reply draft it stood in for comes back
            state.reply = nil
            state.status = StatusMessage(text: "Template edit abandoned (nothing saved).", isError: false)
            return []
        }
        return saveDraft(&state)
    }

    /// The draft as it is now, if it changed since it was saved.
    static func saveDraft(_ state: inout AppState) -> [Effect] {
        guard var r = state.reply, r.dirty, r.isMessage else { return [] }
        r.dirty = false
        r.savedAt = state.now
        state.reply = r
        return [.saveReplyDraft(r.draft(agent: state.agent.id, now: state.now))]
    }

    static func replyDraftLoaded(_ state: inout AppState, ticket id: Int64, _ draft: ReplyDraft?) -> [Effect] {
        guard state.ticket.detail?.ticket.id == id, let draft else { return [] }
        // Typing already started in this session wins over the stored copy.
        if let r = state.reply, !r.isMessage || (r.ticketId == id && !r.editor.isEmpty) { return [] }
        var r = ReplyState(ticketId: id, mode: ReplyMode(rawValue: draft.mode) ?? .reply, text: draft.body, focused: false)
        r.templateIds = draft.templates
        r.actions = draft.macro
        r.savedAt = draft.updatedAt
        // A draft from before bases were kept began, at the latest, from the version on screen.
        r.base = draft.baseVersion ?? state.ticket.detail?.ticket.version
        state.reply = r
        guard state.status == nil else { return [] }  // what the agent just did is said first
        state.status = StatusMessage(
            text:
                "Draft \(r.mode == .reply ? "reply" : "note") restored (\(r.wordCount) words): \(r.mode == .reply ? "r" : "n") to continue.",
            isError: false)
        return []
    }

    // MARK: - Keys

    static func replyKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var r = state.reply else { return [] }
        if let step = r.step { return stepKey(&state, step, key) }
        guard let command = Keymap.command(for: key, in: .editor) else {
            guard case .char(let c) = key else { return [] }
            r.editor.insert(String(c), typing: true)
            r.dirty = true
            state.reply = r
            return []
        }
        var changed = true
        switch command {
        case .editorSend: return beginSend(&state)
        case .editorClose: return leaveEditor(&state)
        case .editorMode:
            guard r.isMessage else { return [] }
            r.mode = r.mode == .reply ? .note : .reply
        case .editorBold: r.editor.toggle("**")
        case .editorItalic: r.editor.toggle("*")
        case .editorCode: r.editor.toggle("`")
        case .editorUndo: r.editor.undo()
        case .editorRedo: r.editor.redo()
        case .editorNewline: r.editor.newline()
        case .editorBackspace: r.editor.backspace()
        case .editorDelete: r.editor.deleteForward()
        case .editorDeleteWord: r.editor.deleteWordBack()
        case .editorKillLine: r.editor.killToLineEnd()
        case .editorExternal: return [.externalEdit(r.editor.text)]
        case .editorTemplates: return [.loadTemplates]
        case .editorSuggestion:
            guard case .alt(let c) = key, let n = c.wholeNumberValue else { return [] }
            return insertSuggestion(&state, n - 1)
        default:
            changed = false
            guard let (motion, extend) = editorMoves[command] else { return [] }
            r.editor.move(motion, extend: extend)
        }
        if changed { r.dirty = true }
        state.reply = r
        return []
    }

    /// Motion commands: the motion, and whether it extends the selection.
    static let editorMoves: [Command: (EditorMotion, Bool)] = [
        .editorLeft: (.left, false), .editorRight: (.right, false), .editorUp: (.up, false), .editorDown: (.down, false),
        .editorWordLeft: (.wordLeft, false), .editorWordRight: (.wordRight, false),
        .editorLineStart: (.lineStart, false), .editorLineEnd: (.lineEnd, false),
        .editorPageUp: (.pageUp, false), .editorPageDown: (.pageDown, false),
        .editorTextStart: (.textStart, false), .editorTextEnd: (.textEnd, false),
        .editorSelectLeft: (.left, true), .editorSelectRight: (.right, true),
        .editorSelectUp: (.up, true), .editorSelectDown: (.down, true),
    ]

    static func paste(_ state: inout AppState, _ text: String) -> [Effect] {
        if editorHasKeys(state), state.reply?.step == nil {
            state.reply?.editor.paste(text)
            state.reply?.dirty = true
            return []
        }
        // Elsewhere a paste is text for the prompt that is open, never keys.
        let line = Sanitizer.singleLine(text)
        switch state.overlay {
        case .filter(let t):
            state.overlay = .filter(t + line)
            return setFilter(&state, t + line)
        case .command(let t): state.overlay = .command(t + line)
        case .prompt(let kind, let t): state.overlay = .prompt(kind, t + line)
        default:
            if case .placeholder(let raw, let value)? = state.reply?.step {
                state.reply?.step = .placeholder(raw: raw, value: value + line)
            }
        }
        return []
    }

    // MARK: - Templates

    /// `1`–`3` (or Alt-1–3 while writing): the suggestion goes in at the cursor.
    static func insertSuggestion(_ state: inout AppState, _ index: Int) -> [Effect] {
        guard let id = state.ticket.detail?.ticket.id, state.suggestionsFor == id else { return [] }
        guard index < state.suggestions.count else {
            state.status = StatusMessage(
                text: "no suggestion \(index + 1) for this ticket (T lists every template)", isError: true)
            return []
        }
        return openEditor(&state, mode: state.reply?.mode ?? .reply)
            + [
                .insertTemplate(
                    id: state.suggestions[index].templateId, ticket: id, replace: false, how: "suggestion \(index + 1)")
            ]
    }

    static func templateReady(_ state: inout AppState, _ ins: TemplateInsertion, replace: Bool) -> [Effect] {
        guard var r = state.reply, r.isMessage, r.ticketId == state.ticket.detail?.ticket.id else { return [] }
        // Inserted mid-draft, a template is a paragraph of its own.
        if replace {
            r.editor.replaceAll(with: ins.text)
        } else {
            r.editor.insert(ins.text.hasSuffix("\n") ? ins.text : ins.text + "\n")
        }
        if !r.templateIds.contains(ins.templateId) { r.templateIds.append(ins.templateId) }
        r.actions = r.actions.merged(with: ins.actions)
        r.dirty = true
        r.focused = true
        state.reply = r
        var said = "Inserted \(ins.name)."
        if !ins.missing.isEmpty { said += " To fill before sending: \(ins.missing.joined(separator: " "))." }
        if !ins.actions.isEmpty { said += " On send: \(ins.actions.summary)." }
        state.status = StatusMessage(text: said, isError: false)
        return []
    }

    /// The template list as a picker: Enter inserts, Ctrl-R replaces the draft, Ctrl-E edits.
    static func templatesLoaded(_ state: inout AppState, _ templates: [Template]) -> [Effect] {
        state.templates = templates
        let items = templates.map { t in
            PickerItem(
                label: t.name,
                detail: [t.productArea ?? "", t.macro.isEmpty ? "" : "macro: " + t.macro.summary].filter { !$0.isEmpty }
                    .joined(separator: " · "),
                template: t.id!)
        }
        state.overlay = .picker(
            Picker(
                title: "Templates and macros", items: items,
                keys: "Enter insert · Ctrl-R replace draft · Ctrl-E edit · Esc"))
        return []
    }

    /// What the template picker's keys do with the chosen template.
    static func chooseTemplate(_ state: inout AppState, _ id: Int64, key: Key) -> [Effect] {
        state.overlay = .none
        guard let ticket = state.ticket.detail?.ticket.id else { return [] }
        if key == .ctrl("e") {
            guard let t = state.templates.first(where: { $0.id == id }) else { return [] }
            guard state.canEditTemplates else {
                state.status = StatusMessage(
                    text: "editing templates needs the templates permission (knowledge managers)", isError: true)
                return []
            }
            let effects = saveDraft(&state)  // the reply draft is kept; the template takes the editor
            let before = state.layout
            var r = ReplyState(ticketId: ticket, mode: .reply, text: t.body)
            r.purpose = .template(TemplateRef(id: id, name: t.name))
            state.reply = r
            fitEditor(&state, from: before)
            return effects
        }
        let open = openEditor(&state, mode: state.reply?.mode ?? .reply)
        return open + [
            .insertTemplate(id: id, ticket: ticket, replace: key == .ctrl("r"), how: key == .ctrl("r") ? "replace" : "picker")
        ]
    }

    // MARK: - Sending

    /// Ctrl-S: fills placeholders, confirms internal text, then asks which send.
    static func beginSend(_ state: inout AppState) -> [Effect] {
        guard var r = state.reply else { return [] }
        switch r.purpose {
        case .template(let t): return [.saveTemplate(id: t.id, body: r.editor.text)]
        case .escalation:
            applyComposerField(&state)
            return []
        case .message: break
        }
        guard !r.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            state.status = StatusMessage(text: "nothing to send: the text is empty", isError: true)
            return []
        }
        if let raw = Placeholders.unfilled(in: r.editor.text).first {
            let name = Placeholders.tags(in: raw).first?.name ?? ""
            guard Placeholders.isKnown(name, customFields: state.customFields) else {
                state.status = StatusMessage(
                    text: "\(raw) is not a placeholder desk knows: edit it out before sending", isError: true)
                return []
            }
            r.step = .placeholder(raw: raw, value: "")
            state.reply = r
            return []
        }
        if r.mode == .reply, !r.confirmedInternal, let marker = state.replies.internalMarker(in: r.editor.text) {
            r.step = .confirmInternal(marker: marker)
            state.reply = r
            return []
        }
        r.step = r.mode == .reply ? .choose : .sending
        state.reply = r
        return r.mode == .reply ? [] : send(&state, then: nil)
    }

    static func stepKey(_ state: inout AppState, _ step: SendStep, _ key: Key) -> [Effect] {
        guard var r = state.reply else { return [] }
        switch (step, key) {
        case (.sending, _): return []
        case (_, .escape):
            r.step = nil
            r.confirmedInternal = false
            state.reply = r
            return []
        case (.placeholder(let raw, let value), .enter):
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                state.status = StatusMessage(text: "type the value for \(raw), or Esc to go back and edit", isError: true)
                return []
            }
            r.editor.replaceOccurrences(of: raw, with: value)
            r.dirty = true
            r.step = nil
            state.reply = r
            return beginSend(&state)
        case (.placeholder(let raw, let value), .backspace): r.step = .placeholder(raw: raw, value: String(value.dropLast()))
        case (.placeholder(let raw, let value), .char(let c)): r.step = .placeholder(raw: raw, value: value + String(c))
        case (.confirmInternal, .char("y")):
            r.confirmedInternal = true
            r.step = nil
            state.reply = r
            return beginSend(&state)
        case (.confirmInternal, .char("n")):
            r.step = nil
        case (.conflict(let c), .char("y")), (.conflict(let c), .enter):
            // Seen: the send goes against the version that shows what came in.
            r.base = c.current
            r.step = nil
            state.reply = r
            return beginSend(&state)
        case (.conflict(let c), .char("e")):
            r.base = c.current
            r.step = nil
            r.dirty = true
        case (.conflict, .char("d")):
            let before = state.layout
            var gone = r
            gone.editor = EditorState(text: "")
            state.reply = nil
            fitEditor(&state, from: before)
            state.status = StatusMessage(text: "Draft discarded.", isError: false)
            return [.saveReplyDraft(gone.draft(agent: state.agent.id, now: state.now))] + reload(&state)
        case (.choose, .enter): return send(&state, then: nil)
        case (.choose, .char("p")): return send(&state, then: .pending)
        case (.choose, .char("s")): return send(&state, then: .solved)
        default: return []
        }
        state.reply = r
        return []
    }

    static func send(_ state: inout AppState, then status: TicketStatus?) -> [Effect] {
        guard var r = state.reply, let detail = state.ticket.detail, detail.ticket.id == r.ticketId else { return [] }
        r.step = .sending
        state.reply = r
        let request = SendRequest(
            body: r.editor.text, visibility: r.mode == .reply ? .public : .internal, then: status, templateIds: r.templateIds,
            actions: r.actions, confirmedInternal: r.confirmedInternal)
        return [.send(ticket: r.ticketId, version: r.base ?? detail.ticket.version, request)]
    }

    static func sent(_ state: inout AppState, ticket id: Int64, status: TicketStatus?, outbound: Int64?) -> [Effect] {
        let mode = state.reply?.mode ?? .reply
        let before = state.layout
        if state.reply?.ticketId == id { state.reply = nil }
        fitEditor(&state, from: before)
        var said = mode == .reply ? "Reply sent" : "Internal note saved"
        if let status { said += "; status is \(status.rawValue)" }
        if outbound != nil { said += "; mailing it…" }
        state.status = StatusMessage(text: said + (outbound != nil ? "" : "."), isError: false)
        state.ticket.scroll = Int.max
        return reload(&state) + (outbound.map { [.deliver(ticket: id, outbound: [$0])] } ?? [])
    }

    static func sendFailed(_ state: inout AppState, ticket id: Int64, message: String, conflict: TicketConflict?) -> [Effect] {
        state.reply?.confirmedInternal = false
        guard let conflict else {
            state.reply?.step = nil
            state.status = StatusMessage(text: "Not sent: \(message)", isError: true)
            return []
        }
        // New messages are shown in the editor, where the agent decides; any other clash is said
        // once, and the next send goes against what is now on screen.
        if !conflict.newMessages.isEmpty, state.reply?.ticketId == id {
            state.reply?.step = .conflict(conflict)
            state.status = StatusMessage(
                text: "Not sent: \(conflict.newMessages.count) new message\(conflict.newMessages.count == 1 ? "" : "s") since you began.",
                isError: true)
        } else {
            state.reply?.step = nil
            state.reply?.base = conflict.current
            state.status = StatusMessage(
                text: "Not sent: " + conflict.changes.suffix(2).map(\.sentence).joined(separator: "; ")
                    + " — check it and send again.", isError: true)
        }
        return [.loadTicket(id: id)]
    }

    static func externalEditDone(_ state: inout AppState, _ text: String?, error: String?) -> [Effect] {
        guard let text else {
            state.status = StatusMessage(text: "external editor: \(error ?? "failed"); the text is unchanged", isError: true)
            return []
        }
        guard var r = state.reply, text != r.editor.text else { return [] }
        r.editor.replaceAll(with: text.hasSuffix("\n") ? String(text.dropLast()) : text)
        r.dirty = true
        state.reply = r
        return []
    }
}

extension AppState {
    /// The policy's custom fields (placeholders the editor may ask for).
    public var customFields: [String] { replies.customFields }
}

extension Reducer {
    static func templateSaved(_ state: inout AppState, _ t: Template) -> [Effect] {
        guard let r = state.reply, r.template?.id == t.id else { return [] }
        let before = state.layout
        state.reply = nil
        state.replyLoadPending = r.ticketId
        fitEditor(&state, from: before)
        state.status = StatusMessage(text: "Template \(t.name) saved and marked reviewed.", isError: false)
        return []
    }
}
