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

    /// One hypothesis or experiment as compared. Its fields live in one object, copied on write:
    /// an item is copied wherever a closure takes it from an array, and such a copy was a retain
    /// of every field (an experiment has dozens), a tenth of a large playbook's lint; now it is one.
    struct Item {
        private final class Fields: @unchecked Sendable {
            // Written only while the item holding them is their only owner (see `unique`).
            var side: OverlapSide
            var text: String
            // Constants, so that a comparison reads them in place: a variable of a class passed to a
            // function is copied first (a retain of each of its sets and dictionaries, for every pair).
            let direction: ChangeDirection
            let facets: Facets
            var metric: String?
            /// Boxed: an experiment is a large value, and an optional one held in place took its
            /// full size in every hypothesis's fields too (20 MB on 20,000 hypotheses).
            private let boxedExperiment: Boxed<Experiment>?
            var experiment: Experiment? { boxedExperiment?.value }
            var audience: String?
            var audienceVector: ArraySlice<Float>?
            var channelInTitleAndChange: Bool
            /// The statement's outcome as `outcomeKey` reads it (hypotheses only): `siblingCosine`.
            let outcome: String?
            /// The statement's rationale (hypotheses only): the second view (`agreedRestatements`).
            let rationale: String?
            /// Whether it is an experiment, and the experiment's surface and audience, kept apart so
            /// that `certainlyApart` reads them without copying the experiment (a retain of each of
            /// its dozens of fields).
            let isExperiment: Bool
            let surface: String?
            let experimentAudience: Audience?
            /// The hypothesis an experiment tests (its `hypothesis` id), read once.
            let testedHypothesis: String?

            init(side: OverlapSide, text: String, direction: ChangeDirection, facets: Facets, metric: String?,
                 experiment: Experiment?, audience: String?, audienceVector: ArraySlice<Float>?, channelInTitleAndChange: Bool,
                 outcome: String?, rationale: String?) {
                self.side = side
                self.text = text
                self.direction = direction
                self.facets = facets
                self.metric = metric
                boxedExperiment = experiment.map(Boxed.init)
                self.audience = audience
                self.audienceVector = audienceVector
                self.channelInTitleAndChange = channelInTitleAndChange
                self.outcome = outcome
                self.rationale = rationale
                isExperiment = experiment != nil
                surface = experiment?.surface?.value
                experimentAudience = experiment?.audience
                testedHypothesis = experiment?.hypothesis?.value
            }

            func copy() -> Fields {
                Fields(side: side, text: text, direction: direction, facets: facets, metric: metric, experiment: experiment,
                       audience: audience, audienceVector: audienceVector, channelInTitleAndChange: channelInTitleAndChange, outcome: outcome,
                       rationale: rationale)
            }
        }

        private var fields: Fields

        init(side: OverlapSide, text: String, direction: ChangeDirection, facets: Facets, metric: String? = nil,
             experiment: Experiment? = nil, audience: String? = nil, audienceVector: ArraySlice<Float>? = nil,
             channelInTitleAndChange: Bool = false, outcome: String? = nil, rationale: String? = nil) {
            fields = Fields(side: side, text: text, direction: direction, facets: facets, metric: metric,
                            experiment: experiment, audience: audience, audienceVector: audienceVector,
                            channelInTitleAndChange: channelInTitleAndChange, outcome: outcome, rationale: rationale)
        }

        /// The fields, copied first when another item shares them.
        private mutating func unique() -> Fields {
            if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
            return fields
        }

        var side: OverlapSide { get { fields.side } set { unique().side = newValue } }
        // Read in place (`_read`): a getter copied the value out, a retain of each of its parts, for every pair compared.
        var text: String { _read { yield fields.text } set { unique().text = newValue } }
        var direction: ChangeDirection { _read { yield fields.direction } }
        var facets: Facets { _read { yield fields.facets } }
        var metric: String? { get { fields.metric } set { unique().metric = newValue } }
        var experiment: Experiment? { fields.experiment }
        /// Whether it is an experiment, and its surface and audience (nil for a hypothesis), read
        /// without copying the experiment.
        var isExperiment: Bool { fields.isExperiment }
        var experimentSurface: String? { fields.surface }
        var experimentAudience: Audience? { _read { yield fields.experimentAudience } }
        /// The hypothesis an experiment tests (nil for a hypothesis, or an experiment naming none).
        var testedHypothesis: String? { fields.testedHypothesis }
        /// The audience's text and vector, with a sentence encoder (hypotheses only).
        var audience: String? { get { fields.audience } set { unique().audience = newValue } }
        /// A row of the matrix the texts' vectors were read in (a slice sharing it, not a copy).
        var audienceVector: ArraySlice<Float>? { _read { yield fields.audienceVector } set { unique().audienceVector = newValue } }
        /// Whether the title and the change both name a channel (email, push …): a look-alike that
        /// moves an idea to a channel says so in both (hypotheses only).
        var channelInTitleAndChange: Bool {
            get { fields.channelInTitleAndChange } set { unique().channelInTitleAndChange = newValue }
        }
        /// The statement's outcome as `outcomeKey` reads it (hypotheses only).
        var outcome: String? { fields.outcome }
        /// The statement's rationale (hypotheses only).
        var rationale: String? { fields.rationale }
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
                let (texts, audiences) = encoder == nil ? ([], []) : (items.map(\.text), items.map(\.audience))
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
                if let encoder, let read = encoded(texts: texts, audiences: audiences, encoder) {
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
            let text = [h.title, s?.change].compactMap { $0 }.joined(separator: ". ")
            guard saysSomething(text) else { return nil }
            // Title and change stemmed apart (as the joined text would be), so that a denial in the
            // title does not reach into the change.
            let sentences = [h.title, s?.change].compactMap { $0 }.map { reader.stems($0) }
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
            return (true, Item(side: side(h.id, h.squad, sourced.file), text: text, direction: ChangeDirection(sentences: sentences).readingNumbers(in: [h.title, s?.change].compactMap { $0 }),
                               facets: facets, metric: h.metric?.value, audience: s?.audience, channelInTitleAndChange: channel,
                               outcome: s?.outcome.flatMap { outcomeKey($0, reader: reader) }, rationale: s?.rationale))
        case .experiment(let e):
            let text = e.title ?? ""
            guard saysSomething(text) else { return nil }
            let stems = reader.stems(text)
            return (false, Item(side: side(e.id, e.squad, sourced.file), text: text, direction: ChangeDirection(stems: stems).readingNumbers(in: [text]),
                                facets: Facets(stems: stems, facets: [.platform, .region]),
                                metric: e.metrics?.primary?.value, experiment: e))
        default:
            return nil
        }
    }

    /// Whether a text holds a letter or a digit: one with none (no title and no change, or only emoji,
    /// punctuation or invisible characters) states no idea to compare, and two of them read as one text
    /// to the model (review53c #6: two hypotheses without title or statement were "the same change", cosine 1.00).
    static func saysSomething(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// Whether a hypothesis or experiment still holds a `<…>` placeholder (as `playbook new` writes
    /// it, and lint reports it) in a field it is compared on: its idea is not written yet, and every
    /// stub's placeholder text reads like every other's (2,000 scaffolded hypotheses were 2 million
    /// duplicate pairs, 4 million findings). Hypotheses: title, change, audience, outcome, rationale,
    /// metric; experiments: title, primary metric, surface, segment, regions.
    static func isUnwritten(_ entity: Entity) -> Bool {
        switch entity {
        case .hypothesis(let h):
            let s = h.statement
            return Placeholder.anyUnfilled(h.title, s?.change, s?.audience, s?.outcome, s?.rationale, h.metric?.value)
        case .experiment(let e):
            return Placeholder.anyUnfilled(e.title, e.metrics?.primary?.value, e.surface?.value, e.audience?.segment)
                || (e.audience?.regions ?? []).contains(where: Placeholder.isUnfilled)
        default:
            return false
        }
    }

    /// The vectors of the items' texts, and each audience's vector into its item; nil when encoding fails.
    static func encode(_ items: inout [Item], _ encoder: any SentenceEncoder) -> Vectors? {
        guard let read = encoded(texts: items.map(\.text), audiences: items.map(\.audience), encoder) else { return nil }
        for index in items.indices { items[index].audienceVector = items[index].audience.flatMap { read.audiences[$0] } }
        return read.texts
    }

    /// The vectors of `texts` as one matrix (nil when they are not all one width), and of the
    /// distinct `audiences` by text; nil when encoding fails. Read as one matrix from the encoder:
    /// an array per vector, joined again, was a few hundredths of a second on a large playbook. The
    /// audiences' rows stay in that matrix, after the texts', each audience's vector a slice of it:
    /// copied out (and the matrix trimmed, which keeps its capacity), they held twice their 30 MB
    /// on 20,000 hypotheses.
    static func encoded(texts: [String], audiences: [String?], _ encoder: any SentenceEncoder) -> (texts: Vectors?, audiences: [String: ArraySlice<Float>])? {
        let distinct = Array(Set(audiences.compactMap { $0 }.filter { !$0.isEmpty })).sorted()
        let all = texts + distinct
        let read: (matrix: [Float], width: Int)?
        do { read = try encoder.encodeMatrix(all) } catch { return nil }
        guard let (rows, width) = read, width > 0 else {
            // Not one width (or no width): row by row.
            guard let vectors = try? encoder.encode(all), vectors.count == all.count else { return nil }
            return (Vectors(Array(vectors[..<texts.count])),
                    Dictionary(uniqueKeysWithValues: zip(distinct, vectors[texts.count...].map { $0[...] })))
        }
        guard rows.count == all.count * width else { return nil }
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
    struct Candidate {
        var words: Double
        /// The cosine of the two texts' vectors.
        var meaning: Double?
        /// For a pair found by meaning: 1 when each is the other's closest text, 2 when second closest.
        var rank = 1
        /// For a pair found by token alignment (`alignedRestatements`): its alignment, and the score it gets (the threshold).
        var aligned: (alignment: Double, score: Double)?
        /// For a pair found by the second view (`agreedRestatements`): that view's cosine, and the score it gets (the threshold).
        var agreed: (view: Double, score: Double)?
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
                let open = greyBand ? openToGreyBand(matches: matches, count: n, text: textNumbers, compatible: compatible) : []
                let neighbours = MetricNeighbours(keys)
                let allowed: (Int, Int) -> Bool = { sameSquad || squads[$0] == nil || squads[$0] != squads[$1] }
                let aligned = (greyBand ? aligner : nil).map { aligner in
                    alignedRestatements(matches: matches, neighbours: neighbours, texts: texts, numbers: textNumbers,
                                        open: open, vectors: vectors,
                                        below: cosineNeeded(options.threshold),
                                        allowed: allowed,
                                        audiences: { audienceCosine(inPlace[$0], inPlace[$1]) }, compatible: compatible, aligner: aligner)
                } ?? []
                let agreed = (greyBand ? rationales : nil).map { encoder in
                    agreedRestatements(neighbours: neighbours, text: textNumbers, vectors: vectors, open: open,
                                       below: max(cosineNeeded(options.threshold), weakMeaning), allowed: allowed, compatible: compatible,
                                       rationales: { rationaleVectors(of: $0, items: inPlace, encoder) })
                } ?? []
                return (nearest, aligned, agreed)
            }
            for found in aligned where (candidates[found.first * n + found.second]?.score ?? 0) < options.threshold {
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
            for found in agreed where (candidates[found.first * n + found.second]?.score ?? 0) < options.threshold {
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
        var compared: [(key: Int, value: Candidate)] = []
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
            onlyRelated.reserveCapacity(list.count)
            for (index, place) in list.enumerated() {
                let (key, candidate) = (keys[Int(place)], values[Int(place)])
                if !differs[index] || (vectors != nil && together[index]) {
                    compared.append((key, candidate))
                    knownAlike.append(!differs[index])
                } else if candidate.score >= relatedBar {
                    onlyRelated.append((key, candidate.score))
                }
            }
        } else {
            compared.reserveCapacity(reaching.count)
            for place in reaching { compared.append((candidates.keys[Int(place)], candidates[place: Int(place)])) }
        }
        _ = consume reaching
        func compare(_ list: [(key: Int, value: Candidate)], alike: [Bool] = []) -> [(key: Int, fields: FieldComparison)] {
            items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let inPlace = buffer
                return sideBySide(list.count) { index -> (key: Int, fields: FieldComparison) in
                    let (key, candidate) = list[index]
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
                              terms: { ThreadReader.current.spelled(corpus.matchedTerms(a, b), in: texts[a]!, and: texts[b]!) },
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
                let unknown = keep.compactMap { pair in fields[pair.key] == nil ? candidates[pair.key].map { (key: pair.key, value: $0) } : nil }
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

    /// `found` with its related pairs cut to those among either side's `cap` closest related entities
    /// (by score, then the other's id), counting `onlyRelated` (pairs known to be related, not yet
    /// compared: `judging` compares and judges those kept); each kept related pair says its place
    /// among each side's related entities and how many each has.
    /// Every related pair counts in `relatedTotals` (the "related to N more" of an entity's last note), so each
    /// must be found and scored: no per-entity early stop of the word search is exact while that number is
    /// printed (spread-16000: 2.58 million related pairs counted, 61,600 noted; the numbers printed sum to 5.08 million).
    /// (`found` is taken, not copied: its overlaps are moved into the list returned; a copy of each was a
    /// retain of each of its fields, and a release when `found` was freed.)
    static func closestRelated(_ found: consuming [Overlap], onlyRelated: [(key: Int, score: Double)], cap: Int, items: [Item],
                               reviewed: Acknowledgements = Acknowledgements([]), judging: ([(key: Int, score: Double)]) -> [Overlap]) -> [Overlap] {
        var found = found
        let n = items.count
        // The items' ids read once (read through `items`, each was a copy of its side, a retain of its strings).
        let ids = items.map(\.side.id)
        let place = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        var duplicates: [Overlap] = []
        // Every related pair as (score, first, second, index into `found` or −1 − index into `onlyRelated`).
        var related: [(score: Double, a: Int, b: Int, source: Int)] = []
        // Sized once: grown by doubling, the list (millions of pairs on a large playbook) was copied again at each step.
        related.reserveCapacity(found.count + onlyRelated.count)
        // A pair a council has reviewed ranks after every unreviewed one (scores are in 0–1).
        // (Looked up only where either side's approvals name another: most pairs have none.)
        let approving = reviewed.isEmpty ? [] : items.map { reviewed.names($0.side.id) }
        let below = { (a: Int, b: Int) in
            approving.isEmpty || !(approving[a] || approving[b]) || reviewed.reviewer(ids[a], ids[b]) == nil ? 0.0 : 2
        }
        for index in found.indices {
            if found[index].kind != .related { duplicates.append(take(&found, index, vacated: vacated)); continue }
            guard let a = place[found[index].sides[0].id], let b = place[found[index].sides[1].id] else { continue }
            related.append((found[index].score - below(a, b), a, b, index))
        }
        for (index, pair) in onlyRelated.enumerated() { related.append((pair.score - below(pair.key / n, pair.key % n), pair.key / n, pair.key % n, -1 - index)) }
        guard cap > 0 else { return duplicates }
        // Each entity's related pairs (flat: `lists[starts[e]..<starts[e + 1]]`), its closest `cap` of
        // them by score, then by the other's id, and each pair's place among each side's closest.
        var totals = [Int](repeating: 0, count: n)
        for pair in related {
            totals[pair.a] += 1
            totals[pair.b] += 1
        }
        var starts = [Int](repeating: 0, count: n + 1)
        for entity in 0..<n { starts[entity + 1] = starts[entity] + totals[entity] }
        var filled = starts
        var lists = [Int](repeating: 0, count: starts[n])
        for (index, pair) in related.enumerated() {
            lists[filled[pair.a]] = index
            filled[pair.a] += 1
            lists[filled[pair.b]] = index
            filled[pair.b] += 1
        }
        // Each item's place among the ids sorted (ties are broken by the other's id).
        var idOrder = [Int](repeating: 0, count: n)
        for (position, item) in items.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { idOrder[item] = position }
        var ranksA = [Int](repeating: cap + 1, count: related.count)
        var ranksB = ranksA
        // Each entity's closest (indices into `related`, closest first), on both cores: one thread walked
        // every entity's list (each pair twice, its score and the other's id fetched from afar), a stretch
        // growing with the related pairs at the end of the comparison.
        let (pairs, entityLists, entityStarts, order) = (related, lists, starts, idOrder)
        let closest: [[Int]] = sideBySide(n) { entity in
            guard entityStarts[entity + 1] > entityStarts[entity] else { return [] }
            var best: [(score: Double, order: Int, index: Int)] = []
            best.reserveCapacity(cap + 1)
            for index in entityLists[entityStarts[entity]..<entityStarts[entity + 1]] {
                let pair = pairs[index]
                let entry = (score: pair.score, order: order[pair.a == entity ? pair.b : pair.a], index: index)
                if best.count == cap, let last = best.last, !(entry.score > last.score || (entry.score == last.score && entry.order < last.order)) {
                    continue
                }
                var at = best.count
                while at > 0, entry.score > best[at - 1].score || (entry.score == best[at - 1].score && entry.order < best[at - 1].order) { at -= 1 }
                best.insert(entry, at: at)
                if best.count > cap { best.removeLast() }
            }
            return best.map(\.index)
        }
        for (entity, indices) in closest.enumerated() {
            for (offset, index) in indices.enumerated() {
                if related[index].a == entity { ranksA[index] = offset + 1 } else { ranksB[index] = offset + 1 }
            }
        }
        var kept = consume duplicates
        var toJudge: [(key: Int, score: Double)] = []
        var placesToJudge: [Int] = []
        func marked(_ overlap: consuming Overlap, _ index: Int) -> Overlap {
            var overlap = overlap
            let pair = related[index]
            let ranks = (ranksA[index], ranksB[index])
            // `sides` are ordered by id; the pair's first item may be the second side.
            let firstIsA = overlap.sides[0].id == ids[pair.a]
            overlap.relatedRanks = firstIsA ? [ranks.0, ranks.1] : [ranks.1, ranks.0]
            overlap.relatedTotals = firstIsA ? [totals[pair.a], totals[pair.b]] : [totals[pair.b], totals[pair.a]]
            return overlap
        }
        // The pairs among either side's closest, in order (a rank not given is cap + 1).
        for index in related.indices where ranksA[index] <= cap || ranksB[index] <= cap {
            let source = related[index].source
            if source >= 0 { kept.append(marked(take(&found, source, vacated: vacated), index)) } else {
                toJudge.append(onlyRelated[-1 - source])
                placesToJudge.append(index)
            }
        }
        var judgedNow = judging(toJudge)
        var byKey: [Int: Int] = [:]
        for index in placesToJudge { byKey[related[index].a * n + related[index].b] = index }
        for k in judgedNow.indices {
            guard let a = place[judgedNow[k].sides[0].id], let b = place[judgedNow[k].sides[1].id],
                  let index = byKey[min(a, b) * n + max(a, b)] else { continue }
            kept.append(marked(take(&judgedNow, k, vacated: vacated), index))
        }
        return kept
    }

    /// The pairs whose words score at or above the threshold, searched in blocks over the cores.
    static func lexicalMatches(_ corpus: Corpus, threshold: Double, allowed: @escaping (Int, Int) -> Bool,
                               bar: ((Int, Int) -> Double)? = nil) -> [Match] {
        let search = CandidateSearch(corpus: corpus, threshold: threshold)
        let block = 512
        let blocks = (corpus.count + block - 1) / block
        var found = [[Match]](repeating: [], count: blocks)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let allowed = allowed
            nonisolated(unsafe) let bar = bar
            DispatchQueue.concurrentPerform(iterations: blocks) { index in
                let rows = (index * block)..<min(corpus.count, (index + 1) * block)
                var scored = 0
                output[index] = search.matches(rows: rows, allowed: allowed, bar: bar, scored: &scored)
            }
        }
        return flattened(found)
    }

    /// `lists` joined into one list, sized once: `Array(lists.joined())` grows it by doubling, and
    /// millions of pairs found in blocks were copied again at each step (each new buffer faulted in afresh).
    static func flattened<Element>(_ lists: [[Element]]) -> [Element] {
        var joined: [Element] = []
        joined.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists { joined.append(contentsOf: list) }
        return joined
    }

    /// Pairs of one metric (an item without a metric meets every other) whose vectors' cosine
    /// reaches the threshold.
    static func semanticMatches(_ items: [Item], _ vectors: [[Float]], catalog: MetricCatalog, threshold: Double,
                                allowed: @escaping (Int, Int) -> Bool) -> [(Int, Int, Double)] {
        let n = items.count
        guard let width = vectors.first?.count, width > 0, vectors.count == n, vectors.allSatisfy({ $0.count == width }) else { return [] }
        // One contiguous matrix, rows compared on every core: the inner loop is a plain dot product
        // the compiler vectorises (all pairs of one metric are compared, so this is the hot path).
        let matrix = vectors.flatMap { $0 }
        let keys: [String?] = items.map { $0.metric.map(catalog.key) }
        var rows = [[(Int, Int, Double)]](repeating: [], count: n)
        matrix.withUnsafeBufferPointer { m in
            rows.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let output = out
                nonisolated(unsafe) let m = m
                nonisolated(unsafe) let allowed = allowed
                DispatchQueue.concurrentPerform(iterations: n) { i in
                    guard let base = m.baseAddress else { return }
                    let a = base + i * width
                    var found: [(Int, Int, Double)] = []
                    for j in (i + 1)..<max(i + 1, n) {
                        // Within one metric; an item without a metric meets every other.
                        if let ki = keys[i], let kj = keys[j], ki != kj { continue }
                        guard allowed(i, j) else { continue }
                        let cosine = cosine(a, base + j * width, count: width)
                        if cosine >= threshold { found.append((i, j, cosine)) }
                    }
                    output[i] = found
                }
            }
        }
        return Array(rows.joined())
    }

    /// The dot product of two rows, in one running sum: the order of `Vectors.dot`, `dots` and
    /// `NearMeaning.rescored`, so that a pair's cosine is one value whichever way it was found (in
    /// four sums, a pair found by meaning and its copy's pair found by words differed in the last
    /// bits, and so on the grid when near a step's middle, and their ranks with them).
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum: Float = 0
        for index in 0..<count { sum += a[index] * b[index] }
        return sum
    }

    /// Two items that `FieldComparison` certainly tells apart, by fields it names as a difference
    /// whatever else the two share: a platform, region, surface or segment that `Facets` finds on
    /// both sides and that differs, or (experiments) surfaces neither of which nests the other, or
    /// audiences that cannot overlap. The neighbour rule asks whether two items could be one idea of
    /// about 100,000 pairs on a 16,000-file playbook, three in four of them apart this way: this
    /// answers those without comparing every field and scoring the words (through `ApartIndex`).
    /// (`CertainlyApartTests` checks, on the labelled pairs and on experiments, that it never says
    /// apart where `FieldComparison` finds no difference, and that `ApartIndex` agrees with it.)
    static func certainlyApart(_ a: Item, _ b: Item) -> Bool {
        if a.isExperiment, b.isExperiment {
            if let sa = a.experimentSurface, let sb = b.experimentSurface, !Surface.related(sa, sb) { return true }
            if !AudienceOverlap.possible(a.experimentAudience, b.experimentAudience) { return true }
        }
        return !Facets.differences(a.facets, b.facets).isEmpty
    }

    /// `certainlyApart` for items given by their place, with each item's facets read once into codes:
    /// the neighbour rule asks it of about 100,000 pairs, and comparing the facets' tables of strings
    /// each time was half of what it saves.
    struct ApartIndex: Sendable {
        /// Each item's facet values as (facet and dimension) << 32 | value, numbered across the items,
        /// sorted; the item `i` has `codes[starts[i]..<starts[i + 1]]`.
        private let codes: [UInt64]
        private let starts: [Int]
        /// Each experiment's surface and audience (nil for a hypothesis); `experiment[i]` is false for hypotheses.
        let experiment: [Bool]
        private let surfaces: [String?]
        private let audiences: [Audience?]
        /// The experiments' surfaces numbered (−1 for none) and whether each two of them are related
        /// (`Surface.related`), and their audiences folded to codes: the neighbour rule and the
        /// clear-margin rule ask `apart` of millions of pairs, and comparing the strings (each read a
        /// retain) was most of its time. Nil when there are too many distinct values to tabulate.
        let surfaceTable: (numbers: [Int32], related: [Bool], count: Int)?
        /// Past the table's 256 surfaces (a playbook of many surfaces), when each is written normalised:
        /// each experiment's surface numbered (−1 for none), and for each surface the numbers of those
        /// that are its `/`-prefixes (`prefixes[starts[s]..<starts[s + 1]]`): `Surface.related` of two
        /// surfaces is then their numbers equal or one among the other's prefixes, no string compared.
        private let surfaceAncestry: (numbers: [Int32], starts: [Int32], prefixes: [Int32])?
        let audienceCodes: [AudienceCode]?

        init(_ items: [Item]) {
            var slots: [String: UInt64] = [:]
            var values: [String: UInt64] = [:]
            var codes: [UInt64] = []
            var starts = [0]
            for item in items {
                var own: [UInt64] = []
                for (facet, dimensions) in item.facets.values {
                    for (dimension, named) in dimensions {
                        let slotName = facet.rawValue + "/" + dimension
                        let slot = slots[slotName] ?? UInt64(slots.count)
                        slots[slotName] = slot
                        for value in named.keys {
                            let code = values[value] ?? UInt64(values.count)
                            values[value] = code
                            own.append(slot << 32 | code)
                        }
                    }
                }
                codes += own.sorted()
                starts.append(codes.count)
            }
            self.codes = codes
            self.starts = starts
            experiment = items.map(\.isExperiment)
            surfaces = items.map(\.experimentSurface)
            audiences = items.map(\.experimentAudience)
            surfaceTable = Self.tabulated(surfaces)
            surfaceAncestry = surfaceTable == nil ? Self.ancestry(surfaces) : nil
            audienceCodes = AudienceCode.codes(audiences)
        }

        /// Each surface as the number of its first appearance among the distinct ones (−1 for none), nil as
        /// soon as a new surface is not `admitting(surface, surfaces numbered so far)`.
        private static func distinctSurfaces(_ surfaces: [String?], admitting: (String, Int) -> Bool)
            -> (distinct: [String], numberOf: [String: Int32], numbers: [Int32])? {
            var distinct: [String] = []
            var numberOf: [String: Int32] = [:]
            var numbers: [Int32] = []
            numbers.reserveCapacity(surfaces.count)
            for surface in surfaces {
                guard let surface else { numbers.append(-1); continue }
                if let known = numberOf[surface] { numbers.append(known); continue }
                guard admitting(surface, distinct.count) else { return nil }
                numberOf[surface] = Int32(distinct.count)
                numbers.append(Int32(distinct.count))
                distinct.append(surface)
            }
            return (distinct, numberOf, numbers)
        }

        /// The distinct surfaces numbered, each with the numbers of its `/`-prefixes among them (nil
        /// unless every surface is written normalised: `Surface.related` then compares their bytes).
        private static func ancestry(_ surfaces: [String?]) -> (numbers: [Int32], starts: [Int32], prefixes: [Int32])? {
            guard let (distinct, numberOf, numbers) = distinctSurfaces(surfaces, admitting: {
                Surface.isNormalised($0) && $1 < Int(Int32.max)
            }) else { return nil }
            var starts: [Int32] = [0]
            var prefixes: [Int32] = []
            for surface in distinct {
                let bytes = Array(surface.utf8)
                for (end, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
                    if let prefix = numberOf[String(decoding: bytes[..<end], as: UTF8.self)] { prefixes.append(prefix) }
                }
                starts.append(Int32(prefixes.count))
            }
            return (numbers, starts, prefixes)
        }

        /// Whether surface `a` is one of surface `b`'s `/`-prefixes (`surfaceAncestry`'s numbers).
        private static func isPrefix(_ a: Int32, of b: Int32, _ ancestry: (numbers: [Int32], starts: [Int32], prefixes: [Int32])) -> Bool {
            for k in Int(ancestry.starts[Int(b)])..<Int(ancestry.starts[Int(b) + 1]) where ancestry.prefixes[k] == a { return true }
            return false
        }

        /// The distinct surfaces numbered, and `Surface.related` of each two (nil beyond 256 of them).
        private static func tabulated(_ surfaces: [String?]) -> (numbers: [Int32], related: [Bool], count: Int)? {
            guard let (distinct, _, numbers) = distinctSurfaces(surfaces, admitting: { $1 < 256 }) else { return nil }
            let count = distinct.count
            var related = [Bool](repeating: false, count: count * count)
            for a in 0..<count { for b in 0..<count { related[a * count + b] = Surface.related(distinct[a], distinct[b]) } }
            return (numbers, related, count)
        }

        /// An audience as `AudienceKey` folds it, its values as bits: `AudienceKey.meets` (which is
        /// `AudienceOverlap.possible`) with integer operations.
        struct AudienceCode: Sendable {
            /// The lowercased segment's number, −1 for none.
            var segment: Int32 = -1
            /// The folded regions and platforms as bits of their numbers; nil for everyone.
            var regions: UInt64?
            var platforms: UInt64?

            func meets(_ other: AudienceCode) -> Bool {
                if segment >= 0, other.segment >= 0, segment != other.segment { return false }
                if let a = regions, let b = other.regions, a & b == 0 { return false }
                if let a = platforms, let b = other.platforms, a & b == 0 { return false }
                return true
            }

            /// The codes of `audiences` (nil: everyone), or nil when regions or platforms name more than 64 values.
            static func codes(_ audiences: [Audience?]) -> [AudienceCode]? {
                var segments: [String: Int32] = [:]
                var regionBits: [String: UInt64] = [:]
                var platformBits: [String: UInt64] = [:]
                func bits(_ values: Set<String>?, _ numbers: inout [String: UInt64]) -> UInt64?? {
                    guard let values else { return .some(nil) }
                    var mask: UInt64 = 0
                    for value in values {
                        if numbers[value] == nil {
                            guard numbers.count < 64 else { return nil }
                            numbers[value] = UInt64(1) << UInt64(numbers.count)
                        }
                        mask |= numbers[value] ?? 0
                    }
                    return .some(mask)
                }
                var codes: [AudienceCode] = []
                codes.reserveCapacity(audiences.count)
                for audience in audiences {
                    guard let audience else { codes.append(AudienceCode()); continue }
                    let key = AudienceKey(audience)
                    var code = AudienceCode()
                    if let segment = key.segment {
                        code.segment = segments[segment] ?? Int32(segments.count)
                        segments[segment] = code.segment
                    }
                    guard let regions = bits(key.regions, &regionBits), let platforms = bits(key.platforms, &platformBits) else { return nil }
                    code.regions = regions
                    code.platforms = platforms
                    codes.append(code)
                }
                return codes
            }
        }

        /// `certainlyApart(items[a], items[b])`.
        func apart(_ a: Int, _ b: Int) -> Bool {
            if experiment[a], experiment[b] {
                if let table = surfaceTable {
                    let (sa, sb) = (Int(table.numbers[a]), Int(table.numbers[b]))
                    if sa >= 0, sb >= 0, !table.related[sa * table.count + sb] { return true }
                } else if let ancestry = surfaceAncestry {
                    let (sa, sb) = (ancestry.numbers[a], ancestry.numbers[b])
                    if sa >= 0, sb >= 0, sa != sb, !Self.isPrefix(sa, of: sb, ancestry), !Self.isPrefix(sb, of: sa, ancestry) { return true }
                } else if let sa = surfaces[a], let sb = surfaces[b], !Surface.related(sa, sb) {
                    return true
                }
                if let codes = audienceCodes {
                    if !codes[a].meets(codes[b]) { return true }
                } else if !AudienceOverlap.possible(audiences[a], audiences[b]) {
                    return true
                }
            }
            return codes.withUnsafeBufferPointer { c in
                // `Facets.differences` is not empty when a facet's dimension named on both sides
                // shares no value: walk both sorted lists, a dimension at a time.
                var (i, j) = (starts[a], starts[b])
                let (endA, endB) = (starts[a + 1], starts[b + 1])
                while i < endA, j < endB {
                    let (slotA, slotB) = (c[i] >> 32, c[j] >> 32)
                    if slotA < slotB {
                        while i < endA, c[i] >> 32 == slotA { i += 1 }
                    } else if slotB < slotA {
                        while j < endB, c[j] >> 32 == slotB { j += 1 }
                    } else {
                        var shared = false
                        while i < endA, j < endB, c[i] >> 32 == slotA, c[j] >> 32 == slotA {
                            if c[i] == c[j] { shared = true; break }
                            if c[i] < c[j] { i += 1 } else { j += 1 }
                        }
                        if !shared { return true }
                        while i < endA, c[i] >> 32 == slotA { i += 1 }
                        while j < endB, c[j] >> 32 == slotA { j += 1 }
                    }
                }
                return false
            }
        }
    }

    /// The texts' vectors as one matrix, a row per text (nil when they are not all one width). The
    /// matrix may hold more rows after the texts' (the audiences' vectors, read with them: kept in
    /// place rather than copied out).
    struct Vectors: Sendable {
        let matrix: [Float]
        let width: Int
        /// The texts' rows: the first `count` of the matrix.
        let count: Int
        /// Each row's length, and how far a sum of `width` products in another order may be from
        /// `dot`'s, per unit of the two lengths (twice the bound on each sum's rounding, γ_width).
        private let lengths: [Double]
        private let rounding: Double

        init?(_ rows: [[Float]]) {
            guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }) else { return nil }
            self.init(matrix: rows.flatMap { $0 }, width: width)
        }

        /// The first `rows` rows (default: all) of `matrix`, rows of `width` floats (nil unless it holds
        /// at least one whole row, no part row and the rows asked for).
        init?(matrix: [Float], width: Int, rows: Int? = nil) {
            guard width > 0, !matrix.isEmpty, matrix.count % width == 0 else { return nil }
            let count = rows ?? matrix.count / width
            guard count > 0, count <= matrix.count / width else { return nil }
            self.matrix = matrix
            self.width = width
            self.count = count
            lengths = matrix.withUnsafeBufferPointer { m in
                (0..<count).map { row in
                    m[(row * width)..<((row + 1) * width)].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
                }
            }
            rounding = 2 * 2 * Double(width) * Double(Float.ulpOfOne)
        }

        /// `cosine(a, b)`, or a quick sum in any order when that lies further from `bound` than the
        /// two sums' rounding and the grid's half step: compared with `bound` (<, ≤, ≥, >) it gives what
        /// `cosine` would (the neighbour rule compares hundreds of thousands of pairs' cosines with a
        /// bar; `dot`'s one running sum is a chain of `width` dependent adds).
        func dot(_ a: Int, _ b: Int, near bound: Double) -> Double {
            let quick = quickDot(a, b)
            return abs(quick - bound) > margin(a, b) + DuplicateDetection.snapReach ? quick : cosine(a, b)
        }

        /// The cosine of rows `a` and `b`: `dot(a, b)` on the grid (`DuplicateDetection.cosine`), 1 for
        /// two copies of one vector.
        func cosine(_ a: Int, _ b: Int) -> Double {
            let product = dot(a, b)
            guard product > 0.99 else { return DuplicateDetection.cosine(product) }
            return matrix.withUnsafeBufferPointer { m in
                DuplicateDetection.cosine(product, m.baseAddress! + a * width, m.baseAddress! + b * width, count: width)
            }
        }

        /// `quickDot(a, b)` for each `b` of `others`, into `out` (as many).
        func quickDots(_ a: Int, _ others: UnsafeBufferPointer<Int32>, into out: UnsafeMutableBufferPointer<Float>) {
            matrix.withUnsafeBufferPointer { m in
                pb_dot_many_any_order(m.baseAddress! + a * width, m.baseAddress!, others.baseAddress!, others.count, width, out.baseAddress!)
            }
        }

        /// The quick sum of `dot(_:_:near:)`.
        func quickDot(_ a: Int, _ b: Int) -> Double {
            matrix.withUnsafeBufferPointer { m in
                Double(pb_dot_any_order(m.baseAddress! + a * width, m.baseAddress! + b * width, width))
            }
        }

        /// How far `quickDot(a, b)` may lie from `dot(a, b)`: each sum is within γ_width × Σ|products|
        /// ≤ γ_width × the lengths' product of the true one.
        func margin(_ a: Int, _ b: Int) -> Double {
            rounding * lengths[a] * lengths[b] + Double(Float.leastNormalMagnitude)
        }

        /// Whether `cosine(a, b) > bound`, given `quick`, the `quickDot(a, b)` (as `dot(_:_:near:)` decides).
        func above(_ a: Int, _ b: Int, _ bound: Double, quick: Double) -> Bool {
            abs(quick - bound) > margin(a, b) + DuplicateDetection.snapReach ? quick > bound : cosine(a, b) > bound
        }

        /// `cosine(key / count, key % count)` for each of `keys`, on every core. One pair's sum is a
        /// chain of `width` dependent adds (the word-found pairs' cosines, half a million on a
        /// 15,000-file playbook, were a tenth of its lint): here several pairs' chains run interleaved,
        /// each summed in `dot`'s order, so each is the same to the bit (`CappedRelatedTests`).
        func dots(_ keys: [Int], count n: Int) -> [Double] {
            let chunk = 2048
            let chunks = (keys.count + chunk - 1) / chunk
            var out = [Double](repeating: 0, count: keys.count)
            let width = width
            out.withUnsafeMutableBufferPointer { buffer in
                matrix.withUnsafeBufferPointer { m in
                    nonisolated(unsafe) let (output, m) = (buffer, m)
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let range = (c * chunk)..<min(keys.count, (c + 1) * chunk)
                        let first = range.map { Int32(truncatingIfNeeded: keys[$0] / n) }
                        let second = range.map { Int32(truncatingIfNeeded: keys[$0] % n) }
                        var products = [Float](repeating: 0, count: range.count)
                        guard let base = m.baseAddress else { return }
                        pb_dot_in_order_pairs(base, width, first, second, range.count, &products)
                        for k in 0..<range.count {
                            output[range.lowerBound + k] = DuplicateDetection.cosine(products[k], base + Int(first[k]) * width,
                                                                                     base + Int(second[k]) * width, count: width)
                        }
                    }
                }
            }
            return out
        }

        /// `DuplicateDetection.dot` of rows `a` and `b`, summed in the same order (to the bit).
        func dot(_ a: Int, _ b: Int) -> Float {
            matrix.withUnsafeBufferPointer { m in
                var sum: Float = 0
                for index in 0..<width { sum += m[a * width + index] * m[b * width + index] }
                return sum
            }
        }
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
        return sum
    }

    /// The same for two rows of matrices, summed in the same order (to the bit).
    static func dot(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var sum: Float = 0
                for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
                return sum
            }
        }
    }

    /// A duplicate, related work, or nothing, with a reason naming what matches and what differs.
    static func judge(_ a: Item, _ b: Item, _ candidate: Candidate, fields: FieldComparison, terms shared: () -> [String],
                      kindName: String, options: OverlapOptions) -> Overlap? {
        let (matches, differences) = (fields.matches, fields.differences)
        let score = candidate.score
        if !differences.isEmpty, score < options.threshold + relatedMargin { return nil }
        let terms = shared()
        // Written piece by piece into one string sized once (interpolated and joined, each piece was a
        // string of its own, for every pair judged), squads told apart without a set.
        var reason = ""
        reason.reserveCapacity(320)
        func list(_ words: some Sequence<String>) {
            for (offset, word) in words.enumerated() {
                if offset > 0 { reason += ", " }
                reason += word
            }
        }
        reason += kindName
        whose(a.side.squad, b.side.squad, into: &reason)
        reason += differences.isEmpty ? " make the same change (" : " make a similar change ("
        let tested = a.testedHypothesis.flatMap { $0 == b.testedHypothesis ? $0 : nil }
        if let tested {
            reason += "both test "
            reason += tested
            reason += ", "
        }
        if !candidate.byMeaning {
            reason += "alike in words"
        } else if let aligned = candidate.aligned {
            reason += "close in meaning token by token, alignment "
            reason += format(aligned.alignment)
            reason += ", cosine "
            reason += format(candidate.meaning ?? 0)
        } else if let agreed = candidate.agreed {
            reason += "close in meaning with their rationales, each the other's closest, cosine "
            reason += format(agreed.view)
            reason += ", statements alone "
            reason += format(candidate.meaning ?? 0)
        } else {
            reason += "close in meaning, cosine "
            reason += format(candidate.meaning ?? 0)
        }
        // The bar the score met, in figures a reader can check: the threshold, or for related work the threshold plus the margin.
        // A pair the grey band found (under the neighbour rule's bar: by token alignment, or with the rationales) has no score
        // of its own above the threshold: it is counted at the threshold, and says so (review52b #3: "alignment 0.32, cosine
        // 0.30, score 0.40 ≥ threshold 0.40" read as a measured 0.40, and the 0.40 moved with `--threshold`).
        let greyBand = (candidate.aligned != nil || candidate.agreed != nil) && candidate.byMeaning
            && (candidate.aligned?.score ?? candidate.agreed?.score ?? -1) >= score
        if greyBand, differences.isEmpty {
            reason += ", under the cosine bar, counted at the threshold "
            reason += format(options.threshold)
        } else if differences.isEmpty {
            reason += ", score "
            reason += format(score)
            reason += " ≥ threshold "
            reason += format(options.threshold)
        } else {
            reason += ", score "
            reason += format(score)
            reason += " ≥ "
            reason += format(options.threshold + relatedMargin)
            reason += " for related work"
        }
        reason += ")"
        if !differences.isEmpty {
            reason += " but differ in "
            list(differences.lazy.map(\.description))
        }
        reason += "; match: "
        list(matches)
        reason += "; shared terms: "
        if terms.isEmpty { reason += "none" } else { list(terms) }
        var overlap = Overlap(kind: differences.isEmpty ? .duplicate : .related, sides: [a.side, b.side], score: score, reason: reason, terms: terms)
        overlap.countedAtThreshold = greyBand && differences.isEmpty
        overlap.differsOnlyInWording = !differences.isEmpty && differences.allSatisfy(\.isWording)
        return overlap
    }

    /// Whose the two sides are, after their kind: " of squads A and B", " of the same squad", " of squad A and of no
    /// squad", " of no squad".
    static func whose(_ a: String?, _ b: String?, into reason: inout String) {
        switch (a, b) {
        case let (first?, second?) where first != second:
            reason += " of squads "
            reason += first
            reason += " and "
            reason += second
        case (_?, _?):
            reason += " of the same squad"
        case let (squad?, nil), let (nil, squad?):
            reason += " of squad "
            reason += squad
            reason += " and of no squad"
        case (nil, nil):
            reason += " of no squad"
        }
    }

    /// Two decimals: "0.73".
    static func format(_ score: Double) -> String {
        let hundredths = Int((min(1, max(0, score)) * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
