import Foundation

/// BERT's uncased tokenizer: text → token ids, as Hugging Face's `BertTokenizer` does it for
/// all-MiniLM-L6-v2. Basic step: drop control characters, make whitespace spaces, put spaces
/// around CJK ideographs, split on whitespace, lower-case, strip accents (NFD without combining
/// marks), split off every punctuation character. WordPiece step: greedy longest match against
/// the vocabulary, continuation pieces prefixed `##`, a word that cannot be covered (or is
/// longer than 100 characters) becomes `[UNK]`. Works on Unicode scalars, as Python counts.
public struct WordPieceTokenizer: Sendable {
    /// Ids of the tokens written in ASCII (nearly all of them), looked up by their bytes: no
    /// string is made, neither when the vocabulary is read nor for each candidate piece.
    let ascii: ByteTable
    /// Every token by its string, as Swift compares strings (canonical equivalence), made on first
    /// use: only a word with a non-ASCII letter, or an odd vocabulary's size check, needs it.
    private let everyToken: LazyVocabulary
    public let unknown: Int32
    public let classifier: Int32
    public let separator: Int32
    /// Lines of `vocab.txt` (each a token, its id the line number from 0).
    public let lineCount: Int
    /// Words longer than this many scalars become `[UNK]` whole.
    public let maximumWordLength = 100

    /// Reads `vocab.txt`: one token a line, its id the line number from 0.
    public init(vocabularyFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError.unreadable(path: path, reason: "it cannot be opened")
        }
        try self.init(bytes: [UInt8](data), name: path)
    }

    /// `text` holds the vocabulary, one token a line.
    public init(vocabulary text: String, name: String = "vocab.txt") throws {
        try self.init(bytes: Array(text.utf8), name: name)
    }

    /// The vocabulary's lines are those of the file split at "\n" bytes (as a Swift string, a
    /// "\r\n" is one character and never split); a file with a "\r" or that is not UTF-8 is read
    /// the slow way, each line decoded with its ending "\r" dropped; the first line of a token wins.
    init(bytes: [UInt8], name: String) throws {
        var storage = bytes
        var ranges: [Range<Int>] = []
        if bytes.contains(13) || String(validating: bytes, as: UTF8.self) == nil {
            var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            if lines.last?.isEmpty == true { lines.removeLast() }
            storage = []
            for line in lines {
                let token = String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
                ranges.append(storage.count..<(storage.count + token.utf8.count))
                storage += token.utf8
            }
        } else {
            ranges.reserveCapacity(bytes.count / 6)
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == 10 {
                ranges.append(start..<index)
                start = index + 1
            }
            // The text after the last "\n" is a line unless empty.
            if start < bytes.count { ranges.append(start..<bytes.count) }
        }
        guard ranges.count < Int(Int32.max) else { throw ModelError.malformed(path: name, reason: "too many lines") }
        ascii = ByteTable(storage: storage, lines: ranges)
        everyToken = LazyVocabulary(storage: storage, lines: ranges)
        lineCount = ranges.count
        let table = ascii
        func id(_ token: String) throws -> Int32 {
            guard let id = Array(token.utf8).withUnsafeBytes({ table.id(prefixed: false, $0) }) else {
                throw ModelError.malformed(path: name, reason: "it has no \(token) token")
            }
            return id
        }
        unknown = try id("[UNK]")
        classifier = try id("[CLS]")
        separator = try id("[SEP]")
    }

    /// Distinct tokens (as Swift compares strings); reading it makes the table of every token.
    public var vocabularySize: Int { everyToken.dictionary.count }

    /// The largest id a text can be given (-1 for no tokens): a token's id is the line it first
    /// appears on, so a file with repeated lines has ids at or past its count of distinct tokens.
    /// Reading it makes the table of every token.
    public var largestID: Int {
        max(Int(ascii.largestID), Int(everyToken.dictionary.values.max() ?? -1))
    }

    /// `[CLS]`, the pieces of `text`, `[SEP]`: at most `maximumLength` ids (pieces past it are dropped).
    public func ids(for text: String, maximumLength: Int) -> [Int32] {
        var ids: [Int32] = [classifier]
        let room = max(0, maximumLength - 2)
        outer: for word in basicTokens(text) {
            for piece in wordPieces(word) {
                if ids.count - 1 >= room { break outer }
                ids.append(piece)
            }
        }
        ids.append(separator)
        return ids
    }

    /// The tokens of the basic step, as lists of scalars.
    func basicTokens(_ text: String) -> [[Unicode.Scalar]] {
        // Words are split on scalars, not Characters: a space followed by a combining mark
        // is one Character in Swift but two code points to BERT.
        var words: [String.UnicodeScalarView] = []
        var word = String.UnicodeScalarView()
        func endWord() {
            if !word.isEmpty { words.append(word); word = String.UnicodeScalarView() }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0 || value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                endWord()
            } else if Self.isCJK(value) {
                endWord()
                words.append(String.UnicodeScalarView([scalar]))
            } else {
                word.append(scalar)
            }
        }
        endWord()
        var tokens: [[Unicode.Scalar]] = []
        for word in words {
            let folded = Self.stripAccents(Self.lowercase(Array(word)))
            var current: [Unicode.Scalar] = []
            for scalar in folded.unicodeScalars {
                if Self.isPunctuation(scalar) {
                    if !current.isEmpty { tokens.append(current); current = [] }
                    tokens.append([scalar])
                } else {
                    current.append(scalar)
                }
            }
            if !current.isEmpty { tokens.append(current) }
        }
        return tokens
    }

    /// Greedy longest-match-first WordPiece.
    func wordPieces(_ word: [Unicode.Scalar]) -> [Int32] {
        guard word.count <= maximumWordLength else { return [unknown] }
        // A piece of ASCII letters is looked up by its bytes; one with another letter by its string.
        var bytes = [UInt8](repeating: 0, count: word.count)
        var nonASCIIBefore = [Int](repeating: 0, count: word.count + 1)
        for (index, scalar) in word.enumerated() {
            bytes[index] = UInt8(truncatingIfNeeded: scalar.value)
            nonASCIIBefore[index + 1] = nonASCIIBefore[index] + (scalar.isASCII ? 0 : 1)
        }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                if nonASCIIBefore[end] == nonASCIIBefore[start] {
                    found = bytes.withUnsafeBytes { ascii.id(prefixed: start > 0, UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                } else {
                    var candidate = start > 0 ? "##" : ""
                    candidate.unicodeScalars.append(contentsOf: word[start..<end])
                    found = everyToken.dictionary[candidate]
                }
                if found != nil { break }
                end -= 1
            }
            guard let found else { return [unknown] }
            pieces.append(found)
            start = end
        }
        return pieces
    }

    // MARK: character classes, as BERT's tokenizer defines them

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// Any "C*" category (control, format, unassigned, private use, surrogate), except tab and newlines.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .unassigned, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }

    /// ASCII symbols count as punctuation too ($, +, <, =, >, ^, `, |, ~), as in BERT.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT separates (not kana or hangul).
    static func isCJK(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x20000...0x2A6DF).contains(value)
            || (0x2A700...0x2B73F).contains(value) || (0x2B740...0x2B81F).contains(value) || (0x2B820...0x2CEAF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x2F800...0x2FA1F).contains(value)
    }

    /// Full lower-case mapping of each scalar on its own, as Hugging Face's tokenizers do (they
    /// lower-case character by character, so a final capital sigma becomes σ, not ς).
    /// Each scalar appended on its own: appending the mapping's view copied the whole text so far each
    /// time, so a word of a million letters took minutes (review53c #1).
    static func lowercase(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            if scalar.value < 0x80 {
                out.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value + 0x20)) : scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }

    /// Canonical decomposition, then every nonspacing mark dropped. Decomposed 64 characters (grapheme
    /// clusters) at a time: canonical reordering never crosses a cluster, so the pieces decompose as the whole
    /// does, and Foundation's normalisation of one long string took time growing with its square (a word of
    /// 800,000 "é" took 14 s, review53d #1).
    static func stripAccents(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return word }
        var out = String.UnicodeScalarView()
        var piece = ""
        var characters = 0
        func flush() {
            for scalar in piece.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                out.append(scalar)
            }
            piece = ""
            characters = 0
        }
        for character in word {
            piece.append(character)
            characters += 1
            if characters == 64 { flush() }
        }
        flush()
        return String(out)
    }
}

/// Token ids by their UTF-8 bytes, for the lines written in ASCII. A line of other letters is
/// here too when Swift's string comparison takes it for an ASCII text: the three characters whose
/// canonical decomposition is ASCII (U+037E → ";", U+1FEF → "`", U+212A → "K") are read as that.
struct ByteTable: Sendable {
    private var keys: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var ids: [Int32] = []
    /// The largest id in the table (-1 when empty).
    var largestID: Int32 { ids.max() ?? -1 }
    private var slots: [Int32]
    private let mask: Int

    init(storage: [UInt8], lines: [Range<Int>]) {
        var capacity = 16
        while capacity < 2 * lines.count { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        keys.reserveCapacity(storage.count)
        var key: [UInt8] = []
        for (line, range) in lines.enumerated() {
            key.removeAll(keepingCapacity: true)
            if storage[range].allSatisfy({ $0 < 0x80 }) {
                key += storage[range]
            } else {
                var equivalent = true
                for scalar in String(decoding: storage[range], as: UTF8.self).unicodeScalars {
                    switch scalar.value {
                    case 0..<0x80: key.append(UInt8(scalar.value))
                    case 0x37E: key.append(UInt8(ascii: ";"))
                    case 0x1FEF: key.append(UInt8(ascii: "`"))
                    case 0x212A: key.append(UInt8(ascii: "K"))
                    default: equivalent = false
                    }
                    if !equivalent { break }
                }
                if !equivalent { continue }
            }
            key.withUnsafeBytes { insert($0, id: Int32(line)) }
        }
    }

    /// The id of `text` (after "##" when `prefixed`), or nil.
    func id(prefixed: Bool, _ text: UnsafeRawBufferPointer) -> Int32? {
        var slot = Self.hash(prefixed: prefixed, text) & mask
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if matches(entry, prefixed: prefixed, text) { return ids[entry] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ key: UnsafeRawBufferPointer, id: Int32) {
        // Stored whole; a key starting "##" is found both ways it can be asked for.
        var slot = Self.hash(prefixed: false, key) & mask
        while slots[slot] >= 0 {
            if matches(Int(slots[slot]), prefixed: false, key) { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(ids.count)
        starts.append(Int32(keys.count))
        lengths.append(Int32(key.count))
        keys += key
        ids.append(id)
    }

    private func matches(_ entry: Int, prefixed: Bool, _ text: UnsafeRawBufferPointer) -> Bool {
        let length = Int(lengths[entry]), start = Int(starts[entry])
        let skip = prefixed ? 2 : 0
        guard length == text.count + skip else { return false }
        return keys.withUnsafeBytes { raw in
            if prefixed && (raw[start] != 35 || raw[start + 1] != 35) { return false }
            guard text.count > 0, let base = text.baseAddress, let stored = raw.baseAddress else { return true }
            return memcmp(stored + start + skip, base, text.count) == 0
        }
    }

    /// FNV-1a over the bytes ("##" first when `prefixed`): the same for a key stored with its "##".
    private static func hash(prefixed: Bool, _ text: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xcbf29ce484222325
        if prefixed {
            hash = (hash ^ 35) &* 0x100000001b3
            hash = (hash ^ 35) &* 0x100000001b3
        }
        for byte in text { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}

/// Every line of the vocabulary by its string, made once on first use.
final class LazyVocabulary: @unchecked Sendable {
    private let storage: [UInt8]
    private let lines: [Range<Int>]
    private let lock = NSLock()
    private var made: [String: Int32]?

    init(storage: [UInt8], lines: [Range<Int>]) {
        self.storage = storage
        self.lines = lines
    }

    var dictionary: [String: Int32] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(lines.count)
        for (index, range) in lines.enumerated() {
            let token = String(decoding: storage[range], as: UTF8.self)
            if vocabulary[token] == nil { vocabulary[token] = Int32(index) }
        }
        made = vocabulary
        return vocabulary
    }
}
