import Foundation
import XCTest

/// The snapshot helper itself: recording always writes the file and is reported as a recording
/// (which `assertSnapshot` fails), never as a match.
final class SnapshotRecordingTests: XCTestCase {
    func testRecordingWritesTheFileAndIsNeverAMatch() throws {
        let url = URL(fileURLWithPath: NSTemporaryDirectory() + "desk-snap-\(UUID().uuidString)/__Snapshots__/s.txt")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent().deletingLastPathComponent()) }

        XCTAssertEqual(try checkSnapshot("a\nb\n", at: url, record: false), .recorded("there was none"))
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a\nb\n")
        XCTAssertEqual(try checkSnapshot("a\nb\n", at: url, record: false), .matches)
        XCTAssertEqual(try checkSnapshot("a\nc\n", at: url, record: false), .differs("line 2:\n  - b\n  + c"))
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a\nb\n", "a difference leaves the golden file alone")
        // Re-recording an unchanged screen is still a recording, not a pass.
        XCTAssertEqual(try checkSnapshot("a\nb\n", at: url, record: true), .recorded("SNAPSHOT_RECORD=1"))
        XCTAssertEqual(try checkSnapshot("a\nc\n", at: url, record: true), .recorded("SNAPSHOT_RECORD=1"))
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a\nc\n")
    }
}
