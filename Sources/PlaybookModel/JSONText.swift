/// JSON string literals, written the same way by every renderer (lint, overlaps, reports).
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// and U+2028 / U+2029 too, so the output is also safe inside JavaScript; DEL, C1 controls
    /// and bidi controls (`Inert.isInvisibleControl`) are escaped as `\uXXXX` too, so JSON
    /// printed to a terminal cannot drive or reorder it, and `##[` as `#\u0023[` so a CI log
    /// cannot read a command in it (the decoded value is unchanged).
    public static func quoted(_ text: String) -> String {
        // Most texts (ids, dates, paths, titles) need no escape: no control, quote, backslash or
        // `##[`. Copied whole; the scalar loop and the search below were most of rendering a JSON report.
        isPlain(text.utf8) ? "\"" + text + "\"" : quotedEscaping(text)
    }

    /// `quoted` without its shortcut: every scalar looked at.
    static func quotedEscaping(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if Inert.isInvisibleControl(scalar) {
                    // Above the BMP (the tag characters) as its UTF-16 surrogate pair, as JSON spells it.
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        // `##[` anywhere in a CI log line is the runner's older command syntax; `\u0023` decodes to the same `#`.
        return Inert.neutralisingHashBracket(out, hash: "\\u0023") + "\""
    }

    /// `quoted(text)` appended to `out`: a plain text is copied straight in, with no string in between.
    public static func append(quoted text: String, to out: inout String) {
        guard isPlain(text.utf8) else {
            out += quotedEscaping(text)
            return
        }
        out += "\""
        out += text
        out += "\""
    }

    /// No control (`Inert.isInvisibleControl`), `"`, `\` or `##[`.
    private static func isPlain(_ utf8: String.UTF8View) -> Bool {
        utf8.withContiguousStorageIfAvailable(isPlain) ?? Array(utf8).withUnsafeBufferPointer(isPlain)
    }

    /// `isPlain` on the bytes in place, eight at a time as one word where none of them needs a second
    /// look (a large playbook's JSON report is hundreds of megabytes of messages): whether any byte
    /// is not printable ASCII (as `Inert`'s plain-text test finds it; non-ASCII is then read scalar by
    /// scalar), `"`, `\` or `#`
    /// (`haszero` of the word xor'd with it). These may flag a plain block, never miss an unusual one.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & tops != 0 }
        let raw = UnsafeRawPointer(base)
        var hashes = 0, index = 0
        while index < count {
            let end = min(count, index + 8)
            // A block after a `#` is read byte by byte too: it may start the `[` of `##[`.
            if end - index == 8, hashes == 0 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let unusual = (word | (word &+ ones) | (word &- 0x20 &* ones)) & tops != 0
                    || hasZero(word ^ (0x22 &* ones)) || hasZero(word ^ (0x5C &* ones)) || hasZero(word ^ (0x23 &* ones))
                if !unusual {
                    index = end
                    continue
                }
            }
            for k in index..<end {
                let byte = base[k]
                if byte >= 0x80 {
                    // Non-ASCII is written as it is, unless it is an invisible control (as `Inert` reads it).
                    if Inert.isInvisibleControl(lead: byte, base + k + 1) { return false }
                    hashes = 0
                    continue
                }
                guard byte >= 0x20, byte < 0x7F, byte != 0x22, byte != 0x5C else { return false }
                if byte == 0x23 {
                    hashes += 1
                } else {
                    if byte == 0x5B, hashes >= 2 { return false }
                    hashes = 0
                }
            }
            index = end
        }
        return true
    }
}
