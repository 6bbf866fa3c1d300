import DeskModel
import Foundation
import XCTest

/// Foundation's and the system's file errors become one sentence naming the file.
final class FileProblemTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "desk-files-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func problem(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            XCTAssertTrue(error is FileProblem, "\(type(of: error)): \(error)")
            return "\(error)"
        }
    }

    func testReadsSayWhyTheyFailed() {
        XCTAssertEqual(problem { _ = try Files.read(dir + "/none.mbox") }, "cannot read \(dir)/none.mbox: no such file")
        XCTAssertEqual(problem { _ = try Files.read(dir) }, "cannot read \(dir): it is a folder, not a file")
        XCTAssertEqual(problem { _ = try Files.openForReading(dir) }, "cannot read \(dir): it is a folder, not a file")
        XCTAssertEqual(problem { _ = try Files.list(dir + "/none") }, "cannot list the folder \(dir)/none: no such folder")
        XCTAssertEqual(
            problem { _ = try Files.read("/dev/null/x") }, "cannot read /dev/null/x: a part of the path is a file, not a folder")
    }

    func testWritesMakeTheirFoldersOrSayWhyNot() throws {
        let deep = dir + "/a/b/c/file.txt"
        try Files.write(Data("hello".utf8), to: deep)
        XCTAssertEqual(try String(contentsOfFile: deep, encoding: .utf8), "hello")
        XCTAssertEqual(
            problem { try Files.write(Data(), to: "/dev/null/x/file.txt") },
            "cannot create the folder /dev/null/x: a part of the path is a file, not a folder")
        XCTAssertEqual(
            problem { try Files.createFolder(deep) }, "cannot create the folder \(deep): a file of that name is in the way")
        XCTAssertEqual(problem { try Files.write(Data(), to: dir + "/a") }, "cannot write \(dir)/a: it is a folder, not a file")
    }

    func testCocoaAndPOSIXErrorsFromAnywhereBecomeSentences() {
        let cocoa = CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/x/y.mbox"])
        XCTAssertEqual(FileProblem(escaped: cocoa)?.description, "cannot read /x/y.mbox: no such file")
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSURLErrorKey: URL(fileURLWithPath: "/x/out.md")])
        XCTAssertEqual(FileProblem(escaped: denied)?.description, "cannot write /x/out.md: permission denied")
        let underlying = NSError(
            domain: NSCocoaErrorDomain, code: 512,
            userInfo: [NSFilePathErrorKey: "/x/full", NSUnderlyingErrorKey: POSIXError(.ENOSPC)])
        XCTAssertEqual(FileProblem(escaped: underlying)?.description, "cannot write /x/full: no space left on the device")
        XCTAssertEqual(FileProblem(escaped: POSIXError(.EROFS))?.description, "cannot use a file: the file system is read-only")
        // Not a file error: it speaks for itself.
        XCTAssertNil(FileProblem(escaped: DeskError.unknownTicket(4)))
        XCTAssertNil(FileProblem(escaped: FileProblem(.read, path: "/x", reason: "no such file")))
        for error in [cocoa, denied, underlying] as [any Error] {
            XCTAssertFalse(FileProblem(escaped: error)!.description.contains("Domain"))
        }
    }
}
