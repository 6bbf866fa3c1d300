import Foundation

/// The starting gun of a run, through files in its folder: each worker, once its database is
/// open, leaves `ready-N`; when all are ready the parent writes `start` (the instant to begin
/// and the deadline, on `StressTime`'s timeline). Starting a hundred processes takes seconds on
/// two cores; counting from a common instant keeps that out of the figures.
public enum StressStart {
    public static func markReady(directory: String, worker: Int) {
        _ = FileManager.default.createFile(atPath: "\(directory)/ready-\(worker)", contents: nil)
    }

    public static func readyCount(directory: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("ready-") }.count
    }

    public static func fire(directory: String, startAt: Double, until: Double) throws {
        // Written whole, then renamed: a worker never reads half a line.
        let tmp = "\(directory)/start.tmp"
        try Data("\(startAt) \(until)\n".utf8).write(to: URL(fileURLWithPath: tmp))
        try FileManager.default.moveItem(atPath: tmp, toPath: "\(directory)/start")
    }

    /// Waits for `start` (polling every 5 ms, up to `timeout` seconds); nil if it never comes.
    public static func wait(directory: String, timeout: Double) -> (startAt: Double, until: Double)? {
        let giveUp = StressTime.seconds() + timeout
        while StressTime.seconds() < giveUp {
            if let data = FileManager.default.contents(atPath: "\(directory)/start") {
                let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
                if parts.count == 2 { return (parts[0], parts[1]) }
            }
            StressTime.sleep(seconds: 0.005)
        }
        return nil
    }
}
