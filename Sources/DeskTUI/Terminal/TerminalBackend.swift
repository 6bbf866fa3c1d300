#if canImport(Glibc)
    import Glibc
#endif

/// A key as the console understands it, independent of the terminal library.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    /// Alt (Meta) with a character: the terminal sends ESC and the character.
    case alt(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case ctrlLeft, ctrlRight, shiftLeft, shiftRight, shiftUp, shiftDown
    case enter, tab, backTab, escape, backspace, delete
    case function(Int)

    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c)"
        case .alt(let c): return "Alt-\(c)"
        case .ctrlLeft: return "Ctrl-←"
        case .ctrlRight: return "Ctrl-→"
        case .shiftLeft: return "Shift-←"
        case .shiftRight: return "Shift-→"
        case .shiftUp: return "Shift-↑"
        case .shiftDown: return "Shift-↓"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        }
    }
}

/// What the terminal reports.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    /// A bracketed paste: text, never keys.
    case paste(String)
    case resize(width: Int, height: Int)
    /// The terminal is gone (input at end of file): the console should stop.
    case hangup
}

/// A terminal the console can draw on: the real one (ncurses) or one in memory.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Draws the changed cells and shows them.
    func draw(_ changes: [CellChange])
    /// Forces the next frame to redraw everything (after a resize or a shell-out).
    func invalidate()
    /// Waits up to `timeoutMs` for input; nil when nothing arrived.
    func nextEvent(timeoutMs: Int) -> InputEvent?
    /// The same, but the wait also ends (nil) as soon as one of `fds` is readable: an effect's
    /// result is ready, or the database was written.
    func nextEvent(timeoutMs: Int, wakeOn fds: [Int32]) -> InputEvent?
    /// Restores the terminal; safe to call more than once.
    func shutdown()
    /// The terminal's bell (a new notification, for agents who asked for it).
    func bell()
    /// Gives the terminal to another program ($EDITOR) and takes it back.
    func suspend()
    func resume()
}

/// A terminal in memory: a buffer and a scripted queue of input, for tests and benchmarks.
public final class MemoryBackend: TerminalBackend {
    public private(set) var screen: Buffer
    public var queued: [InputEvent] = []
    public private(set) var drawCalls = 0
    public private(set) var isShutDown = false

    public init(width: Int, height: Int) { screen = Buffer(width: width, height: height) }

    public var size: (width: Int, height: Int) { (screen.width, screen.height) }

    public func resize(width: Int, height: Int) {
        screen = Buffer(width: width, height: height)
        queued.append(.resize(width: width, height: height))
    }

    public func draw(_ changes: [CellChange]) {
        drawCalls += 1
        for c in changes where c.y < screen.height && c.x < screen.width {
            screen.put(c.text.isEmpty ? " " : c.text, x: c.x, y: c.y, maxWidth: c.width, style: c.style)
        }
    }

    public func invalidate() {}

    public func nextEvent(timeoutMs: Int) -> InputEvent? { queued.isEmpty ? nil : queued.removeFirst() }

    /// Scripted input first; with none queued, a real wait on `fds` (a console running on its own
    /// thread in a benchmark sleeps as the real one does).
    public func nextEvent(timeoutMs: Int, wakeOn fds: [Int32]) -> InputEvent? {
        if let event = nextEvent(timeoutMs: 0) { return event }
        FileWait.readable(fds, timeoutMs: timeoutMs)
        return nil
    }

    public func shutdown() { isShutDown = true }
    public private(set) var bells = 0
    public func bell() { bells += 1 }
    public func suspend() {}
    public func resume() {}

    /// The screen as text, one string per row.
    public var lines: [String] { screen.lines() }
}

/// Waiting on file descriptors with poll(2).
enum FileWait {
    /// Waits until one of `fds` is readable or `timeoutMs` passes; returns which were readable.
    @discardableResult
    static func readable(_ fds: [Int32], timeoutMs: Int) -> [Bool] {
        guard !fds.isEmpty else {
            usleep(UInt32(max(0, timeoutMs)) * 1_000)
            return []
        }
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let n = poll(&polled, nfds_t(polled.count), Int32(timeoutMs))
        return n > 0 ? polled.map { $0.revents != 0 } : fds.map { _ in false }
    }
}
