import XCTest
@testable import PlaybookOverlaps
import PlaybookModel
import PlaybookSimilarity
import PlaybookYAML

/// The int8 nearest-neighbour search must let the neighbour rule keep exactly the pairs, with the
/// same cosines and ranks, that it keeps from every pair compared in floating point
/// (`semanticMatches`), its texts (copies share one) and its compatibility checks as they are:
/// on dense topics (every vector shares a direction, so most cosines sit near the threshold),
/// with restatements, exact copies (ties), vectors not of unit length, several metrics, items
/// without a metric or squad, and with both kernels.
final class NearMeaningTests: XCTestCase {
    struct Lcg {
        var state: UInt64
        mutating func unit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Roughly normal, from the sum of uniforms.
        mutating func normal() -> Double { (0..<4).reduce(0) { sum, _ in sum + unit() } - 2 }
        mutating func next(_ bound: Int) -> Int { Int(unit() * Double(bound)) % bound }
    }

    struct Case {
        var vectors: [[Float]]
        var metrics: [String?]
        var squads: [String?]
        /// A copy of an earlier vector has its text.
        var texts: [String] = []
    }

    /// `count` vectors of `width` around a few topics; a fifth restate an earlier one, some copy it.
    func generated(_ count: Int, width: Int, seed: UInt64, metrics: [String?], unitLength: Bool = true) -> Case {
        var random = Lcg(state: seed)
        let common = (0..<width).map { _ in random.normal() }
        let topics = (0..<5).map { _ in (0..<width).map { _ in random.normal() } }
        var vectors: [[Float]] = []
        var tags: [String?] = []
        var squads: [String?] = []
        var texts: [String] = []
        for index in 0..<count {
            var v: [Double]
            texts.append("text \(index)")
            if index > 0, random.next(5) == 0 {
                let source = random.next(index)
                let original = vectors[source].map(Double.init)
                let copy = random.next(4) == 0
                v = copy ? original : original.map { $0 + 0.02 * random.normal() }
                if copy { texts[index] = texts[source] }
            } else {
                let topic = topics[random.next(topics.count)]
                v = (0..<width).map { k in 0.9 * common[k] + 0.6 * topic[k] + random.normal() }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let length = unitLength ? 1 : 0.5 + random.unit()
            vectors.append(v.map { Float($0 / norm * length) })
            tags.append(metrics[random.next(metrics.count)])
            squads.append(random.next(10) == 0 ? nil : "squad-\(random.next(6))")
        }
        return Case(vectors: vectors, metrics: tags, squads: squads, texts: texts)
    }

    /// Every match, as `semanticMatches` finds them: the code the fast path replaces.
    func everyMatch(_ c: Case, threshold: Double, sameSquad: Bool) -> [(Int, Int, Double)] {
        let items = c.vectors.indices.map { index in
            DuplicateDetection.Item(side: OverlapSide(id: "H-\(index)", squad: c.squads[index], file: "f.yml", mark: Mark(line: 1, column: 1)),
                                    text: c.texts[index], direction: ChangeDirection(stems: []), facets: Facets(stems: [], facets: []),
                                    metric: c.metrics[index])
        }
        let squads = c.squads
        return DuplicateDetection.semanticMatches(items, c.vectors, catalog: MetricCatalog([]), threshold: threshold) { a, b in
            sameSquad || squads[a] == nil || squads[a] != squads[b]
        }
    }

    /// What the neighbour rule keeps of `matches`: a few pairs are incompatible (look-alikes).
    func kept(_ c: Case, _ matches: [(Int, Int, Double)], ranks: Int) -> [String] {
        DuplicateDetection.nearestByMeaning(matches, texts: c.texts, keep: ranks, compatible: { i, j in (i * 7 + j * 3) % 11 != 0 })
            .map { "\($0.first)-\($0.second) \($0.cosine) rank \($0.rank)" }.sorted()
    }

    func exhaustive(_ c: Case, threshold: Double, ranks: Int, sameSquad: Bool) -> [String] {
        kept(c, everyMatch(c, threshold: threshold, sameSquad: sameSquad), ranks: ranks)
    }

    func fast(_ c: Case, threshold: Double, ranks: Int, sameSquad: Bool) -> [String] {
        let catalog = MetricCatalog([])
        let matches = NearMeaning.matches(c.vectors, keys: c.metrics.map { $0.map(catalog.key) }, squads: c.squads, sameSquad: sameSquad,
                                          threshold: threshold, listed: ranks + 14)
        return kept(c, matches, ranks: ranks)
    }

    func assertSame(_ c: Case, thresholds: [Double], keeps: [Int], file: StaticString = #filePath, line: UInt = #line) {
        for threshold in thresholds {
            for keep in keeps {
                for sameSquad in [false, true] {
                    let expected = exhaustive(c, threshold: threshold, ranks: keep, sameSquad: sameSquad)
                    let found = fast(c, threshold: threshold, ranks: keep, sameSquad: sameSquad)
                    XCTAssertEqual(found, expected, "threshold \(threshold), ranks \(keep), same squad \(sameSquad)", file: file, line: line)
                    XCTAssertFalse(expected.isEmpty, "threshold \(threshold): the rule must keep some pairs", file: file, line: line)
                }
            }
        }
    }

    override func tearDown() {
        NearMeaning.usePortableKernel(false)
    }

    func testTheSamePairsAsComparingEveryPairOnADenseTopic() {
        let c = generated(900, width: 384, seed: 7, metrics: ["d1-retention"])
        // The generated topic is dense: many pairs reach the bar, so the neighbour rule decides.
        XCTAssertGreaterThan(everyMatch(c, threshold: 0.45, sameSquad: false).count, 10_000)
        assertSame(c, thresholds: [0.3, 0.45, 0.6], keeps: [1, 2])
    }

    func testTheSamePairsWithSeveralMetricsAndItemsWithoutOne() {
        let c = generated(700, width: 96, seed: 11, metrics: ["activation", "churn", nil, "activation", "revenue"], unitLength: false)
        assertSame(c, thresholds: [0.2, 0.45, 0.7], keeps: [2, 3])
    }

    /// The pairs `NearMeaning.matches` returns must be exactly those among either side's `listed`
    /// closest (or within the window of the last of them) of every pair compared in full: the search
    /// drops a pair below both sides' running `listed`-th best, and a running best above the final
    /// one (a pair counted twice, a partner the squads keep apart, one of another metric) or a slack
    /// too small drops some of them. Asked of the search itself, not through the neighbour rule.
    func testTheSearchKeepsEveryPairAmongASidesClosest() {
        let cases = [generated(900, width: 384, seed: 7, metrics: ["d1-retention"]),
                     generated(700, width: 96, seed: 11, metrics: ["activation", "churn", nil, "activation", "revenue"], unitLength: false)]
        for (number, c) in cases.enumerated() {
            let matrix = c.vectors.flatMap { $0 }
            let keys = c.metrics.map { $0.map(MetricCatalog([]).key) }
            var names: [String: Int32] = [:]
            let group = c.squads.map { squad -> Int32 in
                guard let squad else { return -1 }
                if let known = names[squad] { return known }
                names[squad] = Int32(names.count)
                return Int32(names.count - 1)
            }
            for portable in [false, true] {
                NearMeaning.usePortableKernel(portable)
                for listed in [3, 16] {
                    for sameSquad in [false, true] {
                        let every = NearMeaning.exhaustive(matrix, count: c.vectors.count, width: c.vectors[0].count, keys: keys,
                                                           group: group, sameSquad: sameSquad, threshold: 0.3)
                        let expected = NearMeaning.nearest(every, count: c.vectors.count, keep: listed, slack: NearMeaning.window)
                            .map { "\($0.0)-\($0.1) \($0.2)" }.sorted()
                        let found = NearMeaning.matches(c.vectors, keys: keys, squads: c.squads, sameSquad: sameSquad, threshold: 0.3,
                                                        listed: listed).map { "\($0.0)-\($0.1) \($0.2)" }.sorted()
                        XCTAssertEqual(found, expected, "case \(number), listed \(listed), same squad \(sameSquad), portable \(portable)")
                        // Most pairs over the threshold are below both sides' closest: the search has something to drop.
                        XCTAssertLessThan(expected.count * 2, every.count, "case \(number), listed \(listed)")
                    }
                }
            }
            NearMeaning.usePortableKernel(false)
        }
    }

    /// The search reads each item's `listed`-th best kernel cosine from the workers' own lists, merged,
    /// instead of offering every pair they kept again: it must be what the offers give, with pairs
    /// spread over three workers (one of them idle), ties, and items with fewer than `keep` pairs.
    func testTheWorkersBestsMergedAreTheBestsOfEveryPair() {
        var random = Lcg(state: 41)
        let (count, keep) = (60, 4)
        let pool = WorkerPool(count: count, keep: keep)
        let workers = (0..<3).map { _ in pool.take() }
        var every = RunningBests<Float>(count: count, keep: keep)
        func offer(_ worker: Worker, _ item: Int, _ value: Float) {
            // As the kernel raises a worker's bests: a value above the lowest goes in, in order.
            let list = worker.best + item * keep
            guard value > list[keep - 1] else { return }
            var place = keep - 1
            while place > 0, list[place - 1] < value {
                list[place] = list[place - 1]
                place -= 1
            }
            list[place] = value
        }
        for _ in 0..<700 {
            let (a, b) = (random.next(count - 10), random.next(count - 10))
            guard a != b else { continue }
            let value = Float(random.next(40)) / 40
            let worker = workers[random.next(2)]
            for item in [a, b] {
                offer(worker, item, value)
                every.offer(item, value)
            }
        }
        let merged = Rounded.keepthBest(of: workers, count: count, keep: keep)
        XCTAssertEqual(merged, (0..<count).map { every.bar($0) })
        XCTAssertEqual(merged.suffix(10), Array(repeating: -Float.infinity, count: 10))
        XCTAssertTrue(merged.prefix(50).allSatisfy { $0 > 0 })
    }

    func testThePortableKernelKeepsTheSamePairs() {
        NearMeaning.usePortableKernel(true)
        XCTAssertEqual(NearMeaning.kernelName, "portable")
        let c = generated(500, width: 384, seed: 3, metrics: ["d1-retention", nil])
        assertSame(c, thresholds: [0.45], keeps: [2])
    }

    /// Vectors whose every element is ±c or 0 round to bytes of ±127 and 0 only: the products at
    /// the kernels' limits (the AVX2 kernel adds two products of 127 × 127 in 16 bits, which a
    /// kernel adding 128 to the row's bytes there would saturate), on a dense topic (each sign
    /// follows a common one four times in five) with restatements a few signs apart and copies.
    /// Both kernels must keep exactly the pairs of comparing every pair.
    func testBytesAtTheRoundingLimitsKeepTheSamePairs() throws {
        let width = 128, count = 400
        var random = Lcg(state: 23)
        let common = (0..<width).map { _ in random.next(2) == 0 ? Float(1) : -1 }
        var vectors: [[Float]] = []
        for index in 0..<count {
            if index > 0, random.next(4) == 0 {
                var copy = vectors[random.next(index)]
                for _ in 0..<random.next(12) { copy[random.next(width)] *= -1 }
                vectors.append(copy)
            } else {
                vectors.append((0..<width).map { k in
                    random.next(10) == 0 ? 0 : (random.next(5) == 0 ? -common[k] : common[k])
                })
            }
        }
        let c = Float(1) / Float(width).squareRoot()
        vectors = vectors.map { $0.map { $0 * c } }
        let matrix = vectors.flatMap { $0 }
        let rounded = try XCTUnwrap(Rounded(matrix, count: count, width: width, threshold: 0.3, window: NearMeaning.window))
        XCTAssertTrue(rounded.bytes.allSatisfy { $0 == 127 || $0 == -127 || $0 == 0 })
        XCTAssertTrue(rounded.bytes.contains(127) && rounded.bytes.contains(-127))
        let keys: [String?] = Array(repeating: "m", count: count)
        let squads: [String?] = (0..<count).map { $0 % 7 == 0 ? nil : "squad-\($0 % 5)" }
        let group: [Int32] = squads.map { squad in squad.map { Int32($0.last!.wholeNumberValue!) } ?? -1 }
        for portable in [false, true] {
            NearMeaning.usePortableKernel(portable)
            for listed in [2, 16] {
                for sameSquad in [false, true] {
                    let every = NearMeaning.exhaustive(matrix, count: count, width: width, keys: keys, group: group, sameSquad: sameSquad,
                                                       threshold: 0.3)
                    let nearest = NearMeaning.nearest(every, count: count, keep: listed, slack: NearMeaning.window)
                    let expected = nearest.map { "\($0.0)-\($0.1) \($0.2)" }.sorted()
                    let found = NearMeaning.matches(vectors, keys: keys, squads: squads, sameSquad: sameSquad, threshold: 0.3,
                                                    listed: listed).map { "\($0.0)-\($0.1) \($0.2)" }.sorted()
                    XCTAssertEqual(found, expected, "listed \(listed), same squad \(sameSquad), portable \(portable)")
                    XCTAssertTrue(nearest.contains { vectors[$0.0] == vectors[$0.1] }, "copies are kept")
                    XCTAssertLessThan(expected.count * 2, every.count, "listed \(listed): the search has pairs to drop")
                }
            }
        }
        NearMeaning.usePortableKernel(false)
    }

    func testVectorsItCannotRoundAreComparedInFull() {
        var c = generated(60, width: 16, seed: 5, metrics: ["m"])
        c.vectors[3][2] = .nan
        assertSame(c, thresholds: [0.45], keeps: [2])
        let zeros = Case(vectors: Array(repeating: [0, 0, 0], count: 5), metrics: Array(repeating: "m", count: 5),
                         squads: ["a", "b", "c", "d", "e"], texts: ["a", "b", "c", "d", "e"])
        XCTAssertEqual(fast(zeros, threshold: -1, ranks: 2, sameSquad: false), exhaustive(zeros, threshold: -1, ranks: 2, sameSquad: false))
        XCTAssertFalse(exhaustive(zeros, threshold: -1, ranks: 2, sameSquad: false).isEmpty)
    }

    /// Rows after the texts' (the audiences' vectors, kept in the matrix the texts' were read in) take
    /// no part: the same matches as the texts' rows alone, though the extra rows are larger and closer
    /// to the texts than any text is.
    func testRowsAfterTheTextsAreNotCompared() throws {
        let c = generated(120, width: 16, seed: 9, metrics: ["m", nil])
        let texts = c.vectors.flatMap { $0 }
        let extra = c.vectors.prefix(30).flatMap { row in row.map { $0 * 3 } }
        let keys = c.metrics.map { $0.map(MetricCatalog([]).key) }
        let alone = NearMeaning.matches(matrix: texts, width: 16, keys: keys, squads: c.squads, sameSquad: false, threshold: 0.3, listed: 16)
        let withExtra = NearMeaning.matches(matrix: texts + extra, width: 16, rows: c.vectors.count, keys: keys, squads: c.squads,
                                            sameSquad: false, threshold: 0.3, listed: 16)
        XCTAssertFalse(alone.isEmpty)
        XCTAssertEqual(withExtra.map { "\($0.0) \($0.1) \($0.2)" }, alone.map { "\($0.0) \($0.1) \($0.2)" })
        let vectors = try XCTUnwrap(DuplicateDetection.Vectors(matrix: texts + extra, width: 16, rows: c.vectors.count))
        XCTAssertEqual(vectors.count, c.vectors.count)
        XCTAssertEqual(vectors.dot(3, 7), DuplicateDetection.dot(c.vectors[3], c.vectors[7]))
        XCTAssertNil(DuplicateDetection.Vectors(matrix: texts, width: 16, rows: c.vectors.count + 1))
    }

    /// The clear-margin rule answered side by side (each side's list of texts read once, quick
    /// products, only the texts of classes that can meet its own) must say what asking every text of
    /// the metric pair by pair says, as the rule reads: with experiments on surfaces and segments that
    /// tell some apart, and with no classes at all.
    func testClearMarginSideBySideAgreesWithAskingPairByPair() throws {
        let c = generated(400, width: 96, seed: 13, metrics: ["activation", "churn", nil, "activation"])
        let vectors = try XCTUnwrap(DuplicateDetection.Vectors(c.vectors))
        let keys = c.metrics
        var random = Lcg(state: 17)
        // Pairs of one metric (or none) at their cosine raised by up to 0.3: a higher bar, fewer rivals.
        var pairs: [(Int, Int, Double)] = []
        while pairs.count < 600 {
            let (i, j) = (random.next(c.vectors.count), random.next(c.vectors.count))
            guard i < j, keys[i] == nil || keys[j] == nil || keys[i] == keys[j] else { continue }
            pairs.append((i, j, Double(vectors.dot(i, j)) + 0.3 * random.unit()))
        }
        // Three in four are experiments, on six surfaces (two and two related) or none, for three segments or none.
        let experiment = keys.indices.map { _ in random.next(4) != 0 }
        let surfaces = keys.indices.map { _ in Int32(random.next(7)) - 1 }
        let segments = keys.indices.map { _ in Int32(random.next(4)) - 1 }
        let related: (Int32, Int32) -> Bool = { a, b in a / 2 == b / 2 }
        func apart(_ i: Int, _ j: Int) -> Bool {
            guard experiment[i], experiment[j] else { return false }
            return (surfaces[i] >= 0 && surfaces[j] >= 0 && !related(surfaces[i], surfaces[j]))
                || (segments[i] >= 0 && segments[j] >= 0 && segments[i] != segments[j])
        }
        let texts = c.texts
        func expected(_ compatible: (Int, Int) -> Bool) -> [Bool] {
            pairs.map { i, j, pairCosine -> Bool in
                for (x, o) in [(i, j), (j, i)] {
                    for r in keys.indices where keys[x] == nil || keys[r] == nil || keys[r] == keys[x] {
                        guard r != x, r != o, texts[r] != texts[x], texts[r] != texts[o] else { continue }
                        guard Double(vectors.dot(x, r)) > pairCosine - DuplicateDetection.clearMargin, compatible(x, r) else { continue }
                        if Double(vectors.dot(r, o)) > max(pairCosine, DuplicateDetection.lookAlikeCosine), !compatible(r, o) { continue }
                        return false
                    }
                }
                return true
            }
        }
        let classes = DuplicateDetection.RivalClasses(keys: keys, experiment: experiment, surfaces: surfaces, segments: segments,
                                                      related: related)
        let none = DuplicateDetection.RivalClasses(keys: keys, experiment: keys.map { _ in false }, surfaces: nil, segments: nil,
                                                   related: { _, _ in false })
        let numbered = DuplicateDetection.numbered(texts)
        for (name, compatible) in [("some", { (i: Int, j: Int) in (i * 7 + j * 3) % 5 == 0 }), ("most", { (i: Int, j: Int) in (i + j) % 7 != 0 })] {
            let withClasses: (Int, Int) -> Bool = { i, j in !apart(i, j) && compatible(i, j) }
            let found = DuplicateDetection.standClear(pairs, neighbours: classes, texts: numbered, vectors: vectors, compatible: withClasses)
            let wanted = expected(withClasses)
            XCTAssertEqual(found, wanted, "\(name) compatible, with classes")
            XCTAssertGreaterThan(wanted.filter { $0 }.count, 10, "some pairs must stand clear (\(name))")
            XCTAssertGreaterThan(wanted.filter { !$0 }.count, 10, "some pairs must have a rival (\(name))")
            XCTAssertEqual(DuplicateDetection.standClear(pairs, neighbours: none, texts: numbered, vectors: vectors, compatible: compatible),
                           expected(compatible), "\(name) compatible, no classes")
        }
        // The classes leave texts out: every one of them apart from the side.
        var left = 0
        for x in keys.indices {
            let given = Set(classes.texts(for: x))
            for r in keys.indices where keys[x] == nil || keys[r] == nil || keys[r] == keys[x] {
                if !given.contains(r) {
                    left += 1
                    XCTAssertTrue(apart(x, r), "\(r) left out for \(x) but not apart")
                }
            }
            XCTAssertEqual(Set(none.texts(for: x)).count, keys.indices.filter { keys[x] == nil || keys[$0] == nil || keys[$0] == keys[x] }.count)
        }
        XCTAssertGreaterThan(left, keys.count * 20)
    }
}
