import Dispatch
import PlaybookSimilarity

/// Token alignment (`TokenAligner`) with the model's last-layer token states.
public enum TokenAlignment {
    /// The alignment of two texts given as their tokens' unit-length states (`width` floats a
    /// token, one after the other): each token's best cosine with the other text's tokens, averaged
    /// over each text, then the two averages' harmonic mean. 0 when either has no token or either
    /// average is not above 0 (or not a number); at most 1: always in 0...1, as the alignment cache expects.
    public static func score(_ a: [Float], _ b: [Float], width: Int) -> Double {
        guard width > 0 else { return 0 }
        let (na, nb) = (a.count / width, b.count / width)
        guard na > 0, nb > 0 else { return 0 }
        var bestA = [Float](repeating: -.infinity, count: na)
        var bestB = [Float](repeating: -.infinity, count: nb)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<na {
                    for j in 0..<nb {
                        var dot: Float = 0
                        for k in 0..<width { dot += a[i * width + k] * b[j * width + k] }
                        bestA[i] = max(bestA[i], dot)
                        bestB[j] = max(bestB[j], dot)
                    }
                }
            }
        }
        let precision = Double(bestA.reduce(0, +)) / Double(na), recall = Double(bestB.reduce(0, +)) / Double(nb)
        // As a Float, as the alignment cache keeps it: a run reads the same value cached or not.
        guard precision > 0, recall > 0 else { return 0 }
        return Double(Float(min(1, 2 * precision * recall / (precision + recall))))
    }
}

extension BertWeights {
    /// Each sentence's token states without `[CLS]` (its first token) and `[SEP]` (its last), each
    /// scaled to unit length, one after the other (`hiddenSize` floats a token).
    func tokenStates(_ sentences: [[Int32]], parallel: Bool) -> [[Float]] {
        let h = configuration.hiddenSize
        guard sentences.contains(where: { !$0.isEmpty }) else { return sentences.map { _ in [] } }
        return forward(sentences, parallel: parallel) { x, starts in
            sentences.indices.map { s in
                let inner = max(0, sentences[s].count - 2)
                var rows = [Float](repeating: 0, count: inner * h)
                for position in 0..<inner {
                    let row = x + (starts[s] + 1 + position) * h
                    var norm: Float = 0
                    for k in 0..<h { norm += row[k] * row[k] }
                    let inverse = 1 / max(norm.squareRoot(), 1e-12)
                    for k in 0..<h { rows[position * h + k] = row[k] * inverse }
                }
                return rows
            }
        }
    }
}

extension MiniLMEncoder: TokenAligner {
    /// The token states of each text (as `BertWeights.tokenStates` gives them), each text run alone
    /// (side by side over the cores): a text's states, and so its alignments, do not depend on which
    /// other texts a run asks about (packed in one batch, their last digits would), so a pair aligns
    /// to the same value cached or not, and either way round.
    public func tokenStates(_ texts: [String]) -> [[Float]] {
        var states = [[Float]](repeating: [], count: texts.count)
        states.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: texts.count) { index in
                output[index] = weights.tokenStates([tokenIDs(texts[index])], parallel: false)[0]
            }
        }
        return states
    }

    public func alignments(_ pairs: [(String, String)]) throws -> [Double] {
        var numbers: [String: Int] = [:]
        var texts: [String] = []
        for (a, b) in pairs {
            for text in [a, b] where numbers[text] == nil {
                numbers[text] = texts.count
                texts.append(text)
            }
        }
        let states = tokenStates(texts)
        weights.releasePages()
        // In one order whichever way round a pair is asked (the sums' rounding follows the order).
        return pairs.map { a, b in
            let (first, second) = TokenAlignmentCache.inOrder(a, b)
            return TokenAlignment.score(states[numbers[first] ?? 0], states[numbers[second] ?? 0], width: dimension)
        }
    }
}

extension DeferredEncoder: TokenAligner {
    public func alignments(_ pairs: [(String, String)]) throws -> [Double] {
        pairs.isEmpty ? [] : try model().alignments(pairs)
    }
}

/// Token alignments kept between runs beside the sentence vectors (`.git/playbook/alignment-cache`,
/// `EmbeddingCache`'s format, versioned and checksummed, bounded alike): one value per pair of texts,
/// keyed by the two texts in order, so that a run whose pairs were all aligned before never loads the model.
public struct TokenAlignmentCache: TokenAligner {
    public let cache: EmbeddingCache
    public let aligner: any TokenAligner
    /// The model's name; the file keeps the alignments of one model.
    public let modelName: String

    public init(cache: EmbeddingCache, aligner: any TokenAligner, modelName: String) {
        self.cache = cache
        self.aligner = aligner
        self.modelName = modelName
    }

    /// The model name the file is kept under (the key's form is part of it: a file of another form is ignored).
    var storedModelName: String { modelName + " token alignment 2" }

    /// The two texts in byte order (the cache matches texts byte for byte; `<=` on strings reads
    /// canonically equivalent texts as equal).
    static func inOrder(_ a: String, _ b: String) -> (String, String) {
        b.utf8.lexicographicallyPrecedes(a.utf8) ? (b, a) : (a, b)
    }

    /// The cache's text for a pair: the first text's length in bytes, ":", then the two texts in byte
    /// order (a text may hold any character, a NUL too: YAML's "\0"; a separator alone could not tell
    /// ("a\0b", "c") from ("a", "b\0c")).
    static func key(_ a: String, _ b: String) -> String {
        let (first, second) = inOrder(a, b)
        return "\(first.utf8.count):" + first + second
    }

    /// The pair of a `key` (nil when it is not one).
    static func pair(_ key: String) -> (String, String)? {
        let bytes = Array(key.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon <= 19,
              bytes[..<colon].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let length = Int(String(decoding: bytes[..<colon], as: UTF8.self)), length <= bytes.count - colon - 1 else { return nil }
        let split = colon + 1 + length
        return (String(decoding: bytes[(colon + 1)..<split], as: UTF8.self), String(decoding: bytes[split...], as: UTF8.self))
    }

    /// The pair keys as a one-number "encoder", for `EmbeddingCache`.
    struct Keys: SentenceEncoder {
        let aligner: any TokenAligner
        let modelName: String
        var dimension: Int { 1 }

        func encode(_ texts: [String]) throws -> [[Float]] {
            // Kept in 0...1, as the cache accepts (a value out of it would have the file ignored every run).
            try aligner.alignments(texts.map { TokenAlignmentCache.pair($0) ?? ("", "") }).map { [$0.isNaN ? 0 : Float(min(1, max(0, $0)))] }
        }
    }

    public func alignments(_ pairs: [(String, String)]) throws -> [Double] {
        guard !pairs.isEmpty else { return [] }
        // Values no alignment takes (a damaged or hostile file) make the whole file ignored and rebuilt.
        let values = try cache.accepting(0...1).cachedVectors(for: pairs.map { Self.key($0.0, $0.1) },
                                                              encoder: Keys(aligner: aligner, modelName: storedModelName))
        return values.map { Double($0.first ?? 0) }
    }
}
