import PlaybookSimilarity

extension DuplicateDetection {
    /// `inheritedDifferencesOneByOne` with its pairs, texts and kinds of difference numbered: it walks
    /// every triple of a text `x`, a restatement `y` of it and a look-alike `a` of that restatement,
    /// and for each asked dictionaries keyed by pair (hashing each key), compared the texts as strings,
    /// made a set of the kinds that tell `a` from `y` and copied two comparisons to filter them by it:
    /// a third of long-text-3-metrics' lint at 8,000 files, on one thread. Here each compared pair has
    /// a slot (its place in a `PairTable`), a kind of difference a bit, a text a number, and a comparison is copied
    /// only for the pairs it changes, once, at the end; the decisions and their order are the same, so
    /// it answers exactly what the triple walk answers. Nil when the differences name more than 64 kinds.
    struct InheritedDifferences {
        let fields: PairTable<FieldComparison>
        let candidates: PairTable<Candidate>
        let items: [Item]
        let catalog: MetricCatalog

        init(_ fields: PairTable<FieldComparison>, candidates: PairTable<Candidate>, items: [Item], catalog: MetricCatalog) {
            self.fields = fields
            self.candidates = candidates
            self.items = items
            self.catalog = catalog
        }

        /// What the rule reads of a compared pair: its candidate's scores, and the kinds (first words)
        /// of its differences as bits.
        private struct Pair: Sendable {
            var hasCandidate = false
            var byMeaning = false
            var meaning: Double?
            var score = 0.0
            var kinds: UInt64 = 0
        }

        /// What a triple decided for a pair, the comparison made from it at the end.
        private enum Outcome: Sendable {
            /// Its look-alike comparison with only the differences of these kinds.
            case narrowed(UInt64)
            /// Its own comparison, with the differences of the pair `apart` (a slot), naming `a` and `x`.
            case lost(apart: Int32, a: Int32, x: Int32)
        }

        /// A triple whose decision reads the numbers its texts state: `x`, `a`, `y`, the slots of the
        /// restating pair, of `a`–`y` (which differ in `apart` kinds) and of the rival `a`–`x`, and
        /// what was found already.
        private struct Waiting: Sendable {
            var mine, x, a, y, apartSlot, rival: Int32
            var apart: UInt64
            var mineDiffers: Bool
            var measure: Bool?
        }

        /// A triple the rule reads (see `eachTriple`), kept from the first walk for the decisions.
        private struct Triple: Sendable {
            var mine, x, a, y, apartSlot, rival: Int32
            var apart: UInt64
        }

        /// A triple's decision in the order of the walk.
        private enum Step: Sendable {
            case write(Int32, Outcome)
            case waiting(Waiting)
        }

        /// `wording` compares two texts term by term (see `inheritedDifferences`).
        func found(wording: (Int, Int) -> Corpus.Wording?) -> [Int: FieldComparison]? {
            let n = items.count
            func key(_ x: Int, _ y: Int) -> Int { min(x, y) * n + max(x, y) }
            // A compared pair's slot is its place in `fields`.
            let keys = fields.keys
            let comparisons = fields.values
            // Each kind of difference a bit, numbered as first met.
            var kindBits: [Substring: UInt64] = [:]
            var kindNames: [Substring] = []
            var tooManyKinds = false
            var reading = sideBySide(keys.count) { slot -> Pair in
                var read = Pair()
                if let candidate = candidates[keys[slot]] {
                    read.hasCandidate = true
                    read.byMeaning = candidate.byMeaning
                    read.meaning = candidate.meaning
                    read.score = candidate.score
                }
                return read
            }
            for slot in keys.indices {
                for difference in comparisons[slot].differences {
                    let kind = difference.kind
                    if let bit = kindBits[kind] {
                        reading[slot].kinds |= bit
                    } else if kindNames.count < 64 {
                        let bit = UInt64(1) << UInt64(kindNames.count)
                        kindBits[kind] = bit
                        kindNames.append(kind)
                        reading[slot].kinds |= bit
                    } else {
                        tooManyKinds = true
                    }
                }
            }
            if tooManyKinds { return nil }
            let pairs = reading
            // The pairs no field tells apart in key order, and each text's restatements in that order.
            let restating = keys.indices.filter { pairs[$0].kinds == 0 && comparisons[$0].differences.isEmpty }.sorted { keys[$0] < keys[$1] }
            var starts = [Int](repeating: 0, count: n + 1)
            for slot in restating {
                starts[keys[slot] / n + 1] += 1
                starts[keys[slot] % n + 1] += 1
            }
            for text in 0..<n { starts[text + 1] += starts[text] }
            var restatements = [Int32](repeating: 0, count: starts[n])
            var filled = starts
            for slot in restating {
                let (first, second) = (keys[slot] / n, keys[slot] % n)
                restatements[filled[first]] = Int32(second)
                filled[first] += 1
                restatements[filled[second]] = Int32(first)
                filled[second] += 1
            }
            let textNumbers = numbered(items.map(\.text))
            // Every triple the rule reads of the restating pairs `range`, in its order: the pair's slot,
            // `x`, `a`, `y`, the slots of `a`–`y` (which differ, in `apart` kinds) and of `a`–`x` (the
            // rival restatement). Read only: the triples are walked in chunks on both cores.
            func eachTriple(_ range: Range<Int>, _ body: (_ mine: Int, _ x: Int, _ a: Int, _ y: Int, _ apartSlot: Int, _ apart: UInt64, _ rival: Int) -> Void) {
                for mine in restating[range] {
                    guard pairs[mine].hasCandidate, pairs[mine].byMeaning else { continue }
                    let (first, second) = (keys[mine] / n, keys[mine] % n)
                    for (x, y) in [(first, second), (second, first)] {
                        for index in starts[x]..<starts[x + 1] {
                            let a = Int(restatements[index])
                            guard a != y, textNumbers[a] != textNumbers[y], let apartSlot = fields.place(of: key(a, y)) else { continue }
                            let apart = pairs[apartSlot].kinds
                            guard apart != 0, let rival = fields.place(of: key(a, x)), pairs[rival].hasCandidate else { continue }
                            body(mine, x, a, y, apartSlot, apart, rival)
                        }
                    }
                }
            }
            let chunk = 64
            let chunks = (restating.count + chunk - 1) / chunk
            func range(_ c: Int) -> Range<Int> { (c * chunk)..<min(restating.count, (c + 1) * chunk) }
            let denies = items.map { !$0.direction.negated.isEmpty }
            func denial(_ x: Int, _ a: Int, _ y: Int) -> Bool? {
                denies[a] != denies[y] && !denies[x] ? DuplicateDetection.denial(items[x].direction, items[a].direction, items[y].direction) : nil
            }
            // The pairs compared again as look-alikes, each once, on both cores, and the texts whose
            // measures a triple reads (where no denial decides); the triples kept for the decisions
            // below (walking them again, with its look-ups, cost as much as the first walk).
            let wantedInChunks = sideBySide(chunks) { c -> (pairs: [Int32], texts: [Int32], triples: [Triple]) in
                var wanted: [Int32] = []
                var texts: [Int32] = []
                var triples: [Triple] = []
                eachTriple(range(c)) { mine, x, a, y, apartSlot, apart, rival in
                    wanted.append(Int32(mine))
                    wanted.append(Int32(rival))
                    if denial(x, a, y) == nil { texts += [Int32(x), Int32(a), Int32(y)] }
                    triples.append(Triple(mine: Int32(mine), x: Int32(x), a: Int32(a), y: Int32(y), apartSlot: Int32(apartSlot),
                                          rival: Int32(rival), apart: apart))
                }
                return (wanted, texts, triples)
            }
            var wanted = [Bool](repeating: false, count: keys.count)
            var measured = [Bool](repeating: false, count: n)
            for list in wantedInChunks {
                for slot in list.pairs { wanted[Int(slot)] = true }
                for text in list.texts { measured[Int(text)] = true }
            }
            let wantedSlots = wanted.indices.filter { wanted[$0] }
            let lookAlikes = sideBySide(wantedSlots.count) { index -> FieldComparison? in
                let slot = wantedSlots[index]
                return candidates[keys[slot]].map { candidate in
                    FieldComparison(items[keys[slot] / n], items[keys[slot] % n], words: candidate.words, meaning: candidate.meaning,
                                    catalog: catalog, wording: wording(keys[slot] / n, keys[slot] % n), lookAlike: true)
                }
            }
            // Each wanted pair's look-alike comparison (−1: none) and the kinds of its differences.
            var lookAlikeAt = [Int32](repeating: -1, count: keys.count)
            var lookAlikeKinds = [UInt64](repeating: 0, count: keys.count)
            for (index, slot) in wantedSlots.enumerated() {
                guard let comparison = lookAlikes[index] else { continue }
                lookAlikeAt[slot] = Int32(index)
                for difference in comparison.differences {
                    lookAlikeKinds[slot] |= kindBits[difference.kind] ?? 0
                }
            }
            // The durations, times of day and shares the texts state, read once each (and only where read).
            let measuredTexts = measured.indices.filter { measured[$0] }
            var measures = [[Measure]](repeating: [], count: n)
            for (text, read) in zip(measuredTexts, sideBySide(measuredTexts.count) { statedMeasures(items[measuredTexts[$0]].text) }) {
                measures[text] = read
            }
            let audienceVectors = items.map(\.audienceVector)
            func audience(_ i: Int, _ j: Int) -> Double {
                guard let vi = audienceVectors[i], let vj = audienceVectors[j] else { return 0 }
                return DuplicateDetection.cosine(vi, vj)
            }
            // `audiencesTellApart` of each set of kinds met.
            var audiencesApart: [UInt64: Bool] = [:]
            for slot in keys.indices where audiencesApart[pairs[slot].kinds] == nil {
                let bits = pairs[slot].kinds
                audiencesApart[bits] = DuplicateDetection.audiencesTellApart(
                    Set(kindNames.indices.filter { bits & (UInt64(1) << UInt64($0)) != 0 }.map { kindNames[$0] }))
            }
            // Which of two look-alikes `x` reads closer to (as `inheritedDifferencesOneByOne` reads it).
            // (`audienceToA`, `audienceToY`: `audience(x, a)` and `audience(x, y)`, read once per pair below.)
            func readsCloser(_ x: Int, to a: Int, than y: Int, toA: Double?, toY: Double?, audienceToA: Double, audienceToY: Double,
                             audiencesApart: Bool) -> Bool? {
                guard let toA, let toY else { return nil }
                let (first, second) = (toA + audienceToA, toY + audienceToY)
                if nearTie(changes: (toA, toY), withAudiences: (first, second), audiencesApart: audiencesApart),
                   let words = wording(a, y), words.onlyFirst.count != words.onlySecond.count {
                    return words.onlyFirst.count < words.onlySecond.count
                }
                return first == second ? nil : first > second
            }
            // Each triple's decision, on both cores (a decision reads nothing another wrote), then
            // written in the triples' order: the last for a pair stands, as in the walk. A decision that
            // reads the numbers the texts state waits (`Waiting`) until those are read.
            let decided = sideBySide(chunks) { c -> [Step] in
                var steps: [Step] = []
                for triple in wantedInChunks[c].triples {
                    let (mine, x, a, y) = (Int(triple.mine), Int(triple.x), Int(triple.a), Int(triple.y))
                    let (apartSlot, apart, rival) = (Int(triple.apartSlot), triple.apart, Int(triple.rival))
                    // `recompared` of the two restatements: the differences of these kinds read as look-alikes,
                    // or (none) the pair's own comparison, which has none.
                    guard lookAlikeAt[rival] >= 0, lookAlikeAt[mine] >= 0 else { continue }
                    let mineDiffers = lookAlikeKinds[mine] & apart != 0, rivalDiffers = lookAlikeKinds[rival] & apart != 0
                    let denial = denial(x, a, y)
                    let measure = denial == nil ? closerInMeasure(measures[x], to: measures[a], than: measures[y]) : nil
                    if denial == nil, measure == nil, mineDiffers && !rivalDiffers {
                        steps.append(.write(Int32(mine), .narrowed(apart)))
                    } else if denial == nil, measure == nil, rivalDiffers && !mineDiffers {
                        steps.append(.write(Int32(rival), .narrowed(apart)))
                    } else if let denial {
                        if denial { steps.append(.write(Int32(mine), mineDiffers ? .narrowed(apart) : .lost(apart: Int32(apartSlot), a: Int32(a), x: Int32(x)))) }
                    } else {
                        steps.append(.waiting(Waiting(mine: Int32(mine), x: Int32(x), a: Int32(a), y: Int32(y), apartSlot: Int32(apartSlot),
                                                      rival: Int32(rival), apart: apart, mineDiffers: mineDiffers, measure: measure)))
                    }
                }
                return steps
            }
            // The waiting decisions: the numbers their texts state read once each, then each decided on both cores.
            let waiting = decided.joined().compactMap { step -> Waiting? in if case .waiting(let w) = step { w } else { nil } }
            var stated = [Bool](repeating: false, count: n)
            for w in waiting { for text in [w.x, w.a, w.y] { stated[Int(text)] = true } }
            let statedTexts = stated.indices.filter { stated[$0] }
            var quantities = [Set<Double>](repeating: [], count: n)
            for (text, read) in zip(statedTexts, sideBySide(statedTexts.count) { statedQuantities(items[statedTexts[$0]].text) }) {
                quantities[text] = read
            }
            // The audience cosines the waiting decisions read (of `x`–`a`, the rival pair, and `x`–`y`, the
            // restating pair), each pair's once, on both cores: triples share pairs, and each is a dot
            // product of two audience rows (the cosine is the same read either way round). Only where no
            // stated number decides and both pairs have a cosine, as `readsCloser` reads them.
            let byQuantity = sideBySide(waiting.count) { index -> Bool? in
                let w = waiting[index]
                return closerInQuantity(quantities[Int(w.x)], to: quantities[Int(w.a)], than: quantities[Int(w.y)])
            }
            var audienceWanted = [Bool](repeating: false, count: keys.count)
            for (index, w) in waiting.enumerated()
            where byQuantity[index] == nil && w.measure == nil && pairs[Int(w.rival)].meaning != nil && pairs[Int(w.mine)].meaning != nil {
                audienceWanted[Int(w.rival)] = true
                audienceWanted[Int(w.mine)] = true
            }
            let audienceSlots = audienceWanted.indices.filter { audienceWanted[$0] }
            var audienceAt = [Double](repeating: 0, count: keys.count)
            let audienceRead = sideBySide(audienceSlots.count) { index -> Double in
                let key = keys[audienceSlots[index]]
                return audience(key / n, key % n)
            }
            for (slot, cosine) in zip(audienceSlots, audienceRead) { audienceAt[slot] = cosine }
            let waited = sideBySide(waiting.count) { index -> Bool in
                let w = waiting[index]
                let (x, a, y, mine, rival) = (Int(w.x), Int(w.a), Int(w.y), Int(w.mine), Int(w.rival))
                return byQuantity[index] ?? w.measure
                    ?? readsCloser(x, to: a, than: y, toA: pairs[rival].meaning, toY: pairs[mine].meaning,
                                   audienceToA: audienceAt[rival], audienceToY: audienceAt[mine],
                                   audiencesApart: audiencesApart[w.apart] ?? false)
                    ?? (pairs[rival].score >= pairs[mine].score)
            }
            var outcomes = [Outcome?](repeating: nil, count: keys.count)
            var next = 0
            for step in decided.joined() {
                switch step {
                case .write(let slot, let outcome):
                    outcomes[Int(slot)] = outcome
                case .waiting(let w):
                    if waited[next] {
                        outcomes[Int(w.mine)] = w.mineDiffers ? .narrowed(w.apart) : .lost(apart: w.apartSlot, a: w.a, x: w.x)
                    }
                    next += 1
                }
            }
            var out: [Int: FieldComparison] = [:]
            for (slot, outcome) in outcomes.enumerated() {
                switch outcome {
                case nil:
                    continue
                case .narrowed(let apart):
                    guard var again = lookAlikes[Int(lookAlikeAt[slot])] else { continue }
                    again.differences.removeAll { (kindBits[$0.kind] ?? 0) & apart == 0 }
                    out[keys[slot]] = again
                case .lost(let apartSlot, let a, let x):
                    var lost = comparisons[slot]
                    lost.differences = comparisons[Int(apartSlot)].differences.map {
                        $0.noted(" as \(items[Int(a)].side.id), which reads closer to \(items[Int(x)].side.id)")
                    }
                    out[keys[slot]] = lost
                }
            }
            return out
        }
    }
}
