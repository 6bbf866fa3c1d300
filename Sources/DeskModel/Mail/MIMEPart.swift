import Foundation

/// One entity of a MIME message: its headers, its type, and either children (a multipart) or
/// a body range in the message's bytes. Parsed with bounded depth and part count, so nested or
/// malformed input costs time in proportion to its size and never recurses without end.
struct MIMEPart {
    var headers: MailHeaders
    var type: HeaderParameters
    var disposition: HeaderParameters
    var children: [MIMEPart] = []
    var body: Range<Int>

    static let maxDepth = 32
    static let maxParts = 20_000

    /// Parser state shared across the tree: the part budget and what was worked around.
    struct Budget {
        var parts = 0
        var notes: [String] = []
    }

    static func parse(
        _ bytes: [UInt8], _ range: Range<Int>, depth: Int, budget: inout Budget, defaultType: String = "text/plain"
    )
        -> MIMEPart
    {
        budget.parts += 1
        let split = ByteLines.headerEnd(bytes, range)
        let headers = MailHeaders(bytes, split.headers)
        let bodyRange = split.body
        var type = HeaderParameters(headers["content-type"] ?? defaultType)
        if !type.value.contains("/") { type.value = defaultType }
        var part = MIMEPart(
            headers: headers, type: type, disposition: HeaderParameters(headers["content-disposition"] ?? ""), body: bodyRange)
        guard type.value.hasPrefix("multipart/") else { return part }
        guard let boundary = type["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
            budget.notes.append("a multipart without a boundary was read as text")
            part.type.value = "text/plain"
            return part
        }
        guard depth < maxDepth else {
            budget.notes.append("multiparts nested deeper than \(maxDepth) were not opened")
            return part
        }
        let childDefault = type.value == "multipart/digest" ? "message/rfc822" : "text/plain"
        let ranges = partRanges(bytes, bodyRange, boundary: boundary, notes: &budget.notes)
        if ranges.isEmpty {
            budget.notes.append("the multipart boundary never appears: the body was read as text")
            part.type.value = "text/plain"
            return part
        }
        for r in ranges {
            guard budget.parts < maxParts else {
                budget.notes.append("parts beyond \(maxParts) were skipped")
                break
            }
            part.children.append(parse(bytes, r, depth: depth + 1, budget: &budget, defaultType: childDefault))
        }
        return part
    }

    /// The byte ranges between `--boundary` delimiter lines. A missing close delimiter ends the
    /// last part at the end of the body (common in truncated mail).
    static func partRanges(_ bytes: [UInt8], _ body: Range<Int>, boundary: String, notes: inout [String]) -> [Range<Int>] {
        let delimiter = Array(("--" + boundary).utf8)
        var starts: [(lineStart: Int, contentStart: Int, close: Bool)] = []
        var from = body.lowerBound
        bytes.withUnsafeBufferPointer { p in
            while from < body.upperBound {
                guard let at = ByteLines.find(delimiter, in: p, from: from, to: body.upperBound) else { break }
                let atLineStart = at == body.lowerBound || p[at - 1] == 0x0A
                var lineEnd = at + delimiter.count
                let close = lineEnd + 1 < body.upperBound && p[lineEnd] == 0x2D && p[lineEnd + 1] == 0x2D
                // The rest of the delimiter line may only be whitespace (or "--" for the close).
                var e = close ? lineEnd + 2 : lineEnd
                while e < body.upperBound && (p[e] == 0x20 || p[e] == 0x09 || p[e] == 0x0D) { e += 1 }
                let endsLine = e == body.upperBound || p[e] == 0x0A
                if atLineStart && endsLine {
                    lineEnd = e < body.upperBound ? e + 1 : e
                    starts.append((at, lineEnd, close))
                    if close { break }
                }
                from = at + delimiter.count
            }
        }
        var ranges: [Range<Int>] = []
        for (i, s) in starts.enumerated() where !s.close {
            var end = i + 1 < starts.count ? starts[i + 1].lineStart : body.upperBound
            // The line end before a delimiter belongs to the delimiter.
            if i + 1 < starts.count {
                if end > s.contentStart && bytes[end - 1] == 0x0A { end -= 1 }
                if end > s.contentStart && bytes[end - 1] == 0x0D { end -= 1 }
            } else {
                notes.append("the multipart has no closing boundary")
            }
            ranges.append(s.contentStart..<max(s.contentStart, end))
        }
        return ranges
    }

    /// The decoded content (transfer encoding undone).
    func content(_ bytes: [UInt8]) -> [UInt8] {
        TransferEncoding.decode(bytes[body], encoding: headers["content-transfer-encoding"])
    }

    /// The part's file name: Content-Disposition filename, else Content-Type name.
    var fileName: String? {
        let raw = disposition["filename"] ?? type["name"]
        return raw.map { EncodedWords.decode($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    var isAttachment: Bool {
        if disposition.value == "attachment" { return true }
        if type.value == "text/plain" || type.value == "text/html" { return false }
        return !type.value.hasPrefix("multipart/")
    }
}
