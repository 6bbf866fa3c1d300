import Foundation

/// Content-Transfer-Encoding: base64 and quoted-printable, decoded leniently (what mail clients
/// accept, this accepts: stray characters, missing padding, soft breaks with trailing spaces).
enum TransferEncoding {
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmed.asciiLowercased {
        case "base64": return base64(bytes)
        case "quoted-printable": return quotedPrintable(bytes)
        default: return Array(bytes)
        }
    }

    static let base64Values: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(i)
        }
        // The URL-safe alphabet turns up in the wild too.
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Skips anything outside the alphabet; stops at the first `=` padding; a dangling 6 bits are dropped.
    static func base64(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 3 / 4)
        var acc: UInt32 = 0
        var bits = 0
        let table = base64Values
        for b in bytes {
            if b == UInt8(ascii: "=") { break }
            let v = table[Int(b)]
            if v == 0xFF { continue }
            acc = (acc << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }

    /// Lowercase hex digits of the bytes (a digest as text).
    static func hexString<S: Sequence<UInt8>>(_ bytes: S) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// Bytes with `escape` followed by two hex digits decoded (RFC 2047 Q words use "=", RFC 2231
    /// values "%"); a malformed escape stays as typed. Q words also write a space as "_".
    static func unescapeHex(_ text: Substring, escape: UInt8, underscoreIsSpace: Bool = false) -> [UInt8] {
        var out = [UInt8]()
        var it = text.utf8.makeIterator()
        while let b = it.next() {
            if underscoreIsSpace && b == UInt8(ascii: "_") {
                out.append(0x20)
            } else if b == escape {
                let h = it.next(), l = it.next()
                if let h, let l, let hv = hex(h), let lv = hex(l) {
                    out.append(hv << 4 | lv)
                } else {
                    out.append(b)
                    if let h { out.append(h) }
                    if let l { out.append(l) }
                }
            } else {
                out.append(b)
            }
        }
        return out
    }

    static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            guard b == UInt8(ascii: "=") else {
                out.append(b)
                i += 1
                continue
            }
            if i + 2 < end, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            }
            // A soft line break: "=" then optional spaces then the line end.
            var j = i + 1
            while j < end && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
            if j == end { break }
            if bytes[j] == 0x0A {
                i = j + 1
                continue
            }
            if bytes[j] == 0x0D {
                i = j + 1 < end && bytes[j + 1] == 0x0A ? j + 2 : j + 1
                continue
            }
            out.append(b)  // a lone "=" stays as it is
            i += 1
        }
        return out
    }
}
