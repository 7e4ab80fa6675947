/// One piece of text: a lower-case word, or a number ("10%", "2.5", "3x"; "$30" is "30", "£20k" is "20000").
enum Token: Hashable {
    case word(String)
    case number(String)
}

/// Splits text into lower-case words and numbers, scalar by scalar (no grapheme breaking:
/// twenty thousand hypotheses must tokenise in milliseconds). Letters are any alphabetic
/// Unicode scalars; hyphens, apostrophes and punctuation split words.
enum Tokenizer {
    static func tokens(_ text: String) -> [Token] {
        var text = Controls.removed(from: text)
        if let ascii = text.withUTF8({ bytes in bytes.allSatisfy({ $0 < 0x80 }) ? asciiTokens(bytes) : nil }) {
            return ascii
        }
        return scalarTokens(text)
    }

    /// The same split for text that is all ASCII, byte by byte: the common case, and the
    /// one that decides how fast twenty thousand hypotheses are read.
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var out: [Token] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        scanASCII(bytes) { piece in
            switch piece {
            case .word(let range):
                buffer.removeAll(keepingCapacity: true)
                for i in range { buffer.append(bytes[i] | 32) }
                out.append(.word(String(decoding: buffer, as: UTF8.self)))
            case .number(let range):
                // "1,000" is 1000; "2.5" keeps its point; "3X" is "3x"; "£20k" is 20000
                out.append(.number(NumberTerm.term(UnsafeBufferPointer(rebasing: bytes[range]))))
            case .other:
                break
            }
        }
        return out
    }

    static func scalarTokens(_ text: String) -> [Token] {
        var out: [Token] = []
        let scalars = Array(text.unicodeScalars)
        scanScalars(scalars) { piece in
            switch piece {
            case .word(let range):
                out.append(.word(lowercased(scalars[range])))
            case .number(let range):
                // A number's piece is ASCII: digits, "." and "," between them, a suffix.
                out.append(.number(NumberTerm.term(scalars[range].map { UInt8(truncatingIfNeeded: $0.value) })))
            case .other:
                break
            }
        }
        return out
    }

    /// One piece of text as both splits (`tokens` and `writtenWords`) read it: a word (a run of
    /// letters), a number (digits, with "." and "," between digits, and a "%", or an "x", "k", "m"
    /// or "bn" that no letter follows: `NumberTerm`), or any other byte or scalar.
    enum Piece {
        case word(Range<Int>)
        case number(Range<Int>)
        case other(UInt32)
    }

    /// The pieces of ASCII text, in order.
    @inline(__always)
    static func scanASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Piece) -> Void) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let start = i
            if isLetter(b) {
                while i < n, isLetter(bytes[i]) { i += 1 }
                body(.word(start..<i))
            } else if isDigit(b) {
                while i < n {
                    let c = bytes[i]
                    guard isDigit(c) || ((c == 46 || c == 44) && i + 1 < n && isDigit(bytes[i + 1])) else { break }
                    i += 1
                }
                let end = i
                i += NumberTerm.suffixLength { at in end + at < n ? UInt32(bytes[end + at]) : nil }
                body(.number(start..<i))
            } else {
                i += 1
                body(.other(UInt32(b)))
            }
        }
    }

    /// The pieces of any text, scalar by scalar, in order; the same split as `scanASCII` on ASCII.
    @inline(__always)
    static func scanScalars(_ scalars: [Unicode.Scalar], _ body: (Piece) -> Void) {
        var i = 0
        let n = scalars.count
        @inline(__always) func isDigit(_ index: Int) -> Bool { scalars[index].value >= 48 && scalars[index].value <= 57 }
        while i < n {
            let value = scalars[i].value
            let start = i
            if isDigit(i) {
                while i < n {
                    let c = scalars[i].value
                    guard isDigit(i) || ((c == 46 || c == 44) && i + 1 < n && isDigit(i + 1)) else { break }
                    i += 1
                }
                let end = i
                i += NumberTerm.suffixLength { at in
                    end + at < n ? (scalars[end + at].value >= 128 && isLetter(scalars[end + at]) ? 0x61 : scalars[end + at].value) : nil
                }
                body(.number(start..<i))
            } else if isLetter(scalars[i]) {
                while i < n, isLetter(scalars[i]) { i += 1 }
                body(.word(start..<i))
            } else {
                i += 1
                body(.other(value))
            }
        }
    }

    /// Lower-cased scalar by scalar (ASCII by arithmetic, the rest by its Unicode mapping), each scalar
    /// appended on its own: appending a mapping's view copied the word so far each time, so a word of
    /// 500,000 "é" took 14 s to lint (review53d #1).
    static func lowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var word = String.UnicodeScalarView()
        for scalar in scalars {
            let value = scalar.value
            if value < 128 {
                word.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { word.append(lower) }
            }
        }
        return String(word)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 32) >= 97 && (b | 32) <= 122 }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return (value | 32) >= 97 && (value | 32) <= 122 }
        return scalar.properties.isAlphabetic
    }
}

/// A word as `TermReader` reads it: lower-cased, as written, and whether a hyphen joins it to the
/// word before ("free" in "dairy-free").
struct WrittenWord {
    var word: String
    /// The word as the writer wrote it where its case says something ("PL", "iOS", "Berlin" in a
    /// sentence), else lower-cased (a sentence's first word, every word of a Title Case title).
    var written: String
    var joined: Bool
    /// Whether a number in digits follows, after spaces or a currency sign only ("above £40").
    var numberAfter = false
}

extension Tokenizer {
    /// The words of `text` as `tokens` splits them (numbers left out), each with how it was written.
    static func writtenWords(_ text: String) -> [WrittenWord] {
        var text = Controls.removed(from: text)
        if let ascii = text.withUTF8({ bytes in bytes.allSatisfy({ $0 < 0x80 }) ? asciiWrittenWords(bytes) : nil }) {
            return ascii
        }
        return scalarWrittenWords(text)
    }

    /// Keeps track of capitals while words are read: a capital that starts a sentence says nothing, nor do
    /// the capitals of a Title Case text (more than half its words of four letters or more that start no
    /// sentence capitalised).
    private struct Capitals {
        var sentenceStart = true
        /// Words kept with only their first letter capitalised, in the middle of a sentence.
        var kept: [Int] = []
        var long = 0
        var capitalisedLong = 0

        /// Whether a word with only its first letter a capital keeps it (for now); counts the word.
        mutating func keeps(_ index: Int, letters: Int, firstUpper: Bool) -> Bool {
            defer { sentenceStart = false }
            if sentenceStart { return false }
            if letters >= 4 {
                long += 1
                if firstUpper { capitalisedLong += 1 }
            }
            guard firstUpper else { return false }
            kept.append(index)
            return true
        }

        /// Lower-cases again the words kept when the text turns out to be Title Case.
        func finish(_ words: inout [WrittenWord]) {
            guard !kept.isEmpty, capitalisedLong * 2 > long else { return }
            for index in kept { words[index].written = words[index].word }
        }
    }

    /// The same split as `asciiTokens`, words only.
    static func asciiWrittenWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [WrittenWord] {
        var out: [WrittenWord] = []
        var capitals = Capitals()
        var lastWordEnd = -1  // a hyphen joins a word to a word, not to a number ("3x-free")
        var beforeNumber = false  // only spaces or a currency sign since the last word
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        scanASCII(bytes) { piece in
            switch piece {
            case .word(let range):
                let start = range.lowerBound
                let joined = start >= 2 && bytes[start - 1] == 45 && lastWordEnd == start - 1
                lastWordEnd = range.upperBound
                var upperAfterFirst = false
                buffer.removeAll(keepingCapacity: true)
                for i in range {
                    if bytes[i] < 97, i > start { upperAfterFirst = true }
                    buffer.append(bytes[i] | 32)
                }
                let word = String(decoding: buffer, as: UTF8.self)
                // A capital inside the word ("PL", "iOS") always says something.
                let kept = capitals.keeps(out.count, letters: range.count, firstUpper: bytes[start] < 97 && !upperAfterFirst)
                let written = upperAfterFirst || kept ? String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) : word
                out.append(WrittenWord(word: word, written: written, joined: joined))
                beforeNumber = true
            case .number:
                capitals.sentenceStart = false
                if beforeNumber { out[out.count - 1].numberAfter = true }
                beforeNumber = false
            case .other(let b):
                // . ! ? : end a sentence
                if b == 46 || b == 33 || b == 63 || b == 58 { capitals.sentenceStart = true }
                if !Self.beforeAmount.contains(UInt32(b)) { beforeNumber = false }
            }
        }
        capitals.finish(&out)
        return out
    }

    /// What may stand between a word and the number after it (`WrittenWord.numberAfter`): spaces and currency signs.
    static let beforeAmount: Set<UInt32> = [32, 0xA0, 0x202F, 36, 0xA3, 0x20AC, 0xA5, 0x20B9]

    /// Hyphen-minus, hyphen and non-breaking hyphen (U+2011, which some editors put in "dairy‑free").
    static let hyphens: Set<UInt32> = [45, 0x2010, 0x2011]

    /// The same split as `scalarTokens`, words only.
    static func scalarWrittenWords(_ text: String) -> [WrittenWord] {
        var out: [WrittenWord] = []
        var capitals = Capitals()
        var lastWordEnd = -1
        var beforeNumber = false
        let scalars = Array(text.unicodeScalars)
        func isUpper(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 128 ? (scalar.value >= 65 && scalar.value <= 90) : scalar.properties.isUppercase
        }
        scanScalars(scalars) { piece in
            switch piece {
            case .word(let range):
                let start = range.lowerBound
                let joined = start >= 2 && Self.hyphens.contains(scalars[start - 1].value) && lastWordEnd == start - 1
                lastWordEnd = range.upperBound
                let upperAfterFirst = scalars[(start + 1)..<range.upperBound].contains(where: isUpper)
                let word = lowercased(scalars[range])
                let kept = capitals.keeps(out.count, letters: range.count, firstUpper: isUpper(scalars[start]) && !upperAfterFirst)
                var written = word
                if upperAfterFirst || kept {
                    var original = String.UnicodeScalarView()
                    original.append(contentsOf: scalars[range])
                    written = String(original)
                }
                out.append(WrittenWord(word: word, written: written, joined: joined))
                beforeNumber = true
            case .number:
                capitals.sentenceStart = false
                if beforeNumber { out[out.count - 1].numberAfter = true }
                beforeNumber = false
            case .other(let value):
                if value == 46 || value == 33 || value == 63 || value == 58 { capitals.sentenceStart = true }
                if !Self.beforeAmount.contains(value) { beforeNumber = false }
            }
        }
        capitals.finish(&out)
        return out
    }
}

/// A number written in digits as one term: "1,500" is "1500", "2.5" keeps its point, "3X" is "3x", "10%"
/// keeps its sign, and a magnitude that no letter follows scales it: "£20k" is "20000", "2.5M" is
/// "2500000", "1bn" is "1000000000" (so "£20k" is not "£20", and is "£20,000"). "10min", "5km" and "2mb"
/// are a number and a word.
public enum NumberTerm {
    /// How many characters after a number's digits belong to it, each character read through `at`
    /// (its scalar value from the first after the digits, nil past the end; any letter beyond ASCII
    /// given as an ASCII letter): "%", or "x", "k", "m" or "bn" (any case) that no letter follows.
    @inline(__always)
    static func suffixLength(_ at: (Int) -> UInt32?) -> Int {
        guard let first = at(0) else { return 0 }
        if first == 37 { return 1 }
        func letter(_ value: UInt32?) -> Bool { value.map { ($0 | 32) >= 97 && ($0 | 32) <= 122 } ?? false }
        switch first | 32 {
        case 120, 107, 109: return letter(at(1)) ? 0 : 1  // x, k, m
        case 98: return (at(1).map { $0 | 32 } == 110 && !letter(at(2))) ? 2 : 0  // bn
        default: return 0
        }
    }

    /// The term of a number as written (ASCII: digits, "." and "," between them, a suffix).
    static func term(_ written: some Collection<UInt8>) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(written.count)
        for byte in written where byte != 44 { digits.append(byte >= 65 && byte <= 90 ? byte | 32 : byte) }
        var places = 0
        if digits.last == 107 { places = 3 } else if digits.last == 109 { places = 6 } else if digits.last == 110 { places = 9 }
        guard places > 0 else { return String(decoding: digits, as: UTF8.self) }
        digits.removeLast(places == 9 ? 2 : 1)
        // The point moved `places` to the right ("1.5" → "1500"); a number with two points is left as written.
        let points = digits.indices.filter { digits[$0] == 46 }
        guard points.count <= 1 else { return String(decoding: written.map { $0 >= 65 && $0 <= 90 ? $0 | 32 : $0 }.filter { $0 != 44 }, as: UTF8.self) }
        var whole = Array(digits[..<(points.first ?? digits.count)])
        var fraction = points.first.map { Array(digits[($0 + 1)...]) } ?? []
        let moved = min(places, fraction.count)
        whole += fraction.prefix(moved)
        fraction.removeFirst(moved)
        whole += [UInt8](repeating: 48, count: places - moved)
        while whole.count > 1, whole.first == 48 { whole.removeFirst() }
        return String(decoding: fraction.isEmpty ? whole : whole + [46] + fraction, as: UTF8.self)
    }

    /// The term of a number written in `text` ("£20k" → "20000"; nil when `written` is no number).
    public static func term(of written: some StringProtocol) -> String? {
        let bytes = Array(written.utf8)
        guard let first = bytes.first, Tokenizer.isDigit(first) else { return nil }
        return term(bytes)
    }

    /// The numbers `text` writes in digits, in order: each one's term and where it is written, in
    /// `text`'s unicode scalars (the suffix included: "20k" in "£20k prize").
    public static func written(in text: String) -> [(term: String, scalars: Range<Int>)] {
        let scalars = Array(text.unicodeScalars)
        var out: [(term: String, scalars: Range<Int>)] = []
        Tokenizer.scanScalars(scalars) { piece in
            if case .number(let range) = piece {
                out.append((term(scalars[range].map { UInt8(truncatingIfNeeded: $0.value) }), range))
            }
        }
        return out
    }
}

/// Control characters are not text: an escape sequence (ESC or a C1 introducer and what it runs over) and any other
/// control are read as a space before a text is split, so `ESC ]8;;http://evil.example/ ESC \` gives no term
/// ("8", "http", "evil"): a title's hyperlink escape put "8" among a duplicate's shared terms (review 2026-12-05).
enum Controls {
    static func removed(from text: String) -> String {
        // Most texts have none: read as bytes, and returned as they are.
        let clean = text.utf8.allSatisfy { ($0 >= 0x20 && $0 != 0x7F && $0 != 0xC2) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if clean { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        /// Skips a string sequence's body (OSC, DCS, SOS, PM, APC) up to BEL or ST (ESC \ or U+009C).
        func skipString() {
            while i < scalars.count {
                let v = scalars[i].value
                if v == 0x07 || v == 0x9C { i += 1; return }
                if v == 0x1B, i + 1 < scalars.count, scalars[i + 1] == "\\" { i += 2; return }
                i += 1
            }
        }
        /// Skips a control sequence's parameters and its final byte (0x40…0x7E).
        func skipCSI() {
            while i < scalars.count {
                let v = scalars[i].value
                i += 1
                if (0x40...0x7E).contains(v) { return }
                if !(0x20...0x3F).contains(v) { return }
            }
        }
        while i < scalars.count {
            let v = scalars[i].value
            if v == 0x1B {
                i += 1
                guard i < scalars.count else { break }
                switch scalars[i].value {
                case 0x5B: i += 1; skipCSI()                                         // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: i += 1; skipString()              // ESC ] P X ^ _
                default: i += 1                                                       // ESC and one character
                }
                out.append(" ")
            } else if v == 0x9B {
                i += 1; skipCSI(); out.append(" ")
            } else if v == 0x9D || v == 0x90 || v == 0x98 || v == 0x9E || v == 0x9F {
                i += 1; skipString(); out.append(" ")
            } else if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) {
                i += 1; out.append(" ")
            } else {
                out.append(scalars[i]); i += 1
            }
        }
        return String(out)
    }
}
