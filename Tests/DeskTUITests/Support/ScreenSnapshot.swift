import Foundation
import XCTest

/// What comparing a screen with its golden file found.
enum SnapshotOutcome: Equatable {
    case matches
    /// The first differing lines, golden (-) against actual (+).
    case differs(String)
    /// The golden file was written; says why.
    case recorded(String)
}

/// Compares `text` with the golden file at `url`. With no golden file, or with `record`, it
/// writes one and says so: the caller fails on that, so a recorded baseline passes only on the
/// next run, after someone has looked at it.
func checkSnapshot(_ text: String, at url: URL, record: Bool) throws -> SnapshotOutcome {
    guard !record, let golden = try? String(contentsOf: url, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return .recorded(record ? "SNAPSHOT_RECORD=1" : "there was none")
    }
    guard golden != text else { return .matches }
    let g = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let t = text.split(separator: "\n", omittingEmptySubsequences: false)
    let diffs = (0..<max(g.count, t.count)).filter { ($0 < g.count ? g[$0] : "") != ($0 < t.count ? t[$0] : "") }
    return .differs(
        diffs.prefix(6).map { i in "line \(i + 1):\n  - \(i < g.count ? g[i] : "")\n  + \(i < t.count ? t[i] : "")" }
            .joined(separator: "\n"))
}

/// Screen lines against `__Snapshots__/NAME.txt` beside the calling test. Recording fails the
/// test, as swift-argument-parser's `assertSnapshot` does: a test that passes while rewriting its
/// own expectation checks nothing. `SNAPSHOT_RECORD=1` re-records what a run reaches.
func assertSnapshot(_ lines: [String], named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__").appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    switch try checkSnapshot(lines.joined(separator: "\n") + "\n", at: url, record: record) {
    case .matches:
        return
    case .differs(let report):
        XCTFail("snapshot \(name) differs (SNAPSHOT_RECORD=1 re-records it):\n\(report)", file: file, line: line)
    case .recorded(let why):
        XCTFail("recorded snapshot \(name) (\(why)) at \(url.path); review it, then run again", file: file, line: line)
    }
}
