import PlaybookSimilarity

/// Restatements under every meaning bar found by a second view of the two hypotheses: the statement
/// read with its rationale (`dupq42`).
///
/// A rewording that shares almost no words with its idea can read as far from it, by the cosine of the
/// two title-and-change vectors, as two other ideas of one metric do (0.20–0.38, the grey band). Alone,
/// no field's cosine tells those rewordings from the band's other pairs (`docs/duplicates.md`, `dupq40`),
/// and no bar on it can be lowered; but a rank can: one vector per hypothesis, the sum of its unit
/// title-and-change and rationale vectors (renormalised), makes a rewording and its idea each other's
/// closest compatible text far more often than two different ideas. So a pair of one metric event that no
/// field tells apart, with a title-and-change cosine in the band, counts when, by that vector, each side
/// is the other's closest compatible text and their cosine reaches `secondViewBar`. The band reaches up to
/// `weakMeaning`: a weak match the neighbour rule does not back (audiences apart, not standing clear) is
/// read the same way (`dupq43`: +2 rewordings found on 28 labelled sets, no look-alike or other pair more).
///
/// Replayed with `Tests/PlaybookOverlapsTests/Data/replay-agreement.py` (the first row of its table,
/// chosen leaving one set out: +15 found, +0 look-alikes, +9 other pairs over 24 labelled sets) and
/// measured in Swift in-sample on 28 sets (`docs/duplicates.md`, `dupq42`: 697, 24 and 220 found, flagged and other
/// pairs before; 707, 24 and 223 after; tune2 one rewording fewer). As the token-alignment rule,
/// it reads only items outside a dense topic (`openToGreyBand`), and a side's closest texts are looked for
/// among its `secondViewKept` closest by the title-and-change cosine, so only their rationales are encoded.
extension DuplicateDetection {
    /// The lowest title-and-change cosine the rule reads. Its top is `weakMeaning` (`dupq43`): a weak match
    /// (0.38–0.42) whose audiences read apart and that does not stand clear is left by the neighbour rule, and
    /// the second view reads it as it reads the band under the neighbour rule's lowest bar (`cosineNeeded`).
    static let secondViewLowest = 0.20
    /// The second view's lowest cosine that counts.
    static let secondViewBar = 0.38
    /// How many of a side's closest texts (by the title-and-change cosine) the second view ranks.
    static let secondViewKept = 24

    /// A pair found by the second view.
    struct Agreed {
        var first: Int
        var second: Int
        /// The title-and-change cosine, and the second view's.
        var cosine: Double
        var view: Double
    }

    /// Which items the grey band's rules read: an item with `alignmentRanks` distinct compatible texts in
    /// `matches` (the pairs of one metric reaching the neighbour rule's lowest bar) has its closest texts
    /// above the band, and one with `denseTopic` matches or more is in a dense topic (the neighbour
    /// rule's business).
    static func openToGreyBand(matches: [(Int, Int, Double)], count n: Int, text: [Int], compatible: (Int, Int) -> Bool) -> [Bool] {
        // Each item's matches, one array for all (item `x` has `adjacent[starts[x]..<starts[x + 1]]`).
        var starts = [Int](repeating: 0, count: n + 1)
        for (i, j, _) in matches {
            starts[i + 1] += 1
            starts[j + 1] += 1
        }
        for x in 0..<n { starts[x + 1] += starts[x] }
        var adjacent = [(cosine: Double, other: Int)](repeating: (0, 0), count: starts[n])
        var filled = Array(starts.dropLast())
        for (i, j, cosine) in matches {
            adjacent[filled[i]] = (cosine, j)
            filled[i] += 1
            adjacent[filled[j]] = (cosine, i)
            filled[j] += 1
        }
        return sideBySide(n) { x -> Bool in
            // Fewer matches than ranks: open without asking which are compatible; `denseTopic` or more: out.
            let degree = starts[x + 1] - starts[x]
            guard degree >= alignmentRanks else { return true }
            guard degree < denseTopic else { return false }
            var seen: Set<Int> = []
            for (_, other) in adjacent[starts[x]..<starts[x + 1]].sorted(by: { $0.cosine > $1.cosine })
            where text[other] != text[x] && !seen.contains(text[other]) {
                if compatible(x, other) { seen.insert(text[other]) }
                if seen.count >= alignmentRanks { return false }
            }
            return true
        }
    }

    /// The pairs that count by the second view (first < second). `open`: `openToGreyBand`; `text`: each
    /// item's text as a number (`numbered`); `allowed`: whether two items may be called duplicates
    /// (squads); `compatible`: whether two items could state one idea. `rationales` gives the rationale
    /// vectors of the items asked (nil for an item without one: its view is its title-and-change vector),
    /// or nil when encoding fails (then no pair counts); it is asked once, and only when some pair could count.
    static func agreedRestatements(neighbours: MetricNeighbours, text: [Int], vectors: Vectors, open: [Bool], below: Double,
                                   allowed: (Int, Int) -> Bool, compatible: (Int, Int) -> Bool,
                                   rationales: ([Int]) -> Rationales?) -> [Agreed] {
        let openItems = open.indices.filter { open[$0] }
        // Each open item with a possible partner (open, in the band, of another squad): its compatible
        // texts among its `secondViewKept` closest by exact cosine, best first (ties: the later item first).
        let lists = sideBySide(openItems.count) { index -> [(cosine: Double, other: Int)] in
            let x = openItems[index]
            let members = neighbours.of(x).filter { $0 != x && text[$0] != text[x] }
            var quick = [Float](repeating: 0, count: members.count)
            let ids = members.map { Int32(truncatingIfNeeded: $0) }
            ids.withUnsafeBufferPointer { ids in quick.withUnsafeMutableBufferPointer { vectors.quickDots(x, ids, into: $0) } }
            let partner = members.indices.contains { k in
                let (r, margin) = (members[k], vectors.margin(x, members[k]) + snapReach)
                return open[r] && Double(quick[k]) >= secondViewLowest - margin && Double(quick[k]) < below + margin && allowed(x, r)
            }
            guard partner else { return [] }
            var near = members
            if members.count > secondViewKept {
                near = closestCandidates(of: x, among: members, quick: quick, kept: secondViewKept, vectors: vectors)
            }
            let exact = near.map { (cosine: vectors.cosine(x, $0), other: $0) }
                .sorted { $0.cosine != $1.cosine ? $0.cosine > $1.cosine : $0.other > $1.other }
            return exact.prefix(secondViewKept).filter { compatible(x, $0.other) }
        }
        var listOf: [Int: [(cosine: Double, other: Int)]] = [:]
        for (index, x) in openItems.enumerated() where !lists[index].isEmpty { listOf[x] = lists[index] }
        var candidates: [(Int, Int, Double)] = []
        for x in openItems {
            for (cosine, o) in listOf[x] ?? [] where x < o && open[o] && cosine >= secondViewLowest && cosine < below && allowed(x, o) {
                // Each side must be among the other's closest to be its closest by the second view.
                guard let back = listOf[o], back.contains(where: { text[$0.other] == text[x] }) else { continue }
                candidates.append((x, o, cosine))
            }
        }
        guard !candidates.isEmpty else { return [] }
        // The views of the candidates' sides and of every text they are ranked against.
        var needed: Set<Int> = []
        for (x, o, _) in candidates {
            for side in [x, o] {
                needed.insert(side)
                for entry in listOf[side] ?? [] { needed.insert(entry.other) }
            }
        }
        let asked = needed.sorted()
        guard let read = rationales(asked) else { return [] }
        var view: [Int: [Float]] = [:]
        for item in asked {
            let row = vectors.matrix[(item * vectors.width)..<((item + 1) * vectors.width)]
            view[item] = combined(row, read.vectors[item])
        }
        func agreement(_ a: Int, _ b: Int) -> Double {
            guard let va = view[a], let vb = view[b] else { return 0 }
            return cosine(va, vb)
        }
        /// The two sides' agreement as evidence that they state one idea, or nil when their rationales are
        /// none: the two give one rationale word for word (a copied template, or a reason any idea could
        /// give), or either gives boilerplate (`boilerplateRationale`, left out of its view). Without that
        /// evidence the view is the title-and-change cosine the neighbour rule has already read, under its bars.
        func evidence(_ a: Int, _ b: Int) -> Double? {
            if let ka = read.wording[a], ka == read.wording[b] { return nil }
            for side in [a, b] where read.wording[side] != nil && read.vectors[side] == nil { return nil }
            return agreement(a, b)
        }
        /// The item whose text is `x`'s closest by the second view (ties: the later item), `o` read as a
        /// partner (`evidence`) and every other text by its full view: a third text giving `x`'s very
        /// rationale still stands between `x` and `o`.
        func closest(_ x: Int, partner o: Int) -> Int? {
            var best: (value: Double, other: Int)?
            for entry in listOf[x] ?? [] {
                let value = text[entry.other] == text[o] ? evidence(x, entry.other) ?? 0 : agreement(x, entry.other)
                if let current = best, value < current.value || (value == current.value && entry.other < current.other) { continue }
                best = (value, entry.other)
            }
            return best?.other
        }
        return candidates.compactMap { x, o, cosine in
            guard let value = evidence(x, o), value >= secondViewBar, let a = closest(x, partner: o), text[a] == text[o], let b = closest(o, partner: x), text[b] == text[x]
            else { return nil }
            return Agreed(first: x, second: o, cosine: cosine, view: value)
        }
    }

    /// One vector of a statement and its rationale: the sum of the two unit vectors, renormalised (the
    /// statement's alone without a rationale).
    static func combined(_ statement: ArraySlice<Float>, _ rationale: ArraySlice<Float>?) -> [Float] {
        func unit(_ v: ArraySlice<Float>) -> [Float] {
            let length = v.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            return length > 0 ? v.map { $0 / length } : Array(v)
        }
        var sum = unit(statement)
        if let rationale, rationale.count == sum.count {
            let r = unit(rationale)
            for index in sum.indices { sum[index] += r[index] }
        }
        return unit(sum[...])
    }
}

extension DuplicateDetection {
    /// The rationales the second view reads, of the items asked.
    struct Rationales {
        /// Each item's rationale vector (an item without one, or with a boilerplate one, is left out: its
        /// view is its title-and-change vector).
        var vectors: [Int: ArraySlice<Float>]
        /// Each item's rationale as written, as a number (`rationaleWording`): two items of one number give
        /// it word for word.
        var wording: [Int: Int]
    }

    /// How many distinct statements (title and change) of a playbook giving one rationale word for word
    /// make it boilerplate: a reason pasted under three ideas or more ("we saw signals in support tickets and
    /// interviews") says nothing of any of them, and summed into each one's view it draws them all
    /// together (two unrelated ideas at a title-and-change cosine of 0.28 read at 0.69 with it).
    static let boilerplateRationale = 3

    /// A rationale as written, for telling two alike: lowercased, its words only (case, spacing and
    /// punctuation aside); nil for one with no word.
    static func rationaleWording(_ rationale: String?) -> String? {
        guard let rationale else { return nil }
        // ASCII (most rationales) read as bytes: the same words, without breaking the text into characters.
        if let ascii = rationale.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var inWord = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if !inWord, !out.isEmpty { out.append(0x20) }
                    out.append(lower)
                    inWord = true
                } else {
                    inWord = false
                }
            }
            return String(decoding: out, as: UTF8.self)
        }), let ascii {
            return ascii.isEmpty ? nil : ascii
        }
        let words = rationale.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The rationale vectors of the items `asked` (each distinct rationale encoded once; an item without
    /// one, or whose rationale `boilerplateRationale` distinct statements or more of `items` give word for
    /// word, is left out), and each asked item's rationale as written (numbered); nil when encoding fails.
    static func rationaleVectors(of asked: [Int], items: UnsafeBufferPointer<Item>, _ encoder: any SentenceEncoder) -> Rationales? {
        // Each rationale as written, numbered, and the distinct statements giving it (copies of one
        // statement, as one idea filed twice, count once).
        var numbers: [String: Int] = [:]
        var givers: [Set<String>] = []
        var wordingOf = [Int?](repeating: nil, count: items.count)
        // The wordings read side by side over the cores, numbered in order here.
        let wordings = sideBySide(items.count) { rationaleWording(items[$0].rationale) }
        for index in items.indices {
            guard let wording = wordings[index] else { continue }
            let number: Int
            if let known = numbers[wording] {
                number = known
            } else {
                number = givers.count
                numbers[wording] = number
                givers.append([])
            }
            if givers[number].count < boilerplateRationale { givers[number].insert(items[index].text) }
            wordingOf[index] = number
        }
        var wording: [Int: Int] = [:]
        for item in asked { wording[item] = wordingOf[item] }
        let read = asked.filter { item in wordingOf[item].map { givers[$0].count < boilerplateRationale } ?? false }
        let distinct = Array(Set(read.compactMap { items[$0].rationale })).sorted()
        guard !distinct.isEmpty else { return Rationales(vectors: [:], wording: wording) }
        guard let encoded = encoded(texts: [], audiences: distinct, encoder) else { return nil }
        var vectors: [Int: ArraySlice<Float>] = [:]
        for item in read {
            if let rationale = items[item].rationale { vectors[item] = encoded.audiences[rationale] }
        }
        return Rationales(vectors: vectors, wording: wording)
    }
}
