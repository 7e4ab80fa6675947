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
        var i = 0
        let n = bytes.count
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 32) >= 97 && (b | 32) <= 122 }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        while i < n {
            let b = bytes[i]
            if isLetter(b) {
                buffer.removeAll(keepingCapacity: true)
                while i < n, isLetter(bytes[i]) {
                    buffer.append(bytes[i] | 32)
                    i += 1
                }
                out.append(.word(String(decoding: buffer, as: UTF8.self)))
            } else if isDigit(b) {
                buffer.removeAll(keepingCapacity: true)
                while i < n {
                    let c = bytes[i]
                    if isDigit(c) {
                        buffer.append(c)
                    } else if (c == 46 || c == 44), i + 1 < n, isDigit(bytes[i + 1]) {
                        if c == 46 { buffer.append(c) } // "1,000" is 1000; "2.5" keeps its point
                    } else {
                        break
                    }
                    i += 1
                }
                if i < n, bytes[i] == 37 {
                    buffer.append(37)
                    i += 1
                } else if i < n, bytes[i] | 32 == 120, i + 1 == n || !isLetter(bytes[i + 1]) {
                    buffer.append(120)
                    i += 1
                }
                out.append(.number(String(decoding: buffer, as: UTF8.self)))
            } else {
                i += 1
            }
        }
        return out
    }

    static func scalarTokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var word = String.UnicodeScalarView()
        var number = ""
        func flushWord() {
            if !word.isEmpty { out.append(.word(String(word))) }
            word = String.UnicodeScalarView()
        }
        func flushNumber() {
            if !number.isEmpty { out.append(.number(number)) }
            number = ""
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if value >= 48 && value <= 57 {
                flushWord()
                number.unicodeScalars.append(scalar)
            } else if !number.isEmpty, value == 46 || value == 44, index + 1 < scalars.count,
                      (48...57).contains(scalars[index + 1].value) {
                if value == 46 { number.append(".") } // "1,000" is 1000; "2.5" keeps its point
            } else if !number.isEmpty, value == 37 {
                number.append("%")
                flushNumber()
            } else if !number.isEmpty, value == 120 || value == 88,
                      index + 1 == scalars.count || !isLetter(scalars[index + 1]) {
                number.append("x")
                flushNumber()
            } else if isLetter(scalar) {
                flushNumber()
                if value < 128 {
                    word.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
                } else {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            } else {
                flushWord()
                flushNumber()
            }
            index += 1
        }
        flushWord()
        flushNumber()
        return out
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
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
        var i = 0
        let n = bytes.count
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 32) >= 97 && (b | 32) <= 122 }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        while i < n {
            let b = bytes[i]
            if isLetter(b) {
                let joined = i >= 2 && bytes[i - 1] == 45 && isLetter(bytes[i - 2])
                let start = i
                var upperAfterFirst = false
                buffer.removeAll(keepingCapacity: true)
                while i < n, isLetter(bytes[i]) {
                    let c = bytes[i]
                    if c < 97, i > start { upperAfterFirst = true }
                    buffer.append(c | 32)
                    i += 1
                }
                let word = String(decoding: buffer, as: UTF8.self)
                var written = word
                // A capital inside the word ("PL", "iOS") always says something.
                let kept = capitals.keeps(out.count, letters: i - start, firstUpper: bytes[start] < 97 && !upperAfterFirst)
                if upperAfterFirst || kept {
                    written = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
                out.append(WrittenWord(word: word, written: written, joined: joined))
            } else if isDigit(b) {
                capitals.sentenceStart = false
                // A number, skipped as `asciiTokens` reads it ("3x" is a number, not "x").
                while i < n {
                    let c = bytes[i]
                    if isDigit(c) || ((c == 46 || c == 44) && i + 1 < n && isDigit(bytes[i + 1])) {
                        i += 1
                    } else {
                        break
                    }
                }
                if i < n, bytes[i] == 37 {
                    i += 1
                } else if i < n, bytes[i] | 32 == 120, i + 1 == n || !isLetter(bytes[i + 1]) {
                    i += 1
                }
            } else {
                // . ! ? : end a sentence
                if b == 46 || b == 33 || b == 63 || b == 58 { capitals.sentenceStart = true }
                i += 1
            }
        }
        capitals.finish(&out)
        return out
    }

    /// The same split as `scalarTokens`, words only.
    static func scalarWrittenWords(_ text: String) -> [WrittenWord] {
        var out: [WrittenWord] = []
        var capitals = Capitals()
        var word = String.UnicodeScalarView()
        var original = String.UnicodeScalarView()
        var joined = false
        var upperAfterFirst = false
        var firstUpper = false
        var letters = 0
        var inNumber = false
        func flushWord() {
            if !word.isEmpty {
                let lower = String(word)
                var written = lower
                let kept = capitals.keeps(out.count, letters: letters, firstUpper: firstUpper && !upperAfterFirst)
                if upperAfterFirst || kept { written = String(original) }
                out.append(WrittenWord(word: lower, written: written, joined: joined))
            }
            word = String.UnicodeScalarView()
            original = String.UnicodeScalarView()
            upperAfterFirst = false
            letters = 0
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if value >= 48 && value <= 57 {
                flushWord()
                capitals.sentenceStart = false
                inNumber = true
            } else if inNumber, value == 46 || value == 44, index + 1 < scalars.count, (48...57).contains(scalars[index + 1].value) {
                // "1,000", "2.5"
            } else if inNumber, value == 37 {
                inNumber = false
            } else if inNumber, value == 120 || value == 88, index + 1 == scalars.count || !isLetter(scalars[index + 1]) {
                inNumber = false
            } else if isLetter(scalar) {
                inNumber = false
                let upper = value < 128 ? (value >= 65 && value <= 90) : scalar.properties.isUppercase
                if word.isEmpty {
                    joined = index >= 2 && scalars[index - 1].value == 45 && isLetter(scalars[index - 2])
                    firstUpper = upper
                } else if upper {
                    upperAfterFirst = true
                }
                letters += 1
                original.append(scalar)
                if value < 128 {
                    word.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
                } else {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            } else {
                flushWord()
                inNumber = false
                if value == 46 || value == 33 || value == 63 || value == 58 { capitals.sentenceStart = true }
            }
            index += 1
        }
        flushWord()
        capitals.finish(&out)
        return out
    }
}
