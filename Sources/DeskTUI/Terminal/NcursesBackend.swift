import CNcurses
import Foundation

// Set from signal handlers; the console loop sees them within one input timeout.
nonisolated(unsafe) private var pendingSignal: Int32 = 0

/// The real terminal, through ncursesw. The only file that imports CNcurses.
public final class NcursesBackend: TerminalBackend {
    private var pairs: [Int: Int16] = [:]
    private var readableButEmpty = 0
    private var immediateErrors = 0
    private var active = false
    private let hasColors: Bool
    private let colorCount: Int32
    /// Extended key codes terminfo gives Ctrl-Left/Right (0 when it has none).
    private var ctrlLeft: Int32 = 0
    private var ctrlRight: Int32 = 0

    /// Why the console cannot start on this terminal.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Initialises the terminal: locale first, raw keys, no echo, 25 ms ESC delay, colours.
    /// Fails with a clear message (instead of ncurses exiting the process) when standard
    /// input/output is not a terminal or TERM names no usable terminal.
    public init() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Unavailable(
                description:
                    "the console needs a terminal on standard input and output; for scripts use `desk ticket …` commands.")
        }
        DisplayWidth.prepareLocale()
        guard desk_newterm() != 0 else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw Unavailable(description: "cannot use the terminal type TERM=\(term); set TERM to e.g. xterm-256color.")
        }
        active = true
        raw()
        noecho()
        keypad(desk_stdscr(), true)
        nonl()
        _ = desk_set_escdelay(25)
        // Without this, ncurses abandons a refresh while keys are pending and the last frame
        // of a burst of typing may never reach the screen.
        typeahead(-1)
        curs_set(0)
        hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        colorCount = Int32(desk_colors())
        ctrlLeft = desk_key_named("kLFT5")
        ctrlRight = desk_key_named("kRIT5")
        desk_bracketed_paste(1)
        Self.installSignalHandlers()
    }

    deinit { shutdown() }

    public var size: (width: Int, height: Int) { (Int(desk_cols()), Int(desk_rows())) }

    /// A signal that asked the console to stop (SIGINT, SIGTERM, SIGHUP), if any.
    public static var stopSignal: Int32? { pendingSignal == 0 ? nil : pendingSignal }

    public func draw(_ changes: [CellChange]) {
        var wchars: [wchar_t] = []
        for c in changes {
            wchars.removeAll(keepingCapacity: true)
            for s in c.text.unicodeScalars { wchars.append(wchar_t(bitPattern: s.value)) }
            let (attrs, pair) = attributes(c.style)
            if desk_put_grapheme(Int32(c.y), Int32(c.x), wchars, Int32(wchars.count), attrs, pair) == desk_err(),
                let base = wchars.first
            {
                // More combining marks than a cell holds: draw the base character alone.
                var one = [base]
                _ = desk_put_grapheme(Int32(c.y), Int32(c.x), &one, 1, attrs, pair)
            }
        }
        refresh()
    }

    public func invalidate() { clearok(desk_stdscr(), true) }

    public func nextEvent(timeoutMs: Int) -> InputEvent? {
        timeout(Int32(timeoutMs))
        var ch: wint_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let r = desk_get_wch(&ch)
        if r == desk_err() {
            // A timeout takes the whole wait; an error that comes back at once, again and again,
            // means input is at end of file (terminal gone) — stop instead of spinning.
            let waitedMs = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            immediateErrors = waitedMs < timeoutMs / 4 ? immediateErrors + 1 : 0
            return immediateErrors >= 50 ? .hangup : nil
        }
        immediateErrors = 0
        if r == desk_key_code_yes() { return functionKey(Int32(ch)) }
        if ch == 0x1B { return escapeSequence() }
        return character(UInt32(ch))
    }

    /// Input first (what ncurses has already read, a resize it noted), then a wait on the terminal
    /// and `fds` together: whichever is readable first ends it.
    public func nextEvent(timeoutMs: Int, wakeOn fds: [Int32]) -> InputEvent? {
        guard !fds.isEmpty else { return nextEvent(timeoutMs: timeoutMs) }
        if let event = nextEvent(timeoutMs: 0) { return event }
        let ready = FileWait.readable([STDIN_FILENO] + fds, timeoutMs: timeoutMs)
        guard ready.first == true else { return nil }
        if let event = nextEvent(timeoutMs: 0) {
            readableButEmpty = 0
            return event
        }
        // The terminal keeps reporting input that is not there: it is gone (end of file).
        readableButEmpty += 1
        return readableButEmpty >= 50 ? .hangup : nil
    }

    /// What follows an ESC that ncurses did not recognise: Alt-key, a CSI sequence it has no
    /// terminfo entry for (Ctrl/Shift arrows under some TERMs), or a bracketed paste. A lone
    /// ESC (nothing follows within the escape delay) is the Escape key.
    private func escapeSequence() -> InputEvent? {
        guard let next = rawChar(timeoutMs: 30) else { return .key(.escape) }
        if next == 0x1B { return .key(.escape) }
        guard next == UInt32(UInt8(ascii: "[")) else {
            if let s = Unicode.Scalar(next), next >= 0x20 { return .key(.alt(Character(s))) }
            return .key(.escape)
        }
        var params = ""
        while let c = rawChar(timeoutMs: 30) {
            guard let s = Unicode.Scalar(c) else { return nil }
            if (0x40...0x7E).contains(c) {
                return csi(params, final: Character(s))
            }
            params.append(Character(s))
            if params.count > 16 { return nil }
        }
        return .key(.escape)
    }

    private func csi(_ params: String, final: Character) -> InputEvent? {
        if final == "~" && params == "200" { return .paste(readPaste()) }
        let modifier = params.split(separator: ";").last.map(String.init) ?? ""
        switch (final, modifier) {
        case ("D", "5"): return .key(.ctrlLeft)
        case ("C", "5"): return .key(.ctrlRight)
        case ("D", "2"): return .key(.shiftLeft)
        case ("C", "2"): return .key(.shiftRight)
        case ("A", "2"): return .key(.shiftUp)
        case ("B", "2"): return .key(.shiftDown)
        default: return nil
        }
    }

    /// Reads pasted text up to ESC[201~ (or until input pauses for a second: a broken paste).
    private func readPaste() -> String {
        var scalars = String.UnicodeScalarView()
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var tail: [UInt32] = []
        while let c = rawChar(timeoutMs: 1000) {
            tail.append(c)
            if tail.count > end.count { tail.removeFirst() }
            if let s = Unicode.Scalar(c) { scalars.append(s) }
            if tail == end {
                scalars.removeLast(end.count)
                break
            }
            if scalars.count > 5_000_000 { break }
        }
        return String(scalars)
    }

    /// One character straight from the terminal (function-key codes come back as nil).
    private func rawChar(timeoutMs: Int) -> UInt32? {
        timeout(Int32(timeoutMs))
        var ch: wint_t = 0
        let r = desk_get_wch(&ch)
        if r == desk_err() || r == desk_key_code_yes() { return nil }
        return UInt32(ch)
    }

    public func suspend() {
        desk_bracketed_paste(0)
        def_prog_mode()
        endwin()
    }

    public func resume() {
        reset_prog_mode()
        desk_bracketed_paste(1)
        clearok(desk_stdscr(), true)
        refresh()
    }

    public func shutdown() {
        guard active else { return }
        active = false
        desk_bracketed_paste(0)
        endwin()
    }

    // MARK: - Keys

    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case desk_key_resize(): return .resize(width: size.width, height: size.height)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case desk_key_sleft(): return .key(.shiftLeft)
        case desk_key_sright(): return .key(.shiftRight)
        case desk_key_sr(): return .key(.shiftUp)
        case desk_key_sf(): return .key(.shiftDown)
        case let c where c != 0 && c == ctrlLeft: return .key(.ctrlLeft)
        case let c where c != 0 && c == ctrlRight: return .key(.ctrlRight)
        default:
            for n in 1...12 where code == desk_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    private func character(_ v: UInt32) -> InputEvent? {
        switch v {
        case 0x09: return .key(.tab)
        case 0x0A, 0x0D: return .key(.enter)
        case 0x1B: return .key(.escape)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(v + 0x60)!)))
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .key(.char(Character(s)))
        }
    }

    // MARK: - Styles

    private func attributes(_ style: Style) -> (attr_t, Int16) {
        var a = desk_a_normal()
        if style.bold { a |= desk_a_bold() }
        if style.dim { a |= desk_a_dim() }
        if style.reverse { a |= desk_a_reverse() }
        if style.underline { a |= desk_a_underline() }
        if style.italic { a |= desk_a_italic() }
        guard hasColors, style.fg != nil || style.bg != nil else { return (a, 0) }
        let key = Int(style.fg?.rawValue ?? 99) * 100 + Int(style.bg?.rawValue ?? 99)
        if let p = pairs[key] { return (a, p) }
        let p = Int16(pairs.count + 1)
        init_pair(p, colorNumber(style.fg), colorNumber(style.bg))
        pairs[key] = p
        return (a, p)
    }

    private func colorNumber(_ c: Color?) -> Int16 {
        guard let c else { return -1 }
        if c == .gray { return colorCount >= 16 ? 8 : Int16(COLOR_WHITE) }
        return Int16(c.rawValue)
    }

    // MARK: - Signals

    private static func installSignalHandlers() {
        for s in [SIGINT, SIGTERM, SIGHUP] {
            signal(s) { sig in pendingSignal = sig }
        }
        // On a crash, give the terminal back before dying.
        for s in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(s) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
