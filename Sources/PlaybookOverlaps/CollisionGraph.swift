import PlaybookModel

/// Every collision among a playbook's experiments, kept compact: a pair is two indices, and its
/// reason and reviewer are built only for the pairs asked for. A history with thousands of live
/// experiments has hundreds of thousands of pairs; a page shows a few and counts the rest.
///
/// Pairs come in `OverlapFinder.collisions` order (by the two ids); an experiment's partners by id.
public struct CollisionGraph: Sendable {
    /// The experiments that take part (live, or ready with dates), in the playbook's order, and
    /// the same sorted by id (`byID[rank]` is an index into `experiments`).
    private let experiments: [CollisionDetection.Live]
    private let byID: [Int32]
    private let rank: [String: Int32]
    /// Each pair as `low << 33 | high << 1 | flipped`, sorted: `low` < `high` are ranks, and
    /// `flipped` says the sweep met `high` first (reasons name both in id order whichever was met first:
    /// `writeReason` orders them; the bit is kept only so that the pairs sort as before).
    private let pairs: [UInt64]
    /// Partners of rank r: `partners[offsets[r]..<offsets[r + 1]]`, ascending ranks.
    private let offsets: [Int]
    private let partners: [Int32]
    private let acknowledgements: Acknowledgements
    /// Each experiment as an overlap's side names it, by rank: built once, not for every pair.
    private let sides: [OverlapSide]
    /// How many experiments collide with each, by rank, and how many pairs collide in all.
    private let counts: [Int]
    private let total: Int
    /// How many partners each experiment keeps (nil: all), and whether every one kept all of them.
    public let kept: Int?
    private let complete: Bool

    /// `today` extends running experiments past a planned end that has gone by, as `OverlapFinder` does.
    /// With `kept`, each experiment keeps only its first `kept` partners by id that no approval
    /// acknowledges, and every acknowledged one (`KeptCollisions`): counting them all is still
    /// exact, but the pairs held, and the time taken, grow with the experiments, not with the
    /// pairs (2,000 experiments live on one surface are 2 million pairs). `partners(of:limit:)`
    /// is then exact for a `limit` up to `kept`; the pairs `overlaps` lists are the kept ones. An
    /// experiment with more than `kept` partners keeps only its first `keptWhenCrowded` (lint names
    /// only those of a crowded experiment), exact for a `limit` up to that.
    ///
    /// `spans`: by id, the spans an experiment was live in when they are several (its `start` and
    /// `end` the first's start and the last's end): it collides only where a span meets the other's
    /// window, not in a gap between (the site's calendar, of experiments concluded and re-opened).
    public init(_ entities: [SourcedEntity], today: Day? = nil, kept: Int? = nil, keptWhenCrowded: Int? = nil,
                spans: [String: [(start: Day, end: Day)]] = [:]) {
        let unique = OverlapFinder.firstDefinitions(entities)
        var live = CollisionDetection.live(unique, today: today)
        var spanned: [Int] = []
        if !spans.isEmpty {
            for i in live.indices {
                guard let own = spans[live[i].experiment.id.value], own.count > 1 else { continue }
                live[i].spans = own
                spanned.append(i)
            }
        }
        experiments = live
        let byID = live.indices.sorted { live[$0].experiment.id.value < live[$1].experiment.id.value }
        self.byID = byID.map(Int32.init)
        var ranks = [Int](repeating: 0, count: live.count)
        var rank: [String: Int32] = [:]
        rank.reserveCapacity(live.count)
        for (r, index) in byID.enumerated() {
            ranks[index] = r
            rank[live[index].experiment.id.value] = Int32(r)
        }
        self.rank = rank
        sides = byID.map { index in
            let e = live[index].experiment
            return OverlapSide(id: e.id.value, squad: e.squad?.value, file: live[index].file, mark: e.id.mark)
        }
        var found: [UInt64] = []
        let (tests, audiences, meets) = CollisionDetection.tests(live)
        func meet(_ a: Int32, _ b: Int32) -> Bool {
            meets.isEmpty ? audiences[Int(a)].meets(audiences[Int(b)]) : meets[Int(a) * audiences.count + Int(b)]
        }
        let acknowledgements = Acknowledgements(unique)
        self.acknowledgements = acknowledgements
        let kept = kept.map { max(1, $0) }
        self.kept = kept
        var keptCounts: [Int]?
        /// By rank, whether it holds all its partners (with `kept`, when some were live in spans).
        var keepsAll: [Bool]?
        var complete = true
        if let kept {
            // The sweep meets each colliding pair once: all of them, on a busy surface, are too many.
            let layout = SurfaceIndex(live.map(\.surface)).layout()
            let ownCount = layout.ownLists.count
            let lists = (layout.ownLists + layout.below).map { list in list.map { Int32(ranks[$0]) }.sorted() }
            var listsOf = [[Int]](repeating: [], count: live.count)
            for (place, members) in layout.ownLists.enumerated() {
                let meets = layout.above[place] + [place, ownCount + place]
                for index in members { listsOf[ranks[index]] = meets }
            }
            var named: [(Int32, Int32)] = []
            acknowledgements.forEachNamedPair { a, b in
                guard let ra = rank[a], let rb = rank[b],
                      Surface.related(live[byID[Int(ra)]].surface, live[byID[Int(rb)]].surface) else { return }
                named.append((ra, rb))
            }
            let byRank = byID.map { tests[$0] }
            var squadNumbers: [String?: Int32] = [:]
            let squads = byID.map { index in
                let squad = live[index].experiment.squad?.value
                if let number = squadNumbers[squad] { return number }
                squadNumbers[squad] = Int32(squadNumbers.count)
                return Int32(squadNumbers.count - 1)
            }
            let collisions = KeptCollisions(tests: byRank, squads: squads, audiences: AudienceTable(audiences: audiences, meets: meets), lists: lists, listsOf: listsOf,
                                            acknowledgedPairs: named, kept: kept, keptWhenCrowded: min(kept, max(1, keptWhenCrowded ?? kept)))
            for r in 0..<live.count {
                for other in collisions.partners(of: r) {
                    let (low, high) = (min(r, Int(other)), max(r, Int(other)))
                    // Which one the sweep meets first (the reason names both in id order: `writeReason`).
                    let flipped = Self.sweepsFirst(live, byID[high], byID[low]) ? 1 : 0
                    found.append(UInt64(low) << 33 | UInt64(high) << 1 | UInt64(flipped))
                }
            }
            keptCounts = collisions.counts
            complete = (0..<live.count).allSatisfy(collisions.keepsAll)
            if !spanned.isEmpty { keepsAll = (0..<live.count).map(collisions.keepsAll) }
        }
        self.complete = complete
        if kept == nil { SurfaceIndex(live.map(\.surface)).forEachRelatedGroup { own, subtree in
            CollisionDetection.sweep(own: own, subtree: subtree, tests) { i, j in
                // The sweep meets only experiments outside each other's exclusion group.
                let a = tests[i], b = tests[j]
                guard Window.meet(a.start, a.end, b.start, b.end), meet(a.audience, b.audience) else { return }
                let (ri, rj) = (ranks[i], ranks[j])
                let (low, high, flipped) = ri < rj ? (ri, rj, 0) : (rj, ri, 1)
                found.append(UInt64(low) << 33 | UInt64(high) << 1 | UInt64(flipped))
            }
        } }
        if !spanned.isEmpty {
            // Pairs of an experiment live in several spans: the sweep and the counts met them on its
            // whole window. Those that meet only in a gap are dropped (and uncounted); all the others
            // are held, so its partners are complete however many it keeps.
            var dropped: Set<UInt64> = []
            /// Holds every partner of experiment `i` on the spans; `dropping`: notes those met only in a gap.
            func hold(_ i: Int, dropping: Bool) {
                for j in live.indices where j != i {
                    let a = tests[i], b = tests[j]
                    guard a.group < 0 || b.group < 0 || a.group != b.group, Window.meet(a.start, a.end, b.start, b.end),
                          meet(a.audience, b.audience), Surface.related(live[i].surface, live[j].surface) else { continue }
                    let (low, high) = (min(ranks[i], ranks[j]), max(ranks[i], ranks[j]))
                    if CollisionDetection.meet(live[i], live[j]) {
                        let flipped = Self.sweepsFirst(live, byID[high], byID[low]) ? 1 : 0
                        found.append(UInt64(low) << 33 | UInt64(high) << 1 | UInt64(flipped))
                    } else if dropping {
                        dropped.insert(UInt64(low) << 32 | UInt64(high))
                    }
                }
            }
            for i in spanned { hold(i, dropping: true) }
            if !dropped.isEmpty {
                found.removeAll { dropped.contains(($0 >> 33) << 32 | ($0 >> 1 & 0xFFFF_FFFF)) }
                if var counts = keptCounts {
                    var short: Set<Int> = []
                    for pair in dropped {
                        for r in [Int(pair >> 32), Int(pair & 0xFFFF_FFFF)] {
                            counts[r] -= 1
                            if let keepsAll, !keepsAll[r] { short.insert(r) }
                        }
                    }
                    keptCounts = counts
                    // One that kept only its first partners may have lost one of them: it holds them all.
                    let isSpanned = Set(spanned)
                    for r in short.sorted() where !isSpanned.contains(byID[r]) { hold(byID[r], dropping: false) }
                }
            }
        }
        found.sort()
        var pairs: [UInt64] = []
        pairs.reserveCapacity(found.count)
        for pair in found where pairs.last.map({ $0 >> 1 != pair >> 1 }) ?? true { pairs.append(pair) }
        self.pairs = pairs
        var offsets = [Int](repeating: 0, count: live.count + 1)
        for pair in pairs {
            offsets[Int(pair >> 33) + 1] += 1
            offsets[Int(pair >> 1 & 0xFFFF_FFFF) + 1] += 1
        }
        for r in 0..<live.count { offsets[r + 1] += offsets[r] }
        // In pair order each experiment meets its lower partners first, then its higher ones: ascending.
        var next = offsets
        var partners = [Int32](repeating: 0, count: pairs.count * 2)
        for pair in pairs {
            let low = Int(pair >> 33), high = Int(pair >> 1 & 0xFFFF_FFFF)
            partners[next[low]] = Int32(high)
            next[low] += 1
            partners[next[high]] = Int32(low)
            next[high] += 1
        }
        self.offsets = offsets
        self.partners = partners
        counts = keptCounts ?? (0..<live.count).map { offsets[$0 + 1] - offsets[$0] }
        total = keptCounts.map { $0.reduce(0, +) / 2 } ?? pairs.count
    }

    /// How many pairs collide.
    public var count: Int { total }

    /// How many experiments take part (live, or ready with dates); `ranks` count them in id order.
    public var experimentCount: Int { counts.count }

    /// How many experiments collide with `id`.
    public func count(of id: String) -> Int {
        guard let r = rank[id].map(Int.init) else { return 0 }
        return counts[r]
    }

    /// The ids colliding with `id`, sorted, at most `limit`, each with who reviewed the pair
    /// (an approval on either side naming the other).
    public func partners(of id: String, limit: Int) -> [(id: String, reviewedBy: String?)] {
        guard let r = rank[id].map(Int.init) else { return [] }
        let range = offsets[r]..<min(offsets[r + 1], offsets[r] + max(0, limit))
        return partners[range].map { other in
            let otherID = experiment(rank: Int(other)).experiment.id.value
            return (otherID, acknowledgements.reviewer(id, otherID))
        }
    }

    /// The first `limit` pairs, in `OverlapFinder.collisions` order, with reasons and reviewers.
    public func overlaps(limit: Int) -> [Overlap] {
        pairs.prefix(max(0, limit)).compactMap(overlap)
    }

    /// The first `limit` collisions of `id`, by the other side's id.
    public func overlaps(of id: String, limit: Int) -> [Overlap] {
        guard let r = rank[id].map(Int.init) else { return [] }
        return partners[offsets[r]..<min(offsets[r + 1], offsets[r] + max(0, limit))].compactMap { other in
            let (low, high) = r < Int(other) ? (UInt64(r), UInt64(other)) : (UInt64(other), UInt64(r))
            let key = low << 33 | high << 1
            // The stored pair carries the flip bit: find it among the two possible keys.
            return overlap(pairs.binarySearchContains(key) ? key : key | 1)
        }
    }

    /// Pairs grouped by a key of their lower-id side (such as its area), the first `limit` of
    /// each group in `OverlapFinder.collisions` order, with each group's total. When experiments
    /// keep only some of their partners (`kept`), the pairs are the kept ones, and the totals
    /// assume both sides of a pair have the same key (as an area: nested surfaces share it).
    public func overlaps(groupedBy key: (String) -> String, limit: Int) -> [String: (shown: [Overlap], total: Int)] {
        // Each group gets a number once, so the (many) pairs are counted without hashing a key each.
        var numbers: [String: Int] = [:]
        var names: [String] = []
        let groupOfRank = byID.map { index -> Int in
            let name = key(experiments[Int(index)].experiment.id.value)
            if let number = numbers[name] { return number }
            numbers[name] = names.count
            names.append(name)
            return names.count - 1
        }
        var shown = [[Overlap]](repeating: [], count: names.count)
        var totals = [Int](repeating: 0, count: names.count)
        for pair in pairs {
            let group = groupOfRank[Int(pair >> 33)]
            totals[group] += 1
            if shown[group].count < limit, let overlap = overlap(pair) { shown[group].append(overlap) }
        }
        if !complete {
            // Not every pair is held: each experiment's count, halved (both sides share the key).
            totals = [Int](repeating: 0, count: names.count)
            for (r, group) in groupOfRank.enumerated() { totals[group] += counts[r] }
            totals = totals.map { $0 / 2 }
        }
        var out: [String: (shown: [Overlap], total: Int)] = [:]
        for (group, name) in names.enumerated() where totals[group] > 0 { out[name] = (shown[group], totals[group]) }
        return out
    }

    /// The collisions `range` (positions in `overlaps(limit:)`'s order) as a lint reports them,
    /// without an `Overlap` each: `body` gets each pair's two sides by id, its reason (as
    /// `overlaps` gives it, written into one buffer reused from pair to pair) and who reviewed it.
    /// A large playbook has hundreds of thousands of collisions: each overlap built, sorted and
    /// copied into two findings was a dozen allocations and retains, on one thread.
    public func forEachCollision(in range: Range<Int>,
                                 _ body: (_ low: OverlapSide, _ high: OverlapSide, _ reason: String, _ reviewedBy: String?) -> Void) {
        var reason = ReasonBytes()
        let checked = !acknowledgements.isEmpty
        // Read in place through the buffers: an experiment or a side copied out is a retain of each of its fields.
        experiments.withUnsafeBufferPointer { live in
            sides.withUnsafeBufferPointer { sides in
                for k in range.clamped(to: 0..<pairs.count) {
                    let pair = pairs[k]
                    let low = Int(pair >> 33), high = Int(pair >> 1 & 0xFFFF_FFFF)
                    let (a, b) = pair & 1 == 0 ? (Int(byID[low]), Int(byID[high])) : (Int(byID[high]), Int(byID[low]))
                    // The graph holds only pairs whose windows meet: the test of `CollisionDetection.collision`.
                    guard Self.writeReason(live[a], live[b], into: &reason) else { continue }
                    let reviewer = checked ? acknowledgements.reviewer(sides[low].id, sides[high].id) : nil
                    body(sides[low], sides[high], reason.text, reviewer)
                }
            }
        }
    }

    /// `CollisionDetection.collision`'s reason for `a` and `b` (in id order, as the pair is listed),
    /// written into `reason` (emptied first); false when their windows do not meet.
    private static func writeReason(_ a: CollisionDetection.Live, _ b: CollisionDetection.Live, into reason: inout ReasonBytes) -> Bool {
        let (a, b) = a.experiment.id.value <= b.experiment.id.value ? (a, b) : (b, a)
        let (start, end) = Window.common(a.start, a.end, b.start, b.end)
        if let start, let end, end < start { return false }
        reason.bytes.removeAll(keepingCapacity: true)
        reason.append(a.experiment.id.value)
        reason.append(" and ")
        reason.append(b.experiment.id.value)
        reason.append(" are live together ")
        if a.spans == nil && b.spans == nil {
            Window.describe(start, end, into: &reason)
        } else {
            guard CollisionDetection.describeCommon(a, b, into: &reason) else { return false }
        }
        if a.surface == b.surface {
            reason.append(" on the surface ")
            reason.append(a.surface)
        } else {
            reason.append(" on nested surfaces ")
            reason.append(a.surface)
            reason.append(" and ")
            reason.append(b.surface)
        }
        reason.append(" for ")
        AudienceOverlap.describe(a.experiment.audience, b.experiment.audience, into: &reason)
        reason.append(", and share no exclusion_group; put them in one exclusion_group, move one's dates, or split the audience")
        return true
    }

    /// An experiment that collides with more experiments than a lint lists one by one: how many,
    /// where and when, and the first of them.
    public struct Crowd: Sendable {
        /// How many experiments collide with it.
        public var total: Int
        /// Its first partners by id (its own squad's first, acknowledged ones last), each with who
        /// reviewed the pair.
        public var listed: [(side: OverlapSide, reviewedBy: String?)]
        /// Its normalised surface.
        public var surface: String
        /// Its own window, as a reason words one ("from 2026-07-01 on").
        public var window: String
    }

    /// How many findings a lint writes on the experiment of rank `r`: one per collision, or one in
    /// all when it collides with more than `limit` experiments.
    public func reported(rank r: Int, limit: Int) -> Int { counts[r] > limit ? 1 : counts[r] }

    /// The collisions a lint reports on each experiment of `ranks` (positions in id order): each
    /// of an experiment's collisions as `forEachCollision` gives a pair's sides, reason and
    /// reviewer (`side` the experiment reported on), or, for one that collides with more than
    /// `limit` (no more than `kept`) experiments, a `crowd` naming its first `listed` by id: those
    /// no approval acknowledges with experiments of its own squad first, then with other squads',
    /// then the acknowledged ones, so that no error hides behind a warning or a note.
    public func forEachReported(ranks: Range<Int>, limit: Int, listed: Int,
                                pair: (_ side: OverlapSide, _ other: OverlapSide, _ reason: String, _ reviewedBy: String?) -> Void,
                                crowd: (_ side: OverlapSide, _ crowd: Crowd) -> Void) {
        var reason = ReasonBytes()
        let checked = !acknowledgements.isEmpty
        var chosen: [Int32] = []
        for r in ranks.clamped(to: 0..<counts.count) where counts[r] > 0 {
            // Every partner of an experiment under the limit is kept (`kept` ≥ `limit`).
            let held = partners[offsets[r]..<offsets[r + 1]]
            if counts[r] <= limit {
                for other in held {
                    let o = Int(other)
                    let (a, b) = Self.sweepsFirst(experiments, Int(byID[r]), Int(byID[o])) ? (Int(byID[r]), Int(byID[o])) : (Int(byID[o]), Int(byID[r]))
                    guard Self.writeReason(experiments[a], experiments[b], into: &reason) else { continue }
                    pair(sides[r], sides[o], reason.text, checked ? acknowledgements.reviewer(sides[r].id, sides[o].id) : nil)
                }
                continue
            }
            crowd(sides[r], self.crowd(rank: r, listed: listed, chosen: &chosen))
        }
    }

    /// Rank r's crowd: its count, and its first `listed` partners as `forEachReported` orders them
    /// (`chosen` is scratch space, reused from experiment to experiment).
    private func crowd(rank r: Int, listed: Int, chosen: inout [Int32]) -> Crowd {
        let checked = !acknowledgements.isEmpty
        let held = partners[offsets[r]..<offsets[r + 1]]
        func tier(_ other: Int32) -> Int {
            if checked, acknowledgements.reviewer(sides[r].id, sides[Int(other)].id) != nil { return 2 }
            return sides[r].squad == sides[Int(other)].squad ? 0 : 1
        }
        chosen.removeAll(keepingCapacity: true)
        let shown = min(listed, counts[r])
        for wanted in 0..<3 where chosen.count < shown {
            for other in held where chosen.count < shown && tier(other) == wanted { chosen.append(other) }
        }
        let own = experiments[Int(byID[r])]
        return Crowd(total: counts[r],
                     listed: chosen.map { (sides[Int($0)], checked ? acknowledgements.reviewer(sides[r].id, sides[Int($0)].id) : nil) },
                     surface: own.surface, window: Window.describe(own.start, own.end))
    }

    /// How many colliding experiments a crowded experiment's one entry or finding names.
    public static let listedWhenCrowded = 20

    /// The collisions `playbook overlaps` lists when an experiment colliding with more than `limit`
    /// others gets one entry instead of one per pair (the graph built with `kept` at least `limit`
    /// and `listed`, and `keptWhenCrowded` at least `listed`): each pair of which one side collides
    /// with at most `limit` (every partner of that side is kept), in `overlaps(limit:)`'s order, then
    /// each busier experiment's entry, by id: its sides are the experiment, then its first `listed`
    /// partners as `forEachReported` orders them; `crowd` is how many it collides with; it is
    /// acknowledged when its first partner is, that is when every pair is.
    public func overlaps(crowdedPast limit: Int, listed: Int) -> [Overlap] {
        var out = pairs.compactMap { pair -> Overlap? in
            let low = Int(pair >> 33), high = Int(pair >> 1 & 0xFFFF_FFFF)
            guard counts[low] <= limit || counts[high] <= limit else { return nil }
            return overlap(pair)
        }
        var chosen: [Int32] = []
        for r in counts.indices where counts[r] > limit {
            let crowd = crowd(rank: r, listed: listed, chosen: &chosen)
            var reason = "\(sides[r].id) collides with \(crowd.total) experiments on \(crowd.surface.isEmpty ? "no surface" : crowd.surface)"
                + " or a surface nested with it while it is live \(crowd.window), more than \(limit) to list pair by pair; the first \(crowd.listed.count)"
                + " (by id, its own squad's first, acknowledged ones last): " + crowd.listed.map(\.side.id).joined(separator: ", ")
            if crowd.total > crowd.listed.count { reason += ", and \(crowd.total - crowd.listed.count) more" }
            reason += "; share exclusion_groups, move dates or split audiences (rules: {overlap-collision: {per_experiment: 0}} lists every pair)"
            var overlap = Overlap(kind: .collision, sides: [], score: 1, reason: reason, acknowledgedBy: crowd.listed.first?.reviewedBy)
            overlap.sides = [sides[r]] + crowd.listed.map(\.side)
            overlap.crowd = crowd.total
            out.append(overlap)
        }
        return out
    }

    /// Whether the sweep meets experiment `a` before `b`: by start (a missing one first), then by place.
    private static func sweepsFirst(_ live: [CollisionDetection.Live], _ a: Int, _ b: Int) -> Bool {
        let sa = live[a].start, sb = live[b].start
        if sa != sb { return sa.map { s in sb.map { s < $0 } ?? false } ?? true }
        return a < b
    }

    private func experiment(rank: Int) -> CollisionDetection.Live { experiments[Int(byID[rank])] }

    private func overlap(_ pair: UInt64) -> Overlap? {
        let low = Int(pair >> 33), high = Int(pair >> 1 & 0xFFFF_FFFF)
        let (first, second) = pair & 1 == 0 ? (low, high) : (high, low)
        guard var overlap = CollisionDetection.collision(experiment(rank: first), experiment(rank: second), related: true) else { return nil }
        overlap.acknowledgedBy = acknowledgements.reviewer(overlap.ids[0], overlap.ids[1])
        return overlap
    }
}

extension Array where Element == UInt64 {
    /// Whether the sorted array holds `value`.
    func binarySearchContains(_ value: UInt64) -> Bool {
        let index = countBelow(value)
        return index < count && self[index] == value
    }
}
