/// An mbox file split into messages. A message starts at a "From " line at the start of the file
/// or after an empty line. mboxrd unquotes every `>…>From ` line by one `>`; mboxo only `>From `.
public enum Mbox {
    public enum Format: String, Sendable, CaseIterable { case mboxrd, mboxo }

    /// Each message's bytes (the "From " line dropped) and the line it starts on (1-based).
    public static func split(_ bytes: [UInt8], format: Format = .mboxrd) -> [(line: Int, bytes: [UInt8])] {
        let lines = ByteLines.lines(bytes, in: 0..<bytes.count)
        var out: [(Int, [UInt8])] = []
        var current: [UInt8]?
        var startLine = 0
        var previousEmpty = true
        let from = Array("From ".utf8)
        for (n, r) in lines.enumerated() {
            let line = bytes[r]
            if previousEmpty && line.starts(with: from) {
                if let c = current { out.append((startLine, trimTrailingNewline(c))) }
                current = []
                startLine = n + 2
                previousEmpty = false
                continue
            }
            previousEmpty = line.isEmpty
            guard current != nil else { continue }  // text before the first "From " is not a message
            var content = ArraySlice(line)
            let gts = content.prefix(while: { $0 == 0x3E }).count
            if gts > 0, content.dropFirst(gts).starts(with: from), format == .mboxrd || gts == 1 {
                content = content.dropFirst()
            }
            current! += content
            current!.append(0x0A)
        }
        if let c = current { out.append((startLine, trimTrailingNewline(c))) }
        return out
    }

    /// The empty line before the next "From " belongs to the separator.
    static func trimTrailingNewline(_ b: [UInt8]) -> [UInt8] {
        var b = b
        if b.count >= 2 && b[b.count - 1] == 0x0A && b[b.count - 2] == 0x0A { b.removeLast() }
        return b
    }
}
