import ArgumentParser
import DeskModel
import Foundation

/// Arguments as the bytes the shell passed. Swift reads argv with invalid UTF-8 replaced by
/// U+FFFD, so `--body $'\xff'` would be stored changed; every command refuses such an argument
/// first, naming it and the offset of its first bad byte. (An argument cannot hold a NUL: argv
/// entries are C strings.)
enum ArgumentText {
    static func check(_ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = CommandLine.unsafeArgv, count: Int32 = CommandLine.argc) throws {
        guard count > 1 else { return }
        for i in 1..<Int(count) {
            guard let p = argv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))
            guard let bad = StoredText.firstInvalidUTF8(bytes) else { continue }
            let previous = argv[i - 1].map { String(cString: $0) } ?? ""
            let which = previous.hasPrefix("-") && i > 1 ? "the value of \(previous)" : "argument \(i)"
            throw TextRefusal(field: which, problem: .invalidUTF8(byte: bad.byte), offset: bad.offset)
        }
    }
}

extension GlobalOptions {
    /// Every command takes these options, so every command checks its arguments' bytes first.
    func validate() throws { try ArgumentText.check() }
}
