import Dispatch
import PlaybookEmbedding
import PlaybookModel
import PlaybookSimilarity
internal import OverlapKernels

/// Duplicate and related work across squads, field by field.
///
/// Two hypotheses are duplicates when they make the same change (title and change read alike,
/// by words or, with a sentence encoder, by meaning: the score is the higher of the word score
/// and the cosine stretched by `meaningStretch`), go the same way, for audiences that can
/// overlap, toward the same metric (the same id, or catalog entries with the same event). The
/// same change going the opposite way, or for another metric, platform, region, surface or
/// segment, is related work: a note naming what differs. Experiments compare likewise on their
/// title, primary metric, surface and structured audience, and are duplicates through their
/// hypotheses when those are (`throughHypotheses`).
enum DuplicateDetection {
    /// Related work is only worth a note when the changes read closer than a duplicate needs.
    static let relatedMargin = 0.1
    /// What a sentence-model cosine counts for beside the word score: a pair found by meaning scores
    /// 1 − (1 − cosine) × the stretch of its rank, so that at the default threshold 0.40 a cosine of
    /// 0.38 is enough when each text is the other's closest (under `weakMeaning`, with audiences that
    /// read alike) and 0.45 when second closest, and a cosine of 1 scores 1 (see `MeaningNeighbours.swift`
    /// for the rule and how it was chosen).
    static let meaningStretch = [0.6 / 0.62, 0.6 / 0.55]

    /// Under this cosine two changes read alike too weakly to count alone: the audiences must read
    /// alike too (`corroboratingAudience`), or the pair stand clear of its metric's other texts (`standsClear`). Of the seen rewordings that are each other's closest text,
    /// 12 have a cosine of 0.38–0.42 (9 of them with audiences at 0.4 or more), against one other pair
    /// of the seen sets; the bundled example's hypotheses, all different ideas, have a closest pair at
    /// 0.41 whose audiences read at 0.35 (a streak freeze for learners on a streak against an exam
    /// countdown for learners in Japan and Korea).
    static let weakMeaning = 0.42
    /// The audience cosine that corroborates a weak match (the audiences of seen rewordings: mostly 0.4–0.8).
    static let corroboratingAudience = 0.4

    /// Whether two items' audiences read alike enough to back a weak match of their changes.
    static func audiencesReadAlike(_ a: Item, _ b: Item) -> Bool {
        alikeAudienceCosine(a, b) != nil
    }

    /// The cosine of two items' audiences when it reaches `corroboratingAudience`; nil under it or without vectors.
    static func alikeAudienceCosine(_ a: Item, _ b: Item) -> Double? {
        guard let va = a.audienceVector, let vb = b.audienceVector else { return nil }
        let read = cosine(va, vb)
        return read >= corroboratingAudience ? read : nil
    }

    /// The cosine a pair found by meaning needs, at the best rank, to reach `threshold`.
    static func cosineNeeded(_ threshold: Double) -> Double {
        1 - (1 - threshold) / meaningStretch[0]
    }

    /// `entities` are let go once read into items (when this holds the last reference to them).
    static func find(_ entities: consuming [SourcedEntity], options: OverlapOptions, encoder model: (any SentenceEncoder)? = nil) -> [Overlap] {
        // Token alignments read the model's own token states; sentence vectors go through the map
        // learned for duplicates (`MeaningAdapter`: all-MiniLM-L6-v2's only).
        let aligner = model as? any TokenAligner
        let encoder = options.meaningMap ? model.map(MeaningAdapter.adapting) : model
        let catalog = MetricCatalog(copy entities)
        var read = items(entities)
        _ = consume entities
        // Encoded one kind after the other, as the cache expects, each kind's comparison started as
        // soon as its vectors are read (the experiments are encoded while the hypotheses are
        // compared): the two kinds are compared apart, side by side, each in a job of its own, not in
        // `concurrentPerform` (within an apply, libdispatch runs a nested apply on the calling thread
        // alone, and each kind's comparison spreads itself over the cores).
        let kinds = ["hypotheses", "experiments"]
        // What the experiments' check through their hypotheses reads, taken before the items are compared.
        let testers = read.hypotheses.isEmpty ? [] : read.experiments.compactMap(Tester.init)
        var found = [[Overlap]](repeating: [], count: kinds.count)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let group = DispatchGroup()
            for (index, kindName) in kinds.enumerated() {
                // Taken out of `read`, not copied: an item shared with another array is copied, field
                // by field, when its audience vector is set.
                var items: [Item] = []
                if index == 0 { swap(&items, &read.hypotheses) } else { swap(&items, &read.experiments) }
                guard items.count > 1 else { continue }
                // The last kind on this thread: waiting here for it would hold one of the global queue's
                // few threads (one per core on Linux) idle, and the other kind would run alone, its own
                // spreading over the cores finding no thread free.
                if index == kinds.count - 1 {
                    // One matrix per kind, the per-text arrays let go at once (memory: 20,000 texts take 31 MB).
                    let vectors = encoder.flatMap { encode(&items, $0) }
                    output[index] = pairs(consume items, vectors: vectors, catalog: catalog, kindName: kindName, options: options,
                                          aligner: index == 0 ? aligner : nil, rationales: index == 0 ? encoder : nil)
                    continue
                }
                // The other kind's words are compared in a job of its own while this thread reads its
                // vectors; the job then takes the items (the last reference: freed on its thread once
                // compared) and sets their audiences' vectors.
                let (texts, audiences, english) = encoder == nil ? ([], [], []) : (items.map(\.text), items.map(\.audience), items.map(\.readsAsEnglish))
                // Words compared as the lexical engine compares them when the vectors certainly will not come
                // (lint's capped encoder, nothing cached: a first run on a large playbook), not as the model's
                // comparison needs them (pairs that surely differ in a field, looked for under the related margin
                // too: a fifth more CPU and 25 MB on a first lint of spread-8000, for the same findings). `encoded`
                // still asks, so the run's summary says why the texts were compared by words. The count is of
                // texts distinct as strings: never more than the encoder is asked for (distinct byte for byte).
                let lexicalWords = encoder.map { encoder in
                    encoder.certainlyRefuses(distinctTexts: Set(texts + audiences.compactMap { $0 }.filter { !$0.isEmpty }).count)
                } ?? true
                let held = Held(consume items)
                let encoding = Held<(vectors: Vectors?, audiences: [String: ArraySlice<Float>])?>(nil)
                let vectorsRead = DispatchSemaphore(value: 0)
                DispatchQueue.global().async(group: group) {
                    let words = Self.words(held.value, options: options, catalog: catalog, lexical: lexicalWords)
                    vectorsRead.wait()
                    var items: [Item] = []
                    swap(&items, &held.value)
                    if let audiences = encoding.value?.audiences {
                        for index in items.indices { items[index].audienceVector = items[index].audience.flatMap { audiences[$0] } }
                    }
                    output[index] = pairs(items, vectors: encoding.value?.vectors, catalog: catalog, kindName: kindName, options: options,
                                          words: words, aligner: index == 0 ? aligner : nil, rationales: index == 0 ? encoder : nil)
                }
                if let encoder, let read = encoded(texts: texts, audiences: audiences, english: english, encoder) {
                    encoding.value = (read.texts, read.audiences)
                }
                vectorsRead.signal()
            }
            group.wait()
        }
        if !testers.isEmpty {
            throughHypotheses(testers, hypothesisOverlaps: found[0], experimentOverlaps: &found[1], catalog: catalog, options: options)
        }
        return joined(moving: &found, vacated: vacated)
    }

    /// The hypotheses and experiments of `entities` as items, in order, read in chunks over the cores.
    static func items(_ entities: [SourcedEntity]) -> (hypotheses: [Item], experiments: [Item]) {
        let chunk = 256
        let chunks = (entities.count + chunk - 1) / chunk
        var read = [[(hypothesis: Bool, item: Item)]](repeating: [], count: chunks)
        read.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                // A reader owns a stemmer, which is not thread-safe: the thread's own, which remembers the
                // words it stemmed from chunk to chunk (a new one per chunk stemmed them all again).
                let reader = ThreadReader.current
                // Audiences repeat (a playbook's few segments): each read once per chunk.
                var audiences: [String: Facets] = [:]
                output[c] = entities[(c * chunk)..<min(entities.count, (c + 1) * chunk)].compactMap {
                    item($0, reader: reader, audiences: &audiences)
                }
            }
        }
        var hypotheses: [Item] = []
        var experiments: [Item] = []
        for chunk in read {
            for (hypothesis, item) in chunk {
                if hypothesis { hypotheses.append(item) } else { experiments.append(item) }
            }
        }
        return (hypotheses, experiments)
    }

    /// A hypothesis or an experiment as an item; nil for other entities, and for one not yet written
    /// (`isUnwritten`). `audiences`: the facets of each audience read so far, by its text.
    static func item(_ sourced: SourcedEntity, reader: TermReader, audiences: inout [String: Facets]) -> (hypothesis: Bool, item: Item)? {
        guard !isUnwritten(sourced.entity) else { return nil }
        switch sourced.entity {
        case .hypothesis(let h):
            let s = h.statement
            let written = titleAndChange(h)
            let english = TextLanguage.readsAsEnglish(written.joined(separator: ". "))
            // Another language's articles and prepositions are what two of its texts would share.
            let parts = english ? written : written.map(TextLanguage.withoutForeignFunctionWords)
            let text = parts.joined(separator: ". ")
            guard saysSomething(text) else { return nil }
            // Title and change stemmed apart (as the joined text would be), so that a denial in the
            // title does not reach into the change.
            let sentences = parts.map { reader.stems($0) }
            let stems = Array(sentences.joined())
            let audience = s?.audience ?? ""
            let who: Facets
            if let known = audiences[audience] {
                who = known
            } else {
                who = Facets(stems: reader.stems(audience), facets: [.platform, .region, .segment])
                audiences[audience] = who
            }
            var facets = Facets(stems: stems, facets: [.platform, .region, .surface])
            facets.merge(who)
            let channel = sentences.count == 2 && sentences.allSatisfy { Facets(stems: $0, facets: [.surface]).values[.surface]?["channel"] != nil }
            return (true, Item(side: side(h.id, h.squad, sourced.file), text: text, direction: ChangeDirection(sentences: sentences).readingNumbers(in: parts),
                               facets: facets, metric: h.metric?.value, audience: s?.audience, channelInTitleAndChange: channel,
                               outcome: s?.outcome.flatMap { outcomeKey($0, reader: reader) }, rationale: s?.rationale,
                               readsAsEnglish: english))
        case .experiment(let e):
            let english = TextLanguage.readsAsEnglish(e.title ?? "")
            let text = english ? e.title ?? "" : TextLanguage.withoutForeignFunctionWords(e.title ?? "")
            guard saysSomething(text) else { return nil }
            let stems = reader.stems(text)
            return (false, Item(side: side(e.id, e.squad, sourced.file), text: text, direction: ChangeDirection(stems: stems).readingNumbers(in: [text]),
                                facets: Facets(stems: stems, facets: [.platform, .region]),
                                metric: e.metrics?.primary?.value, experiment: e, readsAsEnglish: english))
        default:
            return nil
        }
    }

    /// The texts of a hypothesis compared for meaning: its title and its change, those it has.
    static func titleAndChange(_ h: Hypothesis) -> [String] {
        [h.title, h.statement?.change].compactMap { $0 }
    }

    /// Whether a text holds a letter or a digit: one with none (no title and no change, or only emoji,
    /// punctuation or invisible characters) states no idea to compare, and two of them read as one text
    /// to the model (review53c #6: two hypotheses without title or statement were "the same change", cosine 1.00).
    static func saysSomething(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// Words of denial, left out of the shared terms a message lists.
    static let denials: Set<String> = ["no", "not", "never", "without", "none", "nothing", "nor", "neither", "dont", "don't", "don’t"]

    /// Whether a listed term ("no", "no/never") is only denials. Asked of every term of every pair judged (millions on a
    /// large playbook): a term that does not start as a denial does (n, w, d) is passed over without a copy.
    static func isDenial(_ term: String) -> Bool {
        guard let first = term.utf8.first, term.utf8.count <= 32 else { return false }
        switch first | 0x20 {
        case UInt8(ascii: "n"), UInt8(ascii: "w"), UInt8(ascii: "d"): break
        default: return false
        }
        return term.split(separator: "/").allSatisfy { denials.contains($0.lowercased()) }
    }

    /// The shared terms a finding lists, heaviest first, as the texts write them: not a digit both write bare ("1" of
    /// `alert(1)`), which says nothing of what two texts share, where "7" of "7pm" does (review 2026-12-05); it still
    /// counts in the score. Read as spelled: the corpus shows a number as some text first wrote it ("one").
    static func listedTerms(_ corpus: Corpus, _ a: Int, _ b: Int, in first: TermReader.WrittenTerms, and second: TermReader.WrittenTerms,
                            limit: Int = 6) -> [String] {
        let spelled = ThreadReader.current.spelled(corpus.matchedTerms(a, b, limit: limit + 4), in: first, and: second)
        return Array(spelled.lazy.filter { term in
            // A denial both texts make ("no/never") says nothing of what they are about (review: "shared terms: no/never,
            // purchases/checkout" for a stored card against a coupon left unapplied).
            if isDenial(term) { return false }
            guard term.utf8.count == 1, let digit = term.utf8.first, digit >= 0x30, digit <= 0x39 else { return true }
            return !(first.writesOnlyBare(digit) && second.writesOnlyBare(digit))
        }.prefix(limit))
    }

    /// Whether a hypothesis or experiment still holds a `<…>` placeholder (as `playbook new` writes
    /// it, and lint reports it) in a field it is compared on: its idea is not written yet, and every
    /// stub's placeholder text reads like every other's (2,000 scaffolded hypotheses were 2 million
    /// duplicate pairs, 4 million findings). Hypotheses: title, change, audience, outcome, rationale,
    /// metric; experiments: title, primary metric, surface, segment, regions, platforms.
    static func isUnwritten(_ entity: Entity) -> Bool {
        switch entity {
        case .hypothesis(let h):
            let s = h.statement
            return Placeholder.anyUnfilled(h.title, s?.change, s?.audience, s?.outcome, s?.rationale, h.metric?.value)
        case .experiment(let e):
            return Placeholder.anyUnfilled(e.title, e.metrics?.primary?.value, e.surface?.value, e.audience?.segment)
                || (e.audience?.regions ?? []).contains(where: Placeholder.isUnfilled)
                || (e.audience?.platforms ?? []).contains(where: Placeholder.isUnfilled)
        default:
            return false
        }
    }

    /// The vectors of the items' texts, and each audience's vector into its item; nil when encoding fails.
    static func encode(_ items: inout [Item], _ encoder: any SentenceEncoder) -> Vectors? {
        guard let read = encoded(texts: items.map(\.text), audiences: items.map(\.audience), english: items.map(\.readsAsEnglish), encoder)
        else { return nil }
        for index in items.indices { items[index].audienceVector = items[index].audience.flatMap { read.audiences[$0] } }
        return read.texts
    }

    /// The vectors of `texts` as one matrix (nil when they are not all one width), and of the
    /// distinct `audiences` by text; nil when encoding fails. Read as one matrix from the encoder:
    /// an array per vector, joined again, was a few hundredths of a second on a large playbook. The
    /// audiences' rows stay in that matrix, after the texts', each audience's vector a slice of it:
    /// copied out (and the matrix trimmed, which keeps its capacity), they held twice their 30 MB
    /// on 20,000 hypotheses.
    ///
    /// A text that does not read as English (`english` false) is not given to the model: its row is zeros, a
    /// cosine of 0 with every other, so it is compared by words alone (the model reads two unrelated Spanish
    /// changes as alike as English restatements); an audience (or rationale) that `TextLanguage` does not read
    /// as English has no vector, as one not written.
    static func encoded(texts: [String], audiences: [String?], english: [Bool]? = nil, _ encoder: any SentenceEncoder)
        -> (texts: Vectors?, audiences: [String: ArraySlice<Float>])? {
        let distinct = Array(Set(audiences.compactMap { $0 }.filter { !$0.isEmpty && TextLanguage.readsAsEnglish($0) })).sorted()
        let readText = english ?? [Bool](repeating: true, count: texts.count)
        let allRead = !readText.contains(false)
        let asked = (allRead ? texts : zip(texts, readText).filter(\.1).map(\.0)) + distinct
        let askedTexts = asked.count - distinct.count
        guard !asked.isEmpty else { return (nil, [:]) }
        let read: (matrix: [Float], width: Int)?
        do { read = try encoder.encodeMatrix(asked) } catch { return nil }
        guard let (matrix, width) = read, width > 0 else {
            // Not one width (or no width): row by row.
            guard let vectors = try? encoder.encode(asked), vectors.count == asked.count else { return nil }
            var rows = Array(vectors[..<askedTexts])
            if !allRead, let width = rows.first?.count {
                var next = 0
                rows = readText.map { isRead in
                    guard isRead else { return [Float](repeating: 0, count: width) }
                    defer { next += 1 }
                    return vectors[next]
                }
            }
            return (texts.isEmpty ? nil : Vectors(rows), Dictionary(uniqueKeysWithValues: zip(distinct, vectors[askedTexts...].map { $0[...] })))
        }
        guard matrix.count == asked.count * width else { return nil }
        var rows = matrix
        if !allRead {
            // The rows read, each in its text's place, the others zeros; then the audiences'.
            rows = [Float](repeating: 0, count: (texts.count + distinct.count) * width)
            var next = 0
            for (index, isRead) in readText.enumerated() where isRead {
                rows.replaceSubrange((index * width)..<((index + 1) * width), with: matrix[(next * width)..<((next + 1) * width)])
                next += 1
            }
            rows.replaceSubrange((texts.count * width)..., with: matrix[(askedTexts * width)...])
        }
        let audienceVectors = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { index, audience in
            (audience, rows[((texts.count + index) * width)..<((texts.count + index + 1) * width)])
        })
        return (texts.isEmpty ? nil : Vectors(matrix: rows, width: width, rows: texts.count), audienceVectors)
    }

    /// A value kept behind a reference.
    final class Boxed<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// A value handed from one thread to another (written before a signal, read after the wait).
    final class Held<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: consuming Value) { self.value = value }
    }

    /// The word corpus of a kind's texts and the pairs whose words reach the threshold.
    struct Words {
        var corpus: Corpus
        var matches: [Match]
    }

    /// `lexical`: no meaning will be compared. With related work capped, a pair that certainly differs
    /// in a field (`differsSurely`) is then looked for only from the related margin up: under it, it
    /// would be nothing (`judge`), and only a model's inherited differences read such pairs.
    static func words(_ items: [Item], options: OverlapOptions, catalog: MetricCatalog, lexical: Bool) -> Words {
        let corpus = Corpus(items.map(\.text)) { iterations, body in DispatchQueue.concurrentPerform(iterations: iterations, execute: body) }
        // Squads numbered (−1 for none): the search asks `allowed` of every pair whose words may reach the
        // threshold (7.6 million on spread-16000), and comparing two optional names was some 3% of the lint's CPU.
        var squadNumbers: [String: Int32] = [:]
        let squads: [Int32] = items.map { item in
            guard let squad = item.side.squad else { return -1 }
            if let number = squadNumbers[squad] { return number }
            squadNumbers[squad] = Int32(squadNumbers.count)
            return Int32(squadNumbers.count - 1)
        }
        let sameSquad = options.sameSquad
        let allowed: (Int, Int) -> Bool = { a, b in sameSquad || squads[a] < 0 || squads[a] != squads[b] }
        var bar: ((Int, Int) -> Double)?
        if lexical, options.relatedPerEntity != nil {
            let differs = differsSurely(items, catalog: catalog)
            let relatedBar = options.threshold + relatedMargin
            bar = { a, b in differs(a, b) ? relatedBar : 0 }
        }
        return Words(corpus: corpus, matches: lexicalMatches(corpus, threshold: options.threshold, allowed: allowed, bar: bar))
    }

    /// Whether two items (by place) certainly differ in a field `FieldComparison` names: their metrics
    /// (numbered through the catalog; `MetricCatalog.same` is nil exactly when the keys differ), or
    /// `certainlyApart`.
    static func differsSurely(_ items: [Item], catalog: MetricCatalog) -> @Sendable (Int, Int) -> Bool {
        let apart = ApartIndex(items)
        var metricNumbers: [String: Int] = [:]
        let metricOf = items.map { item in
            item.metric.map { id in
                let key = catalog.key(id)
                if let known = metricNumbers[key] { return known }
                metricNumbers[key] = metricNumbers.count
                return metricNumbers.count - 1
            } ?? -1
        }
        return { a, b in (metricOf[a] >= 0 && metricOf[b] >= 0 && metricOf[a] != metricOf[b]) || apart.apart(a, b) }
    }

    static func side(_ id: Located<String>, _ squad: Reference?, _ file: String) -> OverlapSide {
        OverlapSide(id: id.value, squad: squad?.value, file: file, mark: id.mark)
    }

    /// Candidate pairs of `items` and how alike their texts read, by words and (with vectors) by meaning.
    ///
    /// Laid out in 40 bytes (it was 80: optionals of a double or a pair of them, each with a byte of its own padded to 8):
    /// a lint holds one for every pair found by words (on spread-8000 with the model, some 70 MB at its peak: its largest block).
    struct Candidate {
        var words: Double
        private var meaningValue = 0.0
        /// The grey band's two figures: an alignment and its score, or the second view's cosine and its score.
        private var bandValue = 0.0, bandScore = 0.0
        private var rankValue: Int32 = 1
        /// Which of `meaning`, `aligned` and `agreed` are set.
        private var flags: UInt8 = 0
        private static let hasMeaning: UInt8 = 1, hasAligned: UInt8 = 2, hasAgreed: UInt8 = 4

        init(words: Double) { self.words = words }

        /// The cosine of the two texts' vectors.
        var meaning: Double? {
            get { flags & Self.hasMeaning != 0 ? meaningValue : nil }
            set {
                meaningValue = newValue ?? 0
                flags = newValue == nil ? flags & ~Self.hasMeaning : flags | Self.hasMeaning
            }
        }
        /// For a pair found by meaning: 1 when each is the other's closest text, 2 when second closest.
        var rank: Int {
            get { Int(rankValue) }
            set { rankValue = Int32(clamping: newValue) }
        }
        /// For a pair found by token alignment (`alignedRestatements`): its alignment, and the score it gets (the threshold).
        /// A pair is found by one view of the grey band at most: setting it clears `agreed`.
        var aligned: (alignment: Double, score: Double)? {
            get { flags & Self.hasAligned != 0 ? (bandValue, bandScore) : nil }
            set { setBand(newValue, Self.hasAligned) }
        }
        /// For a pair found by the second view (`agreedRestatements`): that view's cosine, and the score it gets (the threshold).
        /// Setting it clears `aligned`.
        var agreed: (view: Double, score: Double)? {
            get { flags & Self.hasAgreed != 0 ? (bandValue, bandScore) : nil }
            set { setBand(newValue, Self.hasAgreed) }
        }
        private mutating func setBand(_ value: (Double, Double)?, _ flag: UInt8) {
            if let value {
                (bandValue, bandScore) = value
                flags = (flags & ~(Self.hasAligned | Self.hasAgreed)) | flag
            } else if flags & flag != 0 {
                (bandValue, bandScore) = (0, 0)
                flags &= ~flag
            }
        }
        /// The cosine stretched by its rank (or the alignment's score), from the cosine on the grid
        /// (`DuplicateDetection.snapped`: snapped where it is computed, and again here for any set by hand).
        var meaningScore: Double {
            let stretch = DuplicateDetection.meaningStretch
            let stretched = meaning.map { 1 - (1 - DuplicateDetection.snapped($0)) * stretch[min(max(rank, 1), stretch.count) - 1] } ?? 0
            return max(stretched, aligned?.score ?? 0, agreed?.score ?? 0)
        }
        var score: Double { min(1, max(words, meaningScore)) }
        /// Whether the pair reads closer in meaning than in words, both on the grid: a copy's cosine of 1
        /// against its word score of 1 (or 1 less a rounding) is a tie, and so "alike in words", whatever
        /// the encoder's last bits (or the platform's logarithm in the word weights).
        var byMeaning: Bool { DuplicateDetection.snapped(meaningScore) > DuplicateDetection.snapped(words) }
    }

    /// `words`: `words(items, options:)` when already found. `aligner`: token alignment for the
    /// grey band under the neighbour rule's bars (`alignedRestatements`; hypotheses only). `rationales`:
    /// the encoder of the rationales the second view reads (`agreedRestatements`; hypotheses only).
    static func pairs(_ items: [Item], vectors: Vectors?, catalog: MetricCatalog, kindName: String, options: OverlapOptions,
                      words: Words? = nil, aligner: (any TokenAligner)? = nil, rationales: (any SentenceEncoder)? = nil) -> [Overlap] {
        let words = words ?? Self.words(items, options: options, catalog: catalog, lexical: vectors == nil)
        let corpus = words.corpus
        let squads = items.map(\.side.squad)
        let sameSquad = options.sameSquad
        // Keyed by first × count + second (first < second).
        let n = items.count
        var candidates = PairTable(keys: words.matches.map { $0.first * n + $0.second },
                                   values: words.matches.map { Candidate(words: $0.score) })
        if let vectors {
            // By meaning, only where a duplicate can be: within one metric (or with no metric).
            // The matches `semanticMatches` gives that can count under the neighbour rule (each
            // item's closest `ranksByMeaning + 14`, as `nearestByMeaning` lists them, and near ties),
            // in its order, found without comparing every pair in full.
            let keys = items.map { $0.metric.map(catalog.key) }
            let matches = NearMeaning.matches(matrix: vectors.matrix, width: vectors.width, rows: vectors.count, keys: keys, squads: squads,
                                              sameSquad: sameSquad, threshold: cosineNeeded(options.threshold),
                                              listed: ranksByMeaning + 14)
            // The items are read in place: taken from the array each call copied an item (a retain
            // of each of its fields), a tenth of this comparison's time on a large playbook.
            let apart = ApartIndex(items)
            let texts = items.map(\.text)
            // Each text as a number (worked out once: the rules below each compare texts for each pair).
            let textNumbers = numbered(texts)
            let (nearest, aligned, agreed) = items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let inPlace = buffer
                let compatible: (Int, Int) -> Bool = { i, j in
                    !apart.apart(i, j)
                        && sameIdeaPossible(inPlace[i], inPlace[j], words: { corpus.score(i, j) }, wording: { corpus.wording(i, j) },
                                            meaning: vectors.dot(i, j, near: FieldComparison.nearlySameMeaning), catalog: catalog)
                }
                // A weak match counts with audiences that read alike, or standing clear of both sides' other possible restatements.
                let backed = sideBySide(matches.count) { index -> Bool in
                    let (i, j, pairCosine) = matches[index]
                    return pairCosine >= weakMeaning || audiencesReadAlike(inPlace[i], inPlace[j])
                }
                let unbacked = matches.indices.filter { !backed[$0] }
                let outcomes = numbered(items.map { $0.outcome ?? "" })
                let clear = standClear(unbacked.map { matches[$0] }, neighbours: RivalClasses(keys: keys, apart: apart), texts: textNumbers,
                                       vectors: vectors, outcomes: outcomes, compatible: compatible)
                var kept = backed
                for (index, isClear) in zip(unbacked, clear) { kept[index] = isClear }
                let semantic = matches.indices.compactMap { kept[$0] ? matches[$0] : nil }
                let nearest = nearestByMeaning(semantic, texts: texts, numbers: textNumbers, keep: ranksByMeaning, compatible: compatible,
                                               readsAtMost: { vectors.dot($0, $1, near: $2) <= $2 },
                                               outcomes: outcomes)
                // Chosen at the default threshold: a stricter one (asking for closer texts) leaves the grey band out,
                // which would otherwise widen with it (its top is the neighbour rule's lowest bar) and count near ties.
                let greyBand = options.threshold <= OverlapOptions.defaultThreshold && (aligner != nil || rationales != nil)
                // Under a lower threshold the band stays the default's (its top, and the matches that make a topic
                // dense, at the default's bar): the neighbour rule's lower bar let more texts of a topic in, which shut
                // the band, and a restatement found at the default was lost at 0.15 (review: a lower threshold must
                // find all that the default finds).
                let bandTop = cosineNeeded(max(options.threshold, OverlapOptions.defaultThreshold))
                let bandMatches = options.threshold < OverlapOptions.defaultThreshold ? matches.filter { $0.2 >= bandTop } : matches
                let open = greyBand ? openToGreyBand(matches: bandMatches, count: n, text: textNumbers, compatible: compatible) : []
                let neighbours = MetricNeighbours(keys)
                let allowed: (Int, Int) -> Bool = { sameSquad || squads[$0] == nil || squads[$0] != squads[$1] }
                let aligned = (greyBand ? aligner : nil).map { aligner in
                    alignedRestatements(matches: bandMatches, neighbours: neighbours, texts: texts, numbers: textNumbers,
                                        open: open, vectors: vectors,
                                        below: bandTop,
                                        allowed: allowed,
                                        audiences: { audienceCosine(inPlace[$0], inPlace[$1]) }, compatible: compatible, aligner: aligner)
                } ?? []
                let agreed = (greyBand ? rationales : nil).map { encoder in
                    agreedRestatements(neighbours: neighbours, text: textNumbers, vectors: vectors, open: open,
                                       below: max(bandTop, weakMeaning), allowed: allowed, compatible: compatible,
                                       rationales: { rationaleVectors(of: $0, items: inPlace, encoder) })
                } ?? []
                return (nearest, aligned, agreed)
            }
            // Sized once for the pairs to come (grown by doubling, a copy of every candidate at each step).
            let added = nearest.reduce(0) { $0 + (candidates.place(of: $1.first * n + $1.second) == nil ? 1 : 0) }
            candidates.reserveCapacity(candidates.count + added + aligned.count + agreed.count)
            for found in aligned where candidates[found.first * n + found.second].map({ $0.score < options.threshold }) ?? true {
                var candidate = Candidate(words: corpus.score(found.first, found.second))
                candidate.meaning = found.cosine
                candidate.aligned = (found.alignment, options.threshold)
                candidates[found.first * n + found.second] = candidate
            }
            // The word scores of the pairs found by meaning alone, and the cosines of those found by words
            // alone, worked out on both cores: one thread summed them at the end of a large playbook's
            // comparison, and there are more of them per text as a playbook grows.
            let wordScores: [Double?] = sideBySide(nearest.count) { index in
                let pair = nearest[index]
                return candidates[pair.first * n + pair.second] == nil ? corpus.score(pair.first, pair.second) : nil
            }
            for (index, neighbours) in nearest.enumerated() {
                let key = neighbours.first * n + neighbours.second
                if let place = candidates.place(of: key) {
                    candidates[place: place].meaning = neighbours.cosine
                    candidates[place: place].rank = neighbours.rank
                } else {
                    var candidate = Candidate(words: wordScores[index] ?? corpus.score(neighbours.first, neighbours.second))
                    candidate.meaning = neighbours.cosine
                    candidate.rank = neighbours.rank
                    candidates[key] = candidate
                }
            }
            // After the neighbour rule's pairs: a weak match it keeps (0.38–0.42) is its finding, not the second view's.
            for found in agreed where candidates[found.first * n + found.second].map({ $0.score < options.threshold }) ?? true {
                var candidate = Candidate(words: corpus.score(found.first, found.second))
                candidate.meaning = found.cosine
                candidate.agreed = (found.view, options.threshold)
                candidates[found.first * n + found.second] = candidate
            }
            // The pairs found by words alone, by place, in the order found: each text's pairs together
            // (`CandidateSearch` gives a text's matches one after another), so its row is fetched from
            // memory once for them; each cosine written at its place.
            var unscored: [Int] = []
            unscored.reserveCapacity(candidates.count)
            for place in 0..<candidates.count where candidates[place: place].meaning == nil { unscored.append(place) }
            let cosines = vectors.dots(unscored.map { candidates.keys[$0] }, count: n)
            for (place, cosine) in zip(unscored, cosines) { candidates[place: place].meaning = cosine }
        }
        // The pairs' fields compared, and then judged, on both cores (tens of thousands of pairs with the model).
        // The pairs reaching the threshold as places in `candidates`, not copies of key and candidate: with related
        // work capped, seven in ten of them are only counted (`relatedTotals`), and two lists of a copy each (64
        // bytes a pair, 3.4 million pairs on spread-16000) were some 380 MB of fresh memory faulted in.
        // (The lists of pairs sized at most once: grown by doubling, millions of pairs were copied again at each step.)
        var reaching: [Int32] = []
        reaching.reserveCapacity(candidates.count)
        for place in 0..<candidates.count where candidates[place: place].score >= options.threshold {
            reaching.append(Int32(truncatingIfNeeded: place))
        }
        // The pairs compared in full now, as places in `candidates` (not copies of key and candidate: 88 bytes a pair,
        // grown by doubling, were the largest block of a lint of spread-8000 with the model, some 70 MB at its peak).
        var compared: [Int32] = []
        // With related work capped, each pair is first asked only whether a field differs (`certainlyApart`,
        // then the comparison stopping at its first difference): one that differs is related work (when
        // it scores the related margin above the threshold, as `judge` finds) and is compared in full and
        // judged only when it is among either side's closest related entities. Those that differ in
        // nothing (duplicates, unless a look-alike's difference is inherited), and with a model every
        // pair of two texts that restate one text (`inheritedDifferences` reads those: a look-alike `a` of
        // `y` where `x` restates both), are compared in full now. (Every pair between two restating items
        // was: 170,000 on spread-8000's 6,400 hypotheses, of which some 13,000 are kept.)
        var onlyRelated: [(key: Int, score: Double)] = []
        // Of each pair of `compared`, whether no field told it apart already (then compared in full
        // from that: `FieldComparison(alike:)`); empty when not asked.
        var knownAlike: [Bool] = []
        if options.relatedPerEntity != nil {
            let surely = differsSurely(items, catalog: catalog)
            let list = reaching
            let (keys, values) = (candidates.keys, candidates.values)
            let differs: [Bool] = items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let inPlace = buffer
                return sideBySide(list.count) { index -> Bool in
                    let place = Int(list[index])
                    let (key, candidate) = (keys[place], values[place])
                    let (a, b) = (key / n, key % n)
                    return surely(a, b)
                        || !FieldComparison(inPlace[a], inPlace[b], words: candidate.words, meaning: candidate.meaning, catalog: catalog,
                                            wording: corpus.wording(a, b), untilDifferent: true).differences.isEmpty
                }
            }
            // Each item's restatements (the pairs no field tells apart), sorted, in one flat list:
            // `restating[starts[i]..<starts[i + 1]]` for the item `i` (a dictionary of lists was a hash
            // and a copy of a list, a retain shared by both cores, for each side of each pair asked).
            var starts = [Int](repeating: 0, count: n + 1)
            for (index, place) in list.enumerated() where !differs[index] {
                starts[keys[Int(place)] / n + 1] += 1
                starts[keys[Int(place)] % n + 1] += 1
            }
            for item in 0..<n { starts[item + 1] += starts[item] }
            var restating = [Int](repeating: 0, count: starts[n])
            var filled = starts
            for (index, place) in list.enumerated() where !differs[index] {
                let (a, b) = (keys[Int(place)] / n, keys[Int(place)] % n)
                restating[filled[a]] = b
                filled[a] += 1
                restating[filled[b]] = a
                filled[b] += 1
            }
            for item in 0..<n where starts[item + 1] - starts[item] > 1 { restating[starts[item]..<starts[item + 1]].sort() }
            let restatingStarts = starts
            let sortedRestatements = restating
            // Whether some text restates both `a` and `b`.
            func restatedTogether(_ a: Int, _ b: Int) -> Bool {
                var (i, j) = (restatingStarts[a], restatingStarts[b])
                let (endA, endB) = (restatingStarts[a + 1], restatingStarts[b + 1])
                while i < endA, j < endB {
                    if sortedRestatements[i] == sortedRestatements[j] { return true }
                    if sortedRestatements[i] < sortedRestatements[j] { i += 1 } else { j += 1 }
                }
                return false
            }
            // Asked of each pair that differs (with a model), on both cores: one thread walked the
            // lists of a long text's many restatements for each of its pairs.
            let together: [Bool] = vectors == nil ? [] : sideBySide(list.count) { index in
                differs[index] && restatedTogether(keys[Int(list[index])] / n, keys[Int(list[index])] % n)
            }
            let relatedBar = options.threshold + relatedMargin
            let comparedNow = { (index: Int) in !differs[index] || (vectors != nil && together[index]) }
            let comparedCount = list.indices.reduce(0) { $0 + (comparedNow($1) ? 1 : 0) }
            compared.reserveCapacity(comparedCount)
            knownAlike.reserveCapacity(comparedCount)
            onlyRelated.reserveCapacity(list.count)  // and the compared pairs found to differ after them
            for (index, place) in list.enumerated() {
                if comparedNow(index) {
                    compared.append(place)
                    knownAlike.append(!differs[index])
                } else if values[Int(place)].score >= relatedBar {
                    onlyRelated.append((keys[Int(place)], values[Int(place)].score))
                }
            }
        } else {
            compared = reaching
        }
        _ = consume reaching
        // `list`: places in `candidates`.
        func compare(_ list: [Int32], alike: [Bool] = []) -> [(key: Int, fields: FieldComparison)] {
            let (keys, values) = (candidates.keys, candidates.values)
            return items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let inPlace = buffer
                return sideBySide(list.count) { index -> (key: Int, fields: FieldComparison) in
                    let (key, candidate) = (keys[Int(list[index])], values[Int(list[index])])
                    if index < alike.count, alike[index] {
                        return (key, FieldComparison(alike: inPlace[key / n], inPlace[key % n], catalog: catalog))
                    }
                    return (key, FieldComparison(inPlace[key / n], inPlace[key % n], words: candidate.words, meaning: candidate.meaning,
                                                 catalog: catalog, wording: corpus.wording(key / n, key % n)))
                }
            }
        }
        // Each judged item's text with its terms as written, read once over the cores for every pair naming it: read
        // by each thread's reader as pairs came, a text was read again on each thread, and again when its memo was full.
        var written = [TermReader.WrittenTerms?](repeating: nil, count: n)
        func judged(_ comparisons: [(key: Int, fields: FieldComparison)], inherited: [Int: FieldComparison]) -> [Overlap] {
            // The items not read yet, each once, in order of first naming.
            var unread: [Int] = []
            var queued = [Bool](repeating: false, count: n)
            func ask(_ item: Int) {
                guard written[item] == nil, !queued[item] else { return }
                queued[item] = true
                unread.append(item)
            }
            for (key, _) in comparisons {
                ask(key / n)
                ask(key % n)
            }
            let read = items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let inPlace = buffer
                return sideBySide(unread.count) { ThreadReader.current.writtenTerms(of: inPlace[unread[$0]].text) }
            }
            for (item, terms) in zip(unread, read) { written[item] = terms }
            let texts = written
            return compacted(items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let inPlace = buffer
                return sideBySide(comparisons.count) { index -> Overlap? in
                    let key = comparisons[index].key
                    let comparison = inherited[key] ?? comparisons[index].fields
                    let (a, b) = (key / n, key % n)
                    return candidates[key].flatMap { candidate in
                        judge(inPlace[a], inPlace[b], candidate, fields: comparison,
                              terms: { listedTerms(corpus, a, b, in: texts[a]!, and: texts[b]!) },
                              kindName: kindName, options: options)
                    }
                }
            })
        }
        let comparisons = compare(compared, alike: knownAlike)
        var fields = PairTable<FieldComparison>(minimumCapacity: comparisons.count)
        for (key, comparison) in comparisons { fields[key] = comparison }
        // Judged from the comparisons as they are (each pair once), those inherited in their stead: the
        // comparisons copied out of the dictionary again were a serial stretch growing with the pairs.
        let inherited = inheritedDifferences(fields, candidates: candidates, items: items, catalog: catalog,
                                             wording: { corpus.wording($0, $1) })
        let found: [Overlap]
        if let cap = options.relatedPerEntity {
            // Only the duplicates judged now: a pair that differs (in its own fields or inherited ones) is
            // related work when it scores the related margin above the threshold (as `judge` finds), and is
            // judged, from the fields already compared, only when among either side's closest related.
            let relatedBar = options.threshold + relatedMargin
            var duplicates: [(key: Int, fields: FieldComparison)] = []
            for (key, comparison) in comparisons {
                if (inherited[key] ?? comparison).differences.isEmpty {
                    duplicates.append((key, comparison))
                } else if let candidate = candidates[key], candidate.score >= relatedBar {
                    onlyRelated.append((key, candidate.score))
                }
            }
            found = closestRelated(judged(duplicates, inherited: inherited), onlyRelated: onlyRelated, cap: cap, items: items, reviewed: options.reviewed) { keep in
                let known = keep.compactMap { pair in fields[pair.key].map { (key: pair.key, fields: $0) } }
                let unknown = keep.compactMap { pair in fields[pair.key] == nil ? candidates.place(of: pair.key).map { Int32(truncatingIfNeeded: $0) } : nil }
                return judged(known + compare(unknown), inherited: inherited)
            }
        } else {
            found = judged(comparisons, inherited: inherited)
        }
        // The pairs' comparisons (a growing number of them, each with its lists) freed on another core:
        // on this thread it was a stretch of the comparison's end with nothing else to do.
        Parting.release(consume fields)
        Parting.release(consume comparisons)
        return found
    }
}
