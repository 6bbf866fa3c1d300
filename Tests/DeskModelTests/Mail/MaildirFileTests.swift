import Foundation
import XCTest

@testable import DeskModel

/// How the Maildir fetcher reads a message file (open/read, not Foundation).
final class MaildirFileTests: XCTestCase {
    func testMaildirFilesAreReadWhole() throws {
        let dir = tempPath("files")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(big).write(to: URL(fileURLWithPath: dir + "/big"))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty"))
        XCTAssertEqual(MaildirFetcher.read(dir + "/big"), big)
        XCTAssertEqual(MaildirFetcher.read(dir + "/empty"), [])
        XCTAssertNil(MaildirFetcher.read(dir + "/missing"))
        XCTAssertNil(MaildirFetcher.read(dir), "a directory is not a mail")
    }
}
