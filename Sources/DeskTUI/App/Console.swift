import DeskModel
import Foundation

/// The Elm loop: input → Action → reduce → Effects → Actions …; then render and draw the diff.
public final class Console {
    public private(set) var state: AppState
    let backend: any TerminalBackend
    let runner: EffectRunner
    let clock: any DeskClock
    /// Where effects run: `.background` off the terminal's thread (the real console), `.inline`
    /// in the dispatching call (tests, and benchmarks that time one key to its frame).
    public let mode: EffectMode
    private let effects = EffectQueue()
    /// Wakes the loop when the database is written (nil: it polls on its timer).
    private let watcher: DatabaseWatcher?
    private var lastFrame: Buffer?
    private var lastDataVersion: Int?
    /// Monotonic time of the last poll: an interval, not a domain time, so not the DeskClock.
    private var lastPoll: UInt64 = 0
    private var lastHeartbeat: UInt64 = 0
    /// A commit seen within `reloadSpacing` of the last reload waits for the window to end, so a
    /// busy writer (an import) costs a reload per window, not one per commit.
    private var lastReload: UInt64 = 0
    private var changeWaiting = false
    static let reloadSpacingNanoseconds: UInt64 = 50_000_000
    /// How often this console tells others it still has the ticket open (stale after 30 s).
    static let heartbeatNanoseconds: UInt64 = 10_000_000_000
    /// The bells the state asked for that were rung.
    private var rungBells = 0
    /// Called after each frame is drawn (benchmarks watch for what they wait on).
    public var onFrame: ((AppState) -> Void)?

    public enum EffectMode: Sendable { case inline, background }

    public init(
        state: AppState, backend: any TerminalBackend, runner: EffectRunner, clock: any DeskClock, mode: EffectMode = .inline
    ) {
        self.state = state
        self.backend = backend
        self.runner = runner
        self.clock = clock
        self.mode = mode
        watcher = mode == .background ? try? runner.desk.makeWatcher() : nil
    }

    /// Loads the first page and draws the first full frame.
    public func start() {
        let size = backend.size
        dispatch(.resize(width: size.width, height: size.height))
        dispatch(.started)
        lastDataVersion = dataVersion()
        lastMark = watcher?.mark(agent: state.agent.id)
    }

    /// Runs until the user quits or `shouldStop` says so (a signal).
    public func run(shouldStop: () -> Bool = { false }) {
        start()
        let wakeFds = [effects.wakeFd, watcher?.fd ?? -1].filter { $0 >= 0 }
        while !state.quit && !shouldStop() {
            apply(effects.take())
            // Waiting input comes first; idle-time prefetch runs only when none is there.
            let idleWork = Reducer.hasIdleWork(state) && !effects.busy
            let timeout = idleWork ? 0 : changeWaiting ? Int(Self.reloadSpacingNanoseconds / 1_000_000) : 200
            // A wait cut short by a signal (SIGCONT after a stop) reports no key even when one is
            // waiting: look once more, so that key is answered before the poll reloads what it acts on.
            if let event = backend.nextEvent(timeoutMs: timeout, wakeOn: wakeFds) ?? backend.nextEvent(timeoutMs: 0) {
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

    /// Finishes the writes in flight (a reply sent just before q is stored, not cut off) and takes
    /// this console's presence off the ticket it had open. Mail delivery is not waited for: a
    /// message still being handed over stays queued in the outbox.
    private func leave() {
        effects.waitUntilIdle([.read, .write])
        guard let id = state.presenceTicket else { return }
        _ = runner.run(.heartbeat(ticket: nil, writing: false, leaving: id))
    }

    /// Moves the clock on each second, says "still here" every 10 s, and notices commits: at once
    /// when the watcher woke the loop, else on the second's poll.
    private func poll() {
        let tick = DispatchTime.now().uptimeNanoseconds
        if lastPoll == 0 || tick - lastPoll >= 1_000_000_000 {
            lastPoll = tick
            let now = clock.now.dbSeconds
            // Ages and the title clock show minutes: a tick between minutes would change nothing,
            // except on the SLA board, which refreshes every second.
            if now / 60 != state.now / 60 || (state.board != nil && now != state.now) { dispatch(.tick(now: now)) }
            if tick - lastHeartbeat >= Self.heartbeatNanoseconds {
                lastHeartbeat = tick
                dispatch(.heartbeatDue)
            }
        }
        watcher?.drain()
        // Asked every turn, not only when inotify woke the loop: SQLite publishes a commit in the
        // shared-memory index after the log's last write, and inotify does not see that step.
        if let version = dataVersion(), version != lastDataVersion {
            lastDataVersion = version
            changeWaiting = true
        }
        guard changeWaiting, tick - lastReload >= Self.reloadSpacingNanoseconds else { return }
        changeWaiting = false
        lastReload = tick
        // Without a watcher (no inotify) every commit reloads, as before.
        guard let watcher else { return dispatch(.databaseChanged) }
        let mark = watcher.mark(agent: state.agent.id)
        if mark == nil || mark != lastMark {
            lastMark = mark
            dispatch(.databaseChanged)
        } else {
            dispatch(.presenceMayHaveChanged)
        }
    }

    /// What the last full reload was for (`ChangeMark`).
    private var lastMark: ChangeMark?

    private func dataVersion() -> Int? { watcher?.version() ?? runner.dataVersion() }

    /// One turn of the loop: reduce, run or hand off the effects, draw what changed — nothing at
    /// all when the state did not change (an unbound key, a stale page).
    public func dispatch(_ action: Action) { apply([action]) }

    /// Several actions (the results that came back while the loop waited), then one frame.
    private func apply(_ actions: [Action]) {
        guard !actions.isEmpty else { return }
        let before = state
        var pending: [Effect] = []
        for action in actions { pending += Reducer.reduce(&state, action) }
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if case .externalEdit(let text) = effect {
                // The editor takes the terminal: only this thread may hand it over.
                pending += Reducer.reduce(&state, externalEdit(text))
            } else if mode == .background {
                let runner = runner
                effects.submit(effect) { runner.run($0) }
            } else if let result = runner.run(effect) {
                pending += Reducer.reduce(&state, result)
            }
        }
        if lastFrame == nil || state != before { draw() }
    }

    /// Runs idle-time prefetch (the loop does this when no input is waiting).
    public func idle() { dispatch(.idle) }

    /// Waits for the effects in flight on `lanes` and applies their results (tests and benchmarks
    /// of the background mode).
    public func settle(_ lanes: [EffectLane] = EffectLane.allCases) {
        effects.waitUntilIdle(lanes)
        apply(effects.take())
    }

    /// Applies the results ready now, without waiting (what each turn of the loop does first).
    public func pump() { apply(effects.take()) }

    /// Effects still running on `lane`.
    public func isBusy(_ lane: EffectLane) -> Bool { effects.isBusy(lane) }

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
        if state.notifications.rings != rungBells {
            rungBells = state.notifications.rings
            backend.bell()
        }
        let frame = Screen.render(state)
        backend.draw(frame.diff(from: lastFrame))
        lastFrame = frame
        onFrame?(state)
    }
}
