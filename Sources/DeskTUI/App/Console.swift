import DeskModel
import Foundation

/// The Elm loop: input → Action → reduce → Effects → Actions …; then render and draw the diff.
public final class Console {
    public private(set) var state: AppState
    let backend: any TerminalBackend
    let runner: EffectRunner
    let clock: any DeskClock
    private var lastFrame: Buffer?
    private var lastDataVersion: Int?
    /// Monotonic time of the last poll: an interval, not a domain time, so not the DeskClock.
    private var lastPoll: UInt64 = 0
    private var lastHeartbeat: UInt64 = 0
    /// How often this console tells others it still has the ticket open (stale after 30 s).
    static let heartbeatNanoseconds: UInt64 = 10_000_000_000

    public init(state: AppState, backend: any TerminalBackend, runner: EffectRunner, clock: any DeskClock) {
        self.state = state
        self.backend = backend
        self.runner = runner
        self.clock = clock
    }

    /// Loads the first page and draws the first full frame.
    public func start() {
        let size = backend.size
        dispatch(.resize(width: size.width, height: size.height))
        lastDataVersion = runner.dataVersion()
    }

    /// Runs until the user quits or `shouldStop` says so (a signal).
    public func run(shouldStop: () -> Bool = { false }) {
        start()
        while !state.quit && !shouldStop() {
            // Waiting input comes first; idle-time prefetch runs only when none is there.
            let idleWork = Reducer.hasIdleWork(state)
            // A wait cut short by a signal (SIGCONT after a stop) reports no key even when one is
            // waiting: look once more, so that key is answered before the poll reloads what it acts on.
            if let event = backend.nextEvent(timeoutMs: idleWork ? 0 : 200) ?? backend.nextEvent(timeoutMs: 0) {
                switch event {
                case .key(let k): dispatch(.key(k))
                case .paste(let text): dispatch(.paste(text))
                case .resize(let w, let h):
                    backend.invalidate()
                    lastFrame = nil
                    dispatch(.resize(width: w, height: h))
                case .hangup:
                    leave()
                    return
                }
            } else if idleWork {
                // Back to input before anything else: a key pressed meanwhile is answered before
                // a commit seen by the next poll reloads what it acts on.
                idle()
                continue
            }
            poll()
        }
        leave()
    }

    /// Takes this console's presence off the ticket it had open.
    private func leave() {
        guard let id = state.presenceTicket else { return }
        _ = runner.run(.heartbeat(ticket: nil, writing: false, leaving: id))
    }

    /// Once a second: move the clock on and notice commits from other processes.
    private func poll() {
        let tick = DispatchTime.now().uptimeNanoseconds
        guard lastPoll == 0 || tick - lastPoll >= 1_000_000_000 else { return }
        lastPoll = tick
        let now = clock.now.dbSeconds
        // Ages and the title clock show minutes: a tick between minutes would change nothing,
        // except on the SLA board, which refreshes every second.
        if now / 60 != state.now / 60 || (state.board != nil && now != state.now) { dispatch(.tick(now: now)) }
        if tick - lastHeartbeat >= Self.heartbeatNanoseconds {
            lastHeartbeat = tick
            dispatch(.heartbeatDue)
        }
        let version = runner.dataVersion()
        if let version, version != lastDataVersion {
            lastDataVersion = version
            dispatch(.databaseChanged)
        }
    }

    /// One turn of the loop: reduce, run effects until none are left, draw what changed —
    /// nothing at all when the state did not change (an unbound key, a stale page).
    public func dispatch(_ action: Action) {
        let before = state
        var pending = Reducer.reduce(&state, action)
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            let result: Action?
            if case .externalEdit(let text) = effect { result = externalEdit(text) } else { result = runner.run(effect) }
            if let result {
                pending.append(contentsOf: Reducer.reduce(&state, result))
            }
        }
        if lastFrame == nil || state != before { draw() }
    }

    /// Runs idle-time prefetch (the loop does this when no input is waiting).
    public func idle() { dispatch(.idle) }

    /// Runs $VISUAL (else $EDITOR, else vi) on the text in a temporary file, the usual terminal way
    /// (through the shell, as editors are configured with arguments), and reads the result back.
    func externalEdit(_ text: String) -> Action {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let path = NSTemporaryDirectory() + "desk-reply-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).md"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            return .externalEditDone(nil, error: "cannot write \(path): \(error)")
        }
        backend.suspend()
        let status = system("\(editor) '\(path)'")
        backend.resume()
        backend.invalidate()
        lastFrame = nil
        guard status == 0 else { return .externalEditDone(nil, error: "\(editor) exited with status \(status >> 8)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .externalEditDone(nil, error: "the file is gone")
        }
        return .externalEditDone(String(decoding: data, as: UTF8.self), error: nil)
    }

    private func draw() {
        let frame = Screen.render(state)
        backend.draw(frame.diff(from: lastFrame))
        lastFrame = frame
    }
}
