/// Profiles of many texts over one vocabulary, analysed in chunks side by side when a
/// `Corpus.Parallel` is given: each chunk has its own analyzer (and stemmer), and the
/// chunks' vocabularies are merged afterwards.
struct Vocabulary {
    var profiles: [Profile]
    var termWords: [String]
    var bigramCount: Int
    var gramCount: Int

    /// What one chunk yields: its profiles over its own ids, and its keys by id.
    struct Chunk: Sendable {
        var profiles: [Profile] = []
        var termKeys: [String] = []
        var termWords: [String] = []
        var bigramKeys: [UInt64] = []
        var gramKeys: [UInt64] = []
    }

    /// Below this many texts one chunk is quicker than splitting.
    static let chunkSize = 2500

    static func analyse(_ texts: [String], pairs: Bool, parallel: Corpus.Parallel?) -> Vocabulary {
        // An even count: three chunks on two cores left the third to run alone. (The ids are given
        // in order of first use whatever the chunks, so the profiles do not depend on them.)
        let wanted = min(8, texts.count / chunkSize)
        let chunkCount = parallel == nil || wanted < 2 ? 1 : wanted & ~1
        if chunkCount == 1 {
            var analyzer = Analyzer(collectsPairs: pairs)
            let profiles = texts.map { analyzer.profile($0) }
            return Vocabulary(profiles: profiles, termWords: analyzer.termWords,
                              bigramCount: analyzer.bigramKeys.count, gramCount: analyzer.gramKeys.count)
        }
        var chunks = [Chunk](repeating: Chunk(), count: chunkCount)
        let per = (texts.count + chunkCount - 1) / chunkCount
        chunks.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            parallel? (chunkCount) { index in
                var analyzer = Analyzer(collectsPairs: pairs)
                let range = (index * per)..<min(texts.count, (index + 1) * per)
                let profiles = texts[range].map { analyzer.profile($0) }
                output[index] = Chunk(profiles: profiles, termKeys: analyzer.termKeys, termWords: analyzer.termWords,
                                      bigramKeys: analyzer.bigramKeys, gramKeys: analyzer.gramKeys)
            }
        }
        return merge(chunks)
    }

    /// One vocabulary from the chunks': ids are renumbered in chunk order.
    static func merge(_ chunks: [Chunk]) -> Vocabulary {
        var termIDs: [String: Int32] = [:]
        var termWords: [String] = []
        var gramIDs: [UInt64: Int32] = [:]
        var bigramIDs: [UInt64: Int32] = [:]
        var profiles: [Profile] = []
        profiles.reserveCapacity(chunks.reduce(0) { $0 + $1.profiles.count })
        for chunk in chunks {
            let terms: [Int32] = chunk.termKeys.enumerated().map { local, key in
                if let id = termIDs[key] { return id }
                let id = Int32(termWords.count)
                termIDs[key] = id
                termWords.append(chunk.termWords[local])
                return id
            }
            let grams: [Int32] = chunk.gramKeys.map { key in
                if let id = gramIDs[key] { return id }
                let id = Int32(gramIDs.count)
                gramIDs[key] = id
                return id
            }
            let bigrams: [Int32] = chunk.bigramKeys.map { key in
                let global = Analyzer.pairKey(terms[Int(key >> 32)], terms[Int(key & 0xFFFF_FFFF)])
                if let id = bigramIDs[global] { return id }
                let id = Int32(bigramIDs.count)
                bigramIDs[global] = id
                return id
            }
            for var profile in chunk.profiles {
                profile.terms = profile.terms.map { terms[Int($0)] }
                profile.grams = profile.grams.map { grams[Int($0)] }
                profile.bigrams = profile.bigrams.map { bigrams[Int($0)] }
                profiles.append(profile)
            }
        }
        return Vocabulary(profiles: profiles, termWords: termWords, bigramCount: bigramIDs.count, gramCount: gramIDs.count)
    }
}
