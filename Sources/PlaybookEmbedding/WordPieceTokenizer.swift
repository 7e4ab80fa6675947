import Foundation

/// BERT's uncased tokenizer: text → token ids, as Hugging Face's `BertTokenizer` does it for
/// all-MiniLM-L6-v2. Basic step: drop control characters, make whitespace spaces, put spaces
/// around CJK ideographs, split on whitespace, lower-case, strip accents (NFD without combining
/// marks), split off every punctuation character. WordPiece step: greedy longest match against
/// the vocabulary, continuation pieces prefixed `##`, a word that cannot be covered (or is
/// longer than 100 characters) becomes `[UNK]`. Works on Unicode scalars, as Python counts.
public struct WordPieceTokenizer: Sendable {
    let vocabulary: [String: Int32]
    public let unknown: Int32
    public let classifier: Int32
    public let separator: Int32
    /// Words longer than this many scalars become `[UNK]` whole.
    public let maximumWordLength = 100

    /// Reads `vocab.txt`: one token a line, its id the line number from 0.
    public init(vocabularyFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError.unreadable(path: path, reason: "it cannot be opened")
        }
        try self.init(vocabulary: String(decoding: data, as: UTF8.self), name: path)
    }

    /// `text` holds the vocabulary, one token a line.
    public init(vocabulary text: String, name: String = "vocab.txt") throws {
        var vocabulary: [String: Int32] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.count < Int(Int32.max) else { throw ModelError.malformed(path: name, reason: "too many lines") }
        vocabulary.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let token = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if vocabulary[token] == nil { vocabulary[token] = Int32(index) }
        }
        func id(_ token: String) throws -> Int32 {
            guard let id = vocabulary[token] else { throw ModelError.malformed(path: name, reason: "it has no \(token) token") }
            return id
        }
        self.vocabulary = vocabulary
        unknown = try id("[UNK]")
        classifier = try id("[CLS]")
        separator = try id("[SEP]")
    }

    public var vocabularySize: Int { vocabulary.count }

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
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var candidate = start > 0 ? "##" : ""
                candidate.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary[candidate] {
                    found = id
                    break
                }
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
    static func lowercase(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        for scalar in scalars { out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars) }
        return String(out)
    }

    /// Canonical decomposition, then every nonspacing mark dropped.
    static func stripAccents(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return word }
        var out = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            out.append(scalar)
        }
        return String(out)
    }
}
