/// The check every file passes before libyaml sees it: UTF-8 only, strictly valid,
/// and only characters YAML allows (no NUL, no C0/C1 controls other than tab and
/// line breaks, no U+FFFE / U+FFFF).
///
/// Doing this ourselves, in one pass, gives exact positions and plain messages, and
/// means libyaml's reader never fails mid-stream on bad bytes.
enum EncodingCheck {
    enum Verdict: Equatable {
        /// Valid UTF-8; the YAML text starts after a byte-order mark of this many bytes (0 or 3).
        case utf8(byteOrderMarkLength: Int)
        case rejected(YAMLProblem)
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        if let wide = wideEncoding(bytes) {
            return .rejected(.encoding(
                "file is \(wide); playbook files must be UTF-8 (re-save it as UTF-8)",
                at: Mark(line: 1, column: 1)))
        }
        let bomLength = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let text = UnsafeBufferPointer(rebasing: bytes[bomLength...])
        guard let (offset, message) = firstInvalidByte(text) else {
            return .utf8(byteOrderMarkLength: bomLength)
        }
        return .rejected(.encoding(message, at: SourceText(bytes: text).mark(atByteOffset: offset)))
    }

    /// UTF-16 or UTF-32, recognised by a byte-order mark, or without one by the NUL-byte
    /// patterns YAML's own encoding detection uses for a leading ASCII character, provided the
    /// pattern holds through the start of the file (whole code units, mostly ASCII). A file that
    /// merely holds a NUL byte near its start (binary data) is not UTF-16: it is reported as a NUL.
    private static func wideEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let n = b.count
        if n >= 4, b[0] == 0x00, b[1] == 0x00, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32" }
        if n >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0x00, b[3] == 0x00 { return "UTF-32" }
        if n >= 2, (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) { return "UTF-16" }
        if n >= 4, b[0] == 0x00, b[1] == 0x00, b[2] == 0x00, b[3] != 0x00, looksWide(b, unit: 4, ascii: 3) { return "UTF-32" }
        if n >= 4, b[0] != 0x00, b[1] == 0x00, b[2] == 0x00, b[3] == 0x00, looksWide(b, unit: 4, ascii: 0) { return "UTF-32" }
        if n >= 2, b[0] == 0x00, b[1] != 0x00, looksWide(b, unit: 2, ascii: 1) { return "UTF-16" }
        if n >= 2, b[0] != 0x00, b[1] == 0x00, looksWide(b, unit: 2, ascii: 0) { return "UTF-16" }
        return nil
    }

    /// True when the file is whole `unit`-byte code units and, over its first 32 units, at least
    /// three in four are ASCII characters (the byte at `ascii` non-zero, every other byte zero).
    private static func looksWide(_ b: UnsafeBufferPointer<UInt8>, unit: Int, ascii: Int) -> Bool {
        guard b.count % unit == 0 else { return false }
        let units = min(b.count / unit, 32)
        var asciiUnits = 0
        for index in 0..<units {
            let start = index * unit
            let isASCII = (0..<unit).allSatisfy { offset in
                offset == ascii ? b[start + offset] != 0 && b[start + offset] < 0x80 : b[start + offset] == 0
            }
            if isASCII { asciiUnits += 1 }
        }
        return asciiUnits * 4 >= units * 3
    }

    /// The offset of the first byte that is not allowed, and what is wrong with it.
    ///
    /// For a malformed multi-byte sequence the offending byte is its first byte: that
    /// is where an editor shows the bad character (often Latin-1 text).
    static func firstInvalidByte(_ b: UnsafeBufferPointer<UInt8>) -> (Int, String)? {
        let n = b.count
        var i = 0
        while i < n {
            let lead = b[i]
            if lead >= 0x20 && lead < 0x7F || lead == 0x0A || lead == 0x0D || lead == 0x09 {
                i += 1
                continue
            }
            if lead == 0x00 {
                return (i, "NUL byte (0x00) in file; playbook files must be UTF-8 text")
            }
            if lead < 0x80 {
                return (i, "control character U+00\(hexDigits(lead)) is not allowed in YAML")
            }
            let length = sequenceLength(b, at: i)
            guard length > 0 else {
                return (i, "invalid UTF-8 byte \(hex(lead)); playbook files must be UTF-8"
                    + " (was it saved as Latin-1 or Windows-1252?)")
            }
            // YAML counts NEL, U+2028 and U+2029 as line breaks; editors, git and GitHub do not,
            // so every line number after one would be off.
            if lead == 0xC2, b[i + 1] == 0x85 {
                return (i, "next-line character U+0085 (NEL): YAML treats it as a line break but editors do not; replace it with a newline or a space")
            }
            if lead == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                let code = b[i + 2] == 0xA8 ? "U+2028 (line separator)" : "U+2029 (paragraph separator)"
                return (i, "\(code): YAML treats it as a line break but editors do not; replace it with a newline or a space")
            }
            // C1 controls and the non-characters U+FFFE / U+FFFF.
            if lead == 0xC2, b[i + 1] < 0xA0 {
                return (i, "control character U+00\(hexDigits(b[i + 1])) is not allowed in YAML")
            }
            if lead == 0xEF, b[i + 1] == 0xBF, b[i + 2] >= 0xBE {
                return (i, "non-character U+FFF\(b[i + 2] == 0xBE ? "E" : "F") is not allowed in YAML")
            }
            i += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 if it is malformed
    /// (overlong, surrogate, above U+10FFFF, truncated, or a stray continuation byte).
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = b[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= b.count else { return 0 }
        let second = b[i + 1]
        guard second >= low, second <= high else { return 0 }
        for k in 2..<length where b[i + k] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    private static func hex(_ byte: UInt8) -> String {
        "0x" + hexDigits(byte)
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
