/// One piece of text: a lower-case word, or a number ("10%", "2.5", "3x"; "$30" is "30").
enum Token: Hashable {
    case word(String)
    case number(String)
}

/// Splits text into lower-case words and numbers, scalar by scalar (no grapheme breaking:
/// twenty thousand hypotheses must tokenise in milliseconds). Letters are any alphabetic
/// Unicode scalars; hyphens, apostrophes and punctuation split words.
enum Tokenizer {
    static func tokens(_ text: String) -> [Token] {
        var text = text
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
                buffer.removeAll(keepingCapacity: true)
                // "1,000" is 1000; "2.5" keeps its point; "3X" is "3x"
                for i in range where bytes[i] != 44 { buffer.append(bytes[i] == 88 ? 120 : bytes[i]) }
                out.append(.number(String(decoding: buffer, as: UTF8.self)))
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
                var number = ""
                for scalar in scalars[range] where scalar.value != 44 { number.unicodeScalars.append(scalar.value == 88 ? "x" : scalar) }
                out.append(.number(number))
            case .other:
                break
            }
        }
        return out
    }

    /// One piece of text as both splits (`tokens` and `writtenWords`) read it: a word (a run of
    /// letters), a number (digits, with "." and "," between digits, and a "%" or an "x" that no
    /// letter follows), or any other byte or scalar.
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
                if i < n, bytes[i] == 37 || (bytes[i] | 32 == 120 && (i + 1 == n || !isLetter(bytes[i + 1]))) { i += 1 }
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
                if i < n, scalars[i].value == 37 || ((scalars[i].value | 32) == 120 && (i + 1 == n || !isLetter(scalars[i + 1]))) { i += 1 }
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

    /// Lower-cased scalar by scalar (ASCII by arithmetic, the rest by its Unicode mapping).
    static func lowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var word = String.UnicodeScalarView()
        for scalar in scalars {
            let value = scalar.value
            if value < 128 {
                word.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
            } else {
                word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
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
}

extension Tokenizer {
    /// The words of `text` as `tokens` splits them (numbers left out), each with how it was written.
    static func writtenWords(_ text: String) -> [WrittenWord] {
        var text = text
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
            case .number:
                capitals.sentenceStart = false
            case .other(let b):
                // . ! ? : end a sentence
                if b == 46 || b == 33 || b == 63 || b == 58 { capitals.sentenceStart = true }
            }
        }
        capitals.finish(&out)
        return out
    }

    /// Hyphen-minus, hyphen and non-breaking hyphen (U+2011, which some editors put in "dairy‑free").
    static let hyphens: Set<UInt32> = [45, 0x2010, 0x2011]

    /// The same split as `scalarTokens`, words only.
    static func scalarWrittenWords(_ text: String) -> [WrittenWord] {
        var out: [WrittenWord] = []
        var capitals = Capitals()
        var lastWordEnd = -1
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
            case .number:
                capitals.sentenceStart = false
            case .other(let value):
                if value == 46 || value == 33 || value == 63 || value == 58 { capitals.sentenceStart = true }
            }
        }
        capitals.finish(&out)
        return out
    }
}
