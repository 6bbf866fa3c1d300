import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which worker runs an effect: reads, writes and mail delivery each keep their order, and none
/// waits behind another (a hung mail command never holds up a ticket opening).
public enum EffectLane: Sendable, CaseIterable {
    case read, write, mail
}

extension Effect {
    public var lane: EffectLane {
        switch self {
        case .perform, .heartbeat, .saveReplyDraft, .insertTemplate, .send, .saveTemplate: .write
        case .deliver: .mail
        default: .read
        }
    }
}

/// Runs effects off the terminal's thread (Bubble Tea's commands) and hands their results back
/// as actions. A pipe wakes the console's input wait when a result is ready.
final class EffectQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Action] = []
    private var running: [EffectLane: Int] = [:]
    private let lanes: [EffectLane: DispatchQueue]
    private let pipeEnds: [Int32]

    /// Readable while results wait to be taken.
    var wakeFd: Int32 { pipeEnds[0] }

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }
        pipeEnds = fds
        lanes = Dictionary(
            uniqueKeysWithValues: EffectLane.allCases.map { ($0, DispatchQueue(label: "desk.effects.\($0)")) })
    }

    deinit { for fd in pipeEnds where fd >= 0 { close(fd) } }

    /// Effects submitted whose results have not been taken yet.
    var busy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running.values.contains { $0 > 0 } || !results.isEmpty
    }

    func isBusy(_ lane: EffectLane) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return running[lane, default: 0] > 0
    }

    func submit(_ effect: Effect, _ run: @escaping @Sendable (Effect) -> Action?) {
        let lane = effect.lane
        lock.lock()
        running[lane, default: 0] += 1
        lock.unlock()
        lanes[lane]!.async { [self] in
            let result = run(effect)
            lock.lock()
            running[lane, default: 0] -= 1
            if let result { results.append(result) }
            lock.unlock()
            var byte: UInt8 = 1
            _ = write(pipeEnds[1], &byte, 1)
        }
    }

    /// The results ready so far, in the order they finished.
    func take() -> [Action] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(pipeEnds[0], &sink, sink.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let ready = results
        results.removeAll()
        return ready
    }

    /// Waits until the effects submitted on `lanes` have finished (before quitting: a write in
    /// flight is finished, not cut off; tests and benchmarks).
    func waitUntilIdle(_ lanes: [EffectLane] = EffectLane.allCases, timeout: TimeInterval = 60) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock()
            let idle = lanes.allSatisfy { running[$0, default: 0] == 0 }
            lock.unlock()
            if idle { return }
            usleep(1_000)
        }
    }
}
