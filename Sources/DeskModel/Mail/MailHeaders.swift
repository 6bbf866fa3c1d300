/// A header block: fields in order, names lowercased, values unfolded. Values stay raw (encoded
/// words are decoded by whoever reads a text field). Limits keep hostile input bounded.
public struct MailHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public private(set) var fields: [Field] = []

    /// At most this many fields, and this many bytes per value: anything past is dropped.
    static let maxFields = 1_000
    static let maxValueBytes = 16 * 1024

    init(fields: [Field]) { self.fields = fields }

    /// Parses `bytes[range]`. A leading mbox "From " line and lines without a colon are skipped.
    init(_ bytes: [UInt8], _ range: Range<Int>) {
        var current: (name: String, value: [UInt8])?
        func flush() {
            guard let c = current, fields.count < Self.maxFields else { return }
            var v = c.value
            while let last = v.last, ByteLines.isSpace(last) { v.removeLast() }
            var start = 0
            while start < v.count, ByteLines.isSpace(v[start]) { start += 1 }
            fields.append(Field(name: c.name, value: ByteLines.string(v[start...])))
        }
        for line in ByteLines.lines(bytes, in: range) {
            guard !line.isEmpty else { continue }
            let first = bytes[line.lowerBound]
            if first == 0x20 || first == 0x09 {
                // A continuation: folded whitespace becomes one space.
                if var c = current, c.value.count < Self.maxValueBytes {
                    c.value.append(0x20)
                    var s = line.lowerBound
                    while s < line.upperBound && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
                    c.value += bytes[s..<min(line.upperBound, s + Self.maxValueBytes - c.value.count)]
                    current = c
                }
                continue
            }
            guard let colon = bytes[line].firstIndex(of: 0x3A) else { continue }  // "From " lines, junk
            flush()
            var nameEnd = colon
            while nameEnd > line.lowerBound && (bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09) { nameEnd -= 1 }
            let name = ByteLines.string(bytes[line.lowerBound..<nameEnd]).asciiLowercased
            guard !name.isEmpty, !name.contains(" ") else {
                current = nil
                continue
            }
            let valueStart = colon + 1
            current = (name, Array(bytes[valueStart..<min(line.upperBound, valueStart + Self.maxValueBytes)]))
        }
        flush()
    }

    /// The first field of that name (lowercase), if any.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    public func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }
}
