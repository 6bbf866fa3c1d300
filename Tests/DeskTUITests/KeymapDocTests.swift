import DeskTUI
import Foundation
import XCTest

final class KeymapDocTests: XCTestCase {
    /// docs/keymap.md is generated from the keymap table; `make docs` regenerates it.
    func testKeymapPageIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/keymap.md"), encoding: .utf8)
        XCTAssertEqual(page, Keymap.markdown, "docs/keymap.md is stale: run `make docs`")
    }

    func testNoKeyIsBoundTwiceInOneContext() {
        var seen: [String: Command] = [:]
        for b in Keymap.bindings {
            for k in b.keys {
                let id = "\(b.context.rawValue)/\(k)"
                if let other = seen[id] { XCTFail("\(k) bound to \(other) and \(b.command) in \(b.context.rawValue)") }
                seen[id] = b.command
            }
        }
    }
}
