import Foundation

/// Byte-level helpers for mail: lines ending in LF or CRLF, searches, trims. Mail is bytes
/// until a charset says otherwise, so the parser works on `[UInt8]` slices, never on String.
enum ByteLines {
    /// The ranges of the lines of `bytes[range]`, without their line ends.
    static func lines(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = range.lowerBound
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            while start < range.upperBound {
                let n = range.upperBound - start
                let hit = memchr(base + start, 0x0A, n)
                let end = hit.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? range.upperBound
                var contentEnd = end
                if contentEnd > start && p[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                out.append(start..<contentEnd)
                start = end + 1
            }
        }
        return out
    }

    /// Where the header block of `bytes[range]` ends and the body begins: after the first empty
    /// line (LF or CRLF). No empty line: it is all headers (a body-less message).
    static func headerEnd(_ bytes: [UInt8], _ range: Range<Int>) -> (headers: Range<Int>, body: Range<Int>) {
        let s = range.lowerBound
        let n = range.upperBound
        // A part that starts with an empty line has no headers at all.
        if s < n && bytes[s] == 0x0A { return (s..<s, (s + 1)..<n) }
        if s + 1 < n && bytes[s] == 0x0D && bytes[s + 1] == 0x0A { return (s..<s, (s + 2)..<n) }
        var i = s
        while i < n {
            guard bytes[i] == 0x0A else {
                i += 1
                continue
            }
            if i + 1 < n && bytes[i + 1] == 0x0A { return (s..<i, (i + 2)..<n) }
            if i + 2 < n && bytes[i + 1] == 0x0D && bytes[i + 2] == 0x0A { return (s..<i, (i + 3)..<n) }
            i += 1
        }
        return (s..<n, n..<n)
    }

    /// The first index of `needle` in `p[from..<to]` (memchr for its first byte, then memcmp).
    static func find(_ needle: [UInt8], in p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = p.baseAddress, let first = needle.first else { return nil }
        var i = from
        return needle.withUnsafeBufferPointer { n in
            while to - i >= n.count {
                guard let hit = memchr(base + i, Int32(first), to - i - n.count + 1) else { return nil }
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
                i = at + 1
            }
            return nil
        }
    }

    static func string(_ bytes: some Collection<UInt8>) -> String {
        // Header text that is not UTF-8 is taken as Latin-1: every byte stays a character.
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// ASCII white space as `Character.isWhitespace` has it (tab to carriage return, space).
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}

extension StringProtocol {
    /// Without leading and trailing white space (newlines included). Foundation's
    /// `trimmingCharacters` bridges through NSString and was a third of parsing a mail.
    var trimmed: String {
        // ASCII ends (nearly every header value) are trimmed on the bytes, without grapheme
        // breaking; a non-ASCII first or last character is left to `Character.isWhitespace`.
        let u = utf8
        var start: Index?, lastByte = u.startIndex, end = u.endIndex
        var i = u.startIndex
        while i < u.endIndex {
            let next = u.index(after: i)
            if !ByteLines.isWhitespace(u[i]) {
                if start == nil { start = i }
                lastByte = i
                end = next
            }
            i = next
        }
        guard let start else { return "" }
        if u[start] < 0x80 && u[lastByte] < 0x80 { return String(self[start..<end]) }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

extension String {
    /// Line ends as "\n" (CRLF and lone CR both), on the bytes.
    var unixNewlines: String {
        guard utf8.contains(13) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var afterCR = false
        for b in utf8 {
            if b == 13 {
                out.append(10)
            } else if !(b == 10 && afterCR) {
                out.append(b)
            }
            afterCR = b == 13
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII lowercase without Foundation's locale machinery (header names, tokens).
    var asciiLowercased: String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
