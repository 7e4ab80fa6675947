import PlaybookSimilarity

/// The vocabulary numbered as bits (`Values`) and stemmed into phrases (`Phrase`), built once.
extension Facets {
    struct Phrase {
        var stems: [String]
        /// The phrase as the vocabulary spells it, for messages ("mobile", not the stem "mobil").
        var shown: String
        var facet: Facet
        var tags: [String: String]
        /// `tags` as bits of `numbering`.
        var bits = Values()
    }

    /// A set of the vocabulary's values, one bit each (`numbering`): 256 bits held in place.
    struct Values: Sendable, Hashable {
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var w2: UInt64 = 0
        var w3: UInt64 = 0
        init() {}
        /// The set of the one value numbered `bit` (empty past 255).
        init(bit: Int) {
            guard (0..<256).contains(bit) else { return }
            let one = UInt64(1) << UInt64(bit % 64)
            switch bit / 64 {
            case 0: w0 = one
            case 1: w1 = one
            case 2: w2 = one
            default: w3 = one
            }
        }
        mutating func formUnion(_ other: Values) {
            w0 |= other.w0
            w1 |= other.w1
            w2 |= other.w2
            w3 |= other.w3
        }
        func meets(_ other: Values) -> Bool { (w0 & other.w0) | (w1 & other.w1) | (w2 & other.w2) | (w3 & other.w3) != 0 }
        func masked(_ mask: Values) -> Values {
            var out = Values()
            out.w0 = w0 & mask.w0
            out.w1 = w1 & mask.w1
            out.w2 = w2 & mask.w2
            out.w3 = w3 & mask.w3
            return out
        }
        var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 }
    }

    /// `numbering`'s parts read for every pair (kept apart: read through the tuple, each use copied its array).
    static let exactBits = numbering.exact
    static let dimensionMasks = numbering.dimensions

    /// Each value the vocabulary gives a facet's dimension numbered (a bit of `Values`), with each
    /// dimension's bits (`dimensions`); `exact` while they fit in 256 (else `mayDiffer` always answers yes).
    static let numbering: (values: [Facet: [String: [String: Values]]], dimensions: [Values], exact: Bool) = {
        var out: [Facet: [String: [String: Values]]] = [:]
        var dimensions: [Values] = []
        var next = 0
        for facet in sorted {
            let tags = (vocabulary[facet] ?? [:]).values.flatMap { $0.map { [$0.key, $0.value] } }
            var seen: [String: [String: Values]] = [:]
            for dimension in Set(tags.map { $0[0] }).sorted() {
                var mask = Values()
                for value in Set(tags.filter { $0[0] == dimension }.map { $0[1] }).sorted() {
                    let bit = Values(bit: next)
                    next += 1
                    seen[dimension, default: [:]][value] = bit
                    mask.formUnion(bit)
                }
                dimensions.append(mask)
            }
            out[facet] = seen
        }
        return (out, dimensions, next <= 256)
    }()

    /// The vocabulary as stemmed phrases, by first stem, longest first, built once.
    static let phrases: [String: [Phrase]] = {
        let reader = TermReader()
        var out: [String: [Phrase]] = [:]
        for (facet, table) in vocabulary {
            for (text, tags) in table {
                let stems = reader.stems(text).stems
                guard let first = stems.first else { continue }
                var bits = Values()
                for (dimension, value) in tags {
                    for named in [value] + (alsoMeets[facet]?[dimension]?[value] ?? []) {
                        bits.formUnion(numbering.values[facet]?[dimension]?[named] ?? Values())
                    }
                }
                out[first, default: []].append(Phrase(stems: stems, shown: text, facet: facet, tags: tags, bits: bits))
            }
        }
        // Phrases of one stem sequence ("price page" and "pricing page", "cancel flow" and "cancellation
        // flow") come in the vocabulary's order, which a dictionary's iteration made differ from run to
        // run: the named spelling first, then by spelling, so that a message names the same phrase every time.
        func key(_ p: Phrase) -> (Facet, String, Int, String) {
            (p.facet, p.stems.joined(separator: " "), named[p.facet]?[p.shown] != nil ? 0 : 1, p.shown)
        }
        return out.mapValues { list in
            list.sorted { a, b in
                a.stems.count != b.stems.count ? a.stems.count > b.stems.count : key(a) < key(b)
            }
        }
    }()
}
