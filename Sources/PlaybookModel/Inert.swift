/// How an untrusted string (a file name, a YAML value, a commit author, a command-line
/// argument) is made inert in each output format. Every renderer routes every such string
/// through exactly one of these, so a hostile string cannot move the cursor, recolour or
/// reorder a terminal, forge a GitHub workflow command, mention a person, link an issue,
/// load an image, start a spreadsheet formula or open an HTML tag.
///
/// The rules, once:
/// - **Invisible controls** (C0 including ESC, BEL, CR, LF and tab; DEL; C1; the bidi marks,
///   embeddings, overrides and isolates U+200E/F, U+061C, U+202A–202E, U+2066–2069; the line
///   and paragraph separators U+2028/2029; the invisible format characters that make two strings
///   look alike, `isInvisibleFormat`) are shown as visible escapes `\u{1B}` in every
///   human-readable format, so the text stays on one line and reads in source order.
/// - **Terminal text**: the visible escapes, and no GitHub workflow command when CI prints the
///   output: no leading `::` (a path gets `./` in front instead), no `##[` anywhere.
/// - **Markdown**: the visible escapes, a backslash before every ASCII punctuation mark that
///   Markdown gives meaning inside a line (no emphasis, links, images, HTML, table cells), and a word
///   joiner (U+2060) after `@` and `#` and inside `://` and `www.`, so GitHub makes no
///   mention, issue reference or autolink of it. `markdownCode` puts a string in a code span
///   whose fence is longer than any backtick run inside.
/// - **CSV**: controls escaped as above, LF too (a raw one inside a quoted cell started a line of
///   its own in a CI log, where `::warning::` is a command), and a cell
///   that a spreadsheet would read as a formula (its first character, after leading spaces,
///   tabs or line breaks, is `=`, `+`, `-`, `@`, or it starts with a tab or CR) gets a `'`
///   in front, unless it is a plain number.
/// - **HTML**: the visible escapes, then `& < > " ' #` as entities.
/// - Everywhere a CI log may print the output (terminal text, CSV, HTML, JSON, Markdown),
///   `##[` never appears literally: the runner reads it as a command anywhere in a line.
/// - **JSON** (also SARIF): `JSONText.quoted`, which escapes the same controls as `\uXXXX`. A
///   reader decodes those back to the characters, so SARIF's `message.text`, which GitHub shows to
///   people, is `visible` first (line breaks kept): its controls shown by code, as in terminal text.
public enum Inert {
    /// A word joiner: invisible, and not a character GitHub lets a mention or reference contain.
    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// True for the characters no output shows raw.
    public static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: isInvisibleFormat(scalar)
        }
    }

    /// True for format characters that show nothing, so two different ids, titles or paths look the
    /// same: soft hyphen U+00AD, combining grapheme joiner U+034F, Mongolian vowel separator U+180E,
    /// zero width space U+200B, word joiner and invisible operators U+2060–2064, U+FEFF. Not the zero
    /// width (non-)joiners U+200C/D: emoji sequences and Persian and Indic scripts need them. And the
    /// characters that draw as nothing though not formats (review55): the Hangul fillers U+115F, U+1160,
    /// U+3164, U+FFA0, the musical symbols' invisible beams and phrasing U+1D173–1D17A, and the tag
    /// characters U+E0000–E007F (an ASCII text spelt in them reads as nothing, and is read by a program).
    public static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x180E, 0x200B, 0x2060...0x2064, 0xFEFF: true
        case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x1D173...0x1D17A, 0xE0000...0xE007F: true
        default: false
        }
    }

    /// The visible form of an invisible control: `\n`, `\r`, `\t`, else `\u{1B}`.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }

    /// A multi-line text (a YAML `|` block) for a place of one line (a line of terminal text, a
    /// table cell, a list item): each line break (LF, CRLF or CR) with the blanks around it becomes
    /// one space, and the white space at both ends goes, so a block's lines read as one sentence
    /// instead of as `\n` escapes. It makes nothing inert: the format's own neutraliser follows.
    public static func foldingLines(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return lines.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The text with every invisible control shown as a visible escape; one line, read in order.
    /// `keepingNewlines` leaves LF alone (for multi-line fields of formats that quote them).
    public static func visible(_ text: String, keepingNewlines: Bool = false) -> String {
        guard hasInvisibleControl(text) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            if isInvisibleControl(scalar), !(keepingNewlines && scalar == "\n") {
                out += escape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `text` holds an invisible control (`isInvisibleControl`), read by its bytes in place:
    /// `visible` asks it of every message of a SARIF report, most of which hold none.
    static func hasInvisibleControl(_ text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = bytes.baseAddress else { return false }
            for k in 0..<bytes.count {
                let byte = base[k]
                if byte < 0x20 || byte == 0x7F { return true }
                // A scalar's lead byte and the ones after it (a Swift string is valid UTF-8, so they are there).
                if byte >= 0xC2, isInvisibleControl(lead: byte, base + k + 1) { return true }
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// A string for terminal text (and plain logs, which CI runners parse): controls made
    /// visible, and never a GitHub workflow command: a leading `::` (after spaces) becomes
    /// `\u{3A}:`, and `##[` anywhere (the runner's older command syntax) becomes `#\u{23}[`.
    public static func terminal(_ text: String) -> String {
        isPlainTerminalText(text) ? text : terminalEscaped(text)
    }

    /// `terminal` without its shortcut: every scalar looked at.
    static func terminalEscaped(_ text: String) -> String {
        var shown = neutralisingHashBracket(visible(text), hash: "\\u{23}")
        // White space, then `::`, read by bytes after it: a mark after a `:` or a space does not hide it,
        // and the runner trims any white space (no-break and ideographic spaces too) before it looks.
        let spaces = shown.unicodeScalars.prefix { $0.properties.isWhitespace }
        let rest = shown.utf8.dropFirst(String(String.UnicodeScalarView(spaces)).utf8.count)
        if rest.starts(with: "::".utf8) {
            shown = String(String.UnicodeScalarView(spaces)) + "\\u{3A}" + String(decoding: rest.dropFirst(), as: UTF8.self)
        }
        return shown
    }

    /// Whether `bytes` (UTF-8) are white space of any kind, then `::`.
    private static func startsWithCommandAfterWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
        return String(String.UnicodeScalarView(scalars.drop { $0.properties.isWhitespace })).utf8.starts(with: "::".utf8)
    }

    /// `text` with the second `#` of every `##[` written as `hash` (an escape that reads as `#`),
    /// found by bytes: a character's comparison would miss one whose `#` a mark before it (U+0600)
    /// or after it (U+0301) joins into a grapheme, and the runner reads the bytes.
    package static func neutralisingHashBracket(_ text: String, hash: String) -> String {
        let bytes = text.utf8
        guard bytes.count >= 3, containsHashBracket(bytes) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var before: (UInt8, UInt8) = (0, 0)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte == UInt8(ascii: "#"), before.1 == UInt8(ascii: "#"), next != bytes.endIndex, bytes[next] == UInt8(ascii: "[") {
                out.append(contentsOf: hash.utf8)
            } else {
                out.append(byte)
            }
            before = (before.1, byte)
            index = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the bytes hold `##[`.
    private static func containsHashBracket(_ bytes: String.UTF8View) -> Bool {
        var hashes = 0
        for byte in bytes {
            if byte == UInt8(ascii: "["), hashes >= 2 { return true }
            hashes = byte == UInt8(ascii: "#") ? hashes + 1 : 0
        }
        return false
    }

    /// Text without invisible controls, `##[` or a leading `::` (after spaces): what `terminal` leaves
    /// as it is (most messages). Read from the string's bytes in place, eight at a time where none
    /// of them needs a second look (a duplicate's message is kilobytes, and a large playbook's text
    /// report tens of megabytes: byte by byte this was a third of its rendering). Non-ASCII passes
    /// unless it is one of the invisible controls (most messages carry an en dash: sent to the scalar
    /// by scalar path, these were two thirds of rendering a text report).
    static func isPlainTerminalText(_ text: String) -> Bool {
        if let plain = text.utf8.withContiguousStorageIfAvailable(isPlainTerminalBytes) { return plain }
        return Array(text.utf8).withUnsafeBufferPointer(isPlainTerminalBytes)
    }

    private static func isPlainTerminalBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return true }
        // Leading spaces, then `::`: a workflow command. (White space beyond ASCII, which the runner trims
        // too, is read by scalar: it is rare.)
        var start = 0
        while start < count, base[start] == UInt8(ascii: " ") { start += 1 }
        if start < count, base[start] >= 0x80, startsWithCommandAfterWhiteSpace(bytes) { return false }
        if start + 1 < count, base[start] == UInt8(ascii: ":"), base[start + 1] == UInt8(ascii: ":") { return false }
        // Controls and non-ASCII anywhere; `[` only after `##`, checked where a `[` is.
        // Eight bytes at a time as one word: whether any byte is not ASCII (its top bit), DEL (with
        // the top bits clear, adding one to each byte sets the top bit of a DEL only), a control
        // (under 0x20: subtracting 0x20 from each byte borrows, setting the top bit of the lowest
        // such byte, as in "Bit Twiddling Hacks"' `hasless`) or `[` (`haszero` of the word xor'd
        // with it). These may flag a plain block, never miss an unusual one.
        let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & tops != 0 }
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index < count {
            let end = min(count, index + 8)
            var unusual = true
            if end - index == 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                unusual = (word | (word &+ ones) | (word &- 0x20 &* ones)) & tops != 0
                    || hasZero(word ^ (UInt64(UInt8(ascii: "[")) &* ones))
            }
            if unusual {
                for k in index..<end {
                    let byte = base[k]
                    if byte >= 0x80 {
                        // A scalar's lead byte and the ones after it (a Swift string is valid UTF-8, so
                        // they are there), the invisible controls spelt out; a continuation byte passes.
                        if isInvisibleControl(lead: byte, base + k + 1) { return false }
                        continue
                    }
                    guard byte >= 0x20, byte < 0x7F else { return false }
                    if byte == UInt8(ascii: "["), k >= 2, base[k - 1] == UInt8(ascii: "#"), base[k - 2] == UInt8(ascii: "#") { return false }
                }
            }
            index = end
        }
        return true
    }

    /// Whether the scalar whose UTF-8 starts with `lead` (`next` pointing past it) is an invisible
    /// control above ASCII: C1 (`C2 80`–`C2 9F`), U+061C (`D8 9C`), U+200E/F, U+2028–202E
    /// (`E2 80 8E`/`8F`, `E2 80 A8`–`AE`) and U+2066–2069 (`E2 81 A6`–`A9`), or an invisible format
    /// character: U+00AD (`C2 AD`), U+034F (`CD 8F`), U+180E (`E1 A0 8E`), U+200B (`E2 80 8B`),
    /// U+2060–2064 (`E2 81 A0`–`A4`), U+FEFF (`EF BB BF`), the Hangul fillers U+115F/1160 (`E1 85 9F`/`A0`),
    /// U+3164 (`E3 85 A4`), U+FFA0 (`EF BE A0`), U+1D173–1D17A (`F0 9D 85 B3`–`BA`) and the tags U+E0000–E007F
    /// (`F3 A0 80 80`–`F3 A0 81 BF`).
    @inline(__always)
    package static func isInvisibleControl(lead: UInt8, _ next: UnsafePointer<UInt8>) -> Bool {
        switch lead {
        case 0xC2: next[0] <= 0x9F || next[0] == 0xAD
        case 0xCD: next[0] == 0x8F
        case 0xD8: next[0] == 0x9C
        case 0xE1: next[0] == 0xA0 && next[1] == 0x8E || next[0] == 0x85 && (next[1] == 0x9F || next[1] == 0xA0)
        case 0xE2:
            switch next[0] {
            case 0x80: next[1] == 0x8B || next[1] == 0x8E || next[1] == 0x8F || (0xA8...0xAE).contains(next[1])
            case 0x81: (0xA0...0xA4).contains(next[1]) || (0xA6...0xA9).contains(next[1])
            default: false
            }
        case 0xE3: next[0] == 0x85 && next[1] == 0xA4
        case 0xEF: next[0] == 0xBB && next[1] == 0xBF || next[0] == 0xBE && next[1] == 0xA0
        case 0xF0: next[0] == 0x9D && next[1] == 0x85 && (0xB3...0xBA).contains(next[2])
        case 0xF3: next[0] == 0xA0 && (next[1] == 0x80 || next[1] == 0x81)
        default: false
        }
    }

    /// Several lines of terminal text (a message that spans lines): each line as `terminal`.
    public static func terminalLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { terminal(String($0)) }.joined(separator: "\n")
    }

    /// A path that may start a line of terminal text: as `terminal`, but a path that would
    /// start with `::` (after spaces) gets a `./` in front instead, which names the same file.
    public static func terminalPath(_ text: String) -> String {
        // A leading space (some were dropped), or `::` at the start of what is left, which then is
        // `text` itself. (Counting the characters of both to compare them was most of rendering a
        // file's run of findings.)
        if text.utf8.first == UInt8(ascii: " ") || text.utf8.starts(with: "::".utf8) {
            return terminal("./" + text)
        }
        return terminal(text)
    }

    /// ASCII punctuation that carries meaning inside a line in CommonMark or GitHub Flavored
    /// Markdown (emphasis, code, links and images, HTML and entities, table cells, strikethrough,
    /// math); CommonMark lets a backslash make any of them literal. Marks that matter only at
    /// the start of a line (`#`, `-`, `+`, `=`, `1.`) need none: `visible` leaves no line break,
    /// and renderers never start a line with user text.
    private static let markdownSpecial: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$",
    ]

    /// A string for Markdown inline text (paragraphs, headings, list items, table cells).
    public static func markdown(_ text: String) -> String {
        let scalars = Array(visible(text).unicodeScalars)
        var out = ""
        out.unicodeScalars.reserveCapacity(scalars.count * 2)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            // Alphanumerics and spaces pass; punctuation that means something gets a backslash.
            if markdownSpecial.contains(scalar) { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(scalar)
            switch scalar {
            case "@", "#":
                out.unicodeScalars.append(wordJoiner)
            // GitHub links "GH-12" to issue 12 as it does "#12" (review55).
            case "-" where index >= 2 && "Hh".unicodeScalars.contains(scalars[index - 1]) && "Gg".unicodeScalars.contains(scalars[index - 2])
                && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1]):
                out.unicodeScalars.append(wordJoiner)
            case ":" where index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/":
                out.unicodeScalars.append(wordJoiner)
            case "w" where isWWW(scalars, at: index), "W" where isWWW(scalars, at: index):
                out.unicodeScalars.append(wordJoiner)
            default:
                break
            }
            index += 1
        }
        return out
    }

    /// A message of the tool's for a line of Markdown outside a table (a finding's list item, a report's
    /// note): what it puts in
    /// backticks (a key, a YAML snippet to add, a command) as a code span whose fence outlasts any
    /// backtick run inside, the rest inert text (`markdown`: no markup, mention, reference or
    /// autolink). An unpaired backtick is text, and so is one after a backslash, as in Markdown: a
    /// value quoted in the message (`"x\` y"`) opened a span that ran to the message's own
    /// backtick, and showed neither as written. So are the backticks of a value the message quotes
    /// in double quotes (`quotedValueEnd`): a pair of them in a title made a code span of the user's text.
    public static func markdownMessage(_ raw: String) -> String {
        var out = ""
        var text = raw.startIndex  // where the text not yet written starts
        var search = raw.startIndex
        while let open = raw[search...].firstIndex(where: { $0 == "`" || $0 == "\"" }) {
            if raw[open] == "\"" {
                search = quotedValueEnd(raw, from: open) ?? raw.index(after: open)
                continue
            }
            if open > raw.startIndex, raw[raw.index(before: open)] == "\\" {
                search = raw.index(after: open)
                continue
            }
            let after = raw[raw.index(after: open)...]
            guard let close = after.firstIndex(of: "`"), close != after.startIndex else { break }
            out += Inert.markdown(String(raw[text..<open])) + Inert.markdownCodeOutsideTables(String(after[..<close]))
            text = raw.index(after: close)
            search = text
        }
        return out + Inert.markdown(String(raw[text...]))
    }

    /// Where a value a message quotes ends (past its closing `"`: the first `"` before white space,
    /// punctuation or the end), when the `"` at `open` starts one (it follows no letter or digit).
    private static func quotedValueEnd(_ raw: String, from open: String.Index) -> String.Index? {
        if open > raw.startIndex, raw[raw.index(before: open)].isLetter || raw[raw.index(before: open)].isNumber { return nil }
        var index = raw.index(after: open)
        while let close = raw[index...].firstIndex(of: "\"") {
            let after = raw.index(after: close)
            if after == raw.endIndex || raw[after].isWhitespace || raw[after].isPunctuation { return after }
            index = after
        }
        return nil
    }

    /// True when `scalars[index]` is the last `w` of a `www.`.
    private static func isWWW(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 2, index + 1 < scalars.count, scalars[index + 1] == "." else { return false }
        return (index - 2...index).allSatisfy { scalars[$0] == "w" || scalars[$0] == "W" }
    }

    /// A string as a Markdown code span: nothing inside is markup, mention or link. Line
    /// breaks become spaces (a span is one line); in a table cell (`inTable`) `|` is escaped so the cell
    /// stays one cell (outside a table the backslash would be shown: a code span keeps it).
    public static func markdownCode(_ text: String) -> String { markdownCode(text, inTable: true) }

    /// `markdownCode` for text outside a table (a list, a paragraph): `|` as it is.
    public static func markdownCodeOutsideTables(_ text: String) -> String { markdownCode(text, inTable: false) }

    private static func markdownCode(_ text: String, inTable: Bool) -> String {
        // Scalar by scalar, as Markdown reads it: a mark after a `|` or a backtick does not hide it.
        var flat = ""
        var longest = 0
        var run = 0
        for scalar in visible(text).unicodeScalars {
            if inTable, scalar == "|" { flat.unicodeScalars.append("\\") }
            flat.unicodeScalars.append(scalar)
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let first = flat.unicodeScalars.first, last = flat.unicodeScalars.last
        let pad = first == "`" || last == "`" || first == " " && last == " " ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A CSV cell's text before quoting: controls escaped (a line break as `\n`, as CR is `\r`), and
    /// a formula neutralised with a leading `'`.
    public static func csvCell(_ text: String) -> String {
        // A CSV printed to a CI log must start no line and carry no `##[` from user text: the runner
        // reads a line of its own that starts with `::` as a workflow command, quoted cell or not.
        let shown = neutralisingHashBracket(visible(text), hash: "\\u{23}")
        if Double(shown.trimmingSpaces) != nil, !shown.hasPrefix("\t"), !shown.hasPrefix("\r") { return shown }
        guard let first = text.unicodeScalars.first else { return shown }
        let significant = text.unicodeScalars.first { !(" \t\r\n".unicodeScalars.contains($0)) }
        let formulaStart: Set<Unicode.Scalar> = ["=", "+", "-", "@"]
        if first == "\t" || first == "\r" || significant.map(formulaStart.contains) == true {
            return "'" + shown
        }
        return shown
    }

    /// A relative path as a URI reference (a SARIF location, a link in a comment): every byte but
    /// letters, digits and `-._~/` percent-encoded, so no quote, space, bracket or control survives.
    public static func uriPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// A string for HTML text or a quoted attribute value.
    public static func html(_ text: String) -> String {
        // Scalar by scalar: a `"` that a combining mark joins into one character is still a `"` to a browser.
        var out = ""
        for scalar in visible(text).unicodeScalars {
            switch scalar {
            // `#` as an entity renders the same and keeps `##[` (a CI log command) out of the page's text.
            case "#": out += "&#35;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        drop { $0 == " " }
    }
}

extension Substring {
    /// Without the spaces and tabs at either end.
    fileprivate func trimmingBlanks() -> Substring {
        let isText: (Character) -> Bool = { $0 != " " && $0 != "\t" }
        guard let first = firstIndex(where: isText), let last = lastIndex(where: isText) else { return "" }
        return self[first...last]
    }
}
