import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes in a named charset to text, through the C library's iconv. Labels seen in real mail are
/// mapped to what iconv knows (and to supersets where senders mislabel: GB2312 → GB18030,
/// Shift_JIS → CP932, ISO-8859-1 → Windows-1252). Undecodable bytes become U+FFFD; nothing throws.
public enum Charsets {
    /// iconv's name for a mail label; nil for UTF-8/ASCII (decoded without iconv).
    static func iconvName(_ label: String) -> String? {
        let l = label.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).asciiLowercased
        switch l {
        case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "x-unknown", "unknown-8bit", "default":
            return nil
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "gb18030": return "GB18030"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "ks_c_5601-1987", "euc-kr", "ks_c_5601", "cp949": return "CP949"
        case "big5", "big-5", "x-big5", "cn-big5", "big5-hkscs": return "BIG5-HKSCS"
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1", "cp819": return "WINDOWS-1252"
        case "iso-8859-8-i", "iso-8859-8-e": return "ISO-8859-8"
        case "iso-8859-6-i", "iso-8859-6-e": return "ISO-8859-6"
        case "unicode-1-1-utf-7", "utf-7", "x-imap4-modified-utf7": return "UTF-7"
        default:
            if l.hasPrefix("cp") && l.dropFirst(2).allSatisfy(\.isNumber) { return "WINDOWS-" + l.dropFirst(2) }
            return l.uppercased()
        }
    }

    /// Decodes `bytes` as `label`. An unknown label falls back to UTF-8 if the bytes are valid
    /// UTF-8, else Windows-1252 (every byte shows as something).
    public static func decode(_ bytes: some Collection<UInt8>, charset label: String?) -> String {
        var repair: Repair?
        return decode(bytes, charset: label, repair: &repair)
    }

    /// What decoding had to do to bytes that were not text in their charset (said in the
    /// message's parser notes, so nobody takes a repaired text for what was sent).
    enum Repair: Equatable {
        /// Not UTF-8 (or not the named charset): read as Windows-1252, where every byte is a character.
        case readAsWindows1252(firstInvalidByte: Int)
        /// Sequences iconv could not convert, each shown as U+FFFD.
        case replaced(count: Int)

        var note: String {
            switch self {
            case .readAsWindows1252(let at):
                "the text was not valid in its charset (first bad byte at offset \(at)): read as Windows-1252"
            case .replaced(let n): "\(n) undecodable byte sequence\(n == 1 ? "" : "s") shown as U+FFFD"
            }
        }
    }

    /// `decode`, and what it had to repair (nil when the bytes were text in their charset).
    static func decode(_ bytes: some Collection<UInt8>, charset label: String?, repair: inout Repair?) -> String {
        let name = label.flatMap(iconvName)
        if name == nil || name == "UTF-8" {
            if let s = String(validating: bytes, as: UTF8.self) { return s }
            // Mislabelled 8-bit text: valid UTF-8 runs are kept, the rest read as Windows-1252.
            repair = .readAsWindows1252(firstInvalidByte: StoredText.firstInvalidUTF8(bytes)?.offset ?? 0)
            return convert(Array(bytes), from: "WINDOWS-1252") ?? String(decoding: bytes, as: UTF8.self)
        }
        let array = Array(bytes)
        if array.allSatisfy({ $0 < 0x80 })
            && !(name!.hasPrefix("UTF-7") || name!.hasPrefix("UTF-16") || name!.hasPrefix("ISO-2022"))
        {
            return String(decoding: array, as: UTF8.self)
        }
        var replaced = 0
        if let s = convert(array, from: name!, replaced: &replaced) {
            if replaced > 0 { repair = .replaced(count: replaced) }
            return s
        }
        if let s = String(validating: array, as: UTF8.self) { return s }
        repair = .readAsWindows1252(firstInvalidByte: StoredText.firstInvalidUTF8(array)?.offset ?? 0)
        return convert(array, from: "WINDOWS-1252") ?? String(decoding: array, as: UTF8.self)
    }

    /// Whether iconv knows the label (for reports; decoding never needs it).
    public static func isKnown(_ label: String) -> Bool {
        guard let name = iconvName(label) else { return true }
        let cd = iconv_open("UTF-8", name)
        guard cd != iconv_t(bitPattern: -1) else { return false }
        iconv_close(cd)
        return true
    }

    /// iconv from `name` to UTF-8; invalid or incomplete sequences become U+FFFD. nil if iconv
    /// does not know the charset.
    static func convert(_ input: [UInt8], from name: String) -> String? {
        var replaced = 0
        return convert(input, from: name, replaced: &replaced)
    }

    /// `convert`, counting the replacement characters it put in.
    static func convert(_ input: [UInt8], from name: String, replaced: inout Int) -> String? {
        let cd = iconv_open("UTF-8", name)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var src = input
        let total = src.count
        var consumed = 0
        src.withUnsafeMutableBufferPointer { inBuf in
            chunk.withUnsafeMutableBufferPointer { outBuf in
                while consumed <= total {
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!.advanced(by: consumed))
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = total - consumed
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r =
                        consumed == total
                        ? iconv(cd, nil, nil, &outPtr, &outLeft)  // flush shift state
                        : iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let err = errno
                    output.append(contentsOf: outBuf[0..<(outBuf.count - outLeft)])
                    let nowConsumed = total - inLeft
                    if consumed == total { break }
                    consumed = nowConsumed
                    if r == -1 {
                        if err == E2BIG { continue }
                        // EILSEQ or EINVAL: one replacement character, skip one byte, go on.
                        output += [0xEF, 0xBF, 0xBD]
                        replaced += 1
                        consumed += 1
                        iconv(cd, nil, nil, nil, nil)
                        if consumed >= total { consumed = total }
                    }
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
