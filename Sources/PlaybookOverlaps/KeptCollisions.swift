import Dispatch
import PlaybookModel

/// Each experiment's collisions counted, and its first `kept` partners by id found, without
/// visiting every pair: where one surface holds thousands of experiments live at once, the pairs
/// grow with the square (2,000 experiments, 2 million pairs; 20,000, 200 million), while what a
/// reader can use of them is how many there are and the first few.
///
/// Counted: in each list of experiments one meets (those on its own surface, on each surface it
/// is nested under, and on those nested under it), the windows of each audience, and of each
/// audience and exclusion group, sorted by start and by end: the windows that meet one are those
/// of the audiences it meets less those that end before it starts and those that start after it
/// ends (two binary searches each), less its own exclusion group's. Found: the lists walked by
/// id and tested one by one until the first `kept` unacknowledged partners are found or all of
/// them are; pairs an approval acknowledges are few, and found from the approvals.
struct KeptCollisions {
    /// Partners of each rank.
    var counts: [Int]
    /// Rank r's first unacknowledged partners of its own squad, then its first of any squad, each
    /// ascending: `slots[r * 2 * kept ..< r * 2 * kept + found[2 * r]]`, then `found[2 * r + 1]` more
    /// from `r * 2 * kept + kept`. (A gate may make collisions across squads warnings: those of its
    /// own squad must not hide behind them.)
    var slots: [Int32]
    var found: [Int32]
    let kept: Int
    /// The acknowledged partners of each rank that has some, ascending.
    var acknowledged: [Int32: [Int32]]

    /// `tests[r]` is rank r's test and `squads[r]` its squad's number; `lists` hold ranks, ascending,
    /// and `listsOf[r]` are the lists rank r meets (its own surface's among them); `acknowledgedPairs`
    /// are the pairs of ranks on related surfaces that an approval names, colliding or not. A rank
    /// with more than `kept` partners keeps only its first `keptWhenCrowded` (no more than `kept`).
    init(tests: [CollisionDetection.Test], squads: [Int32], audiences: AudienceTable, lists: [[Int32]], listsOf: [[Int]],
         acknowledgedPairs: [(Int32, Int32)], kept: Int, keptWhenCrowded: Int) {
        let count = tests.count
        self.kept = kept
        // Days as ordered numbers, an open side as the farthest there is.
        func key(_ day: Day) -> Int { day.year << 9 | day.month << 5 | day.day }
        let starts = tests.map { $0.start.map(key) ?? Int.min }
        let ends = tests.map { $0.end.map(key) ?? Int.max }
        @Sendable func collides(_ x: Int, _ y: Int) -> Bool {
            let a = tests[x], b = tests[y]
            if a.group >= 0, a.group == b.group { return false }
            guard max(starts[x], starts[y]) <= min(ends[x], ends[y]) else { return false }
            return audiences.meet(a.audience, b.audience)
        }
        var acknowledged: [Int32: [Int32]] = [:]
        for (a, b) in acknowledgedPairs where a != b && collides(Int(a), Int(b)) {
            acknowledged[a, default: []].append(b)
            acknowledged[b, default: []].append(a)
        }
        for key in Array(acknowledged.keys) { acknowledged[key] = Array(Set(acknowledged[key]!)).sorted() }
        self.acknowledged = acknowledged
        let acknowledgedBy = acknowledged

        // Each list whole (with its windows by start, to find those meeting one), and split by squad.
        let indexes = lists.map { WindowIndex($0, tests: tests, starts: starts, ends: ends, findable: true) }
        let bySquad: [[Int32: (ranks: [Int32], index: WindowIndex)]] = lists.map { list in
            Dictionary(grouping: list) { squads[Int($0)] }.mapValues { ranks in (ranks, WindowIndex(ranks, tests: tests, starts: starts, ends: ends, findable: false)) }
        }
        let universal = audiences.meetingAll()
        var counts = [Int](repeating: 0, count: count)
        var slots = [Int32](repeating: 0, count: count * 2 * kept)
        var found = [Int32](repeating: 0, count: count * 2)
        counts.withUnsafeMutableBufferPointer { countsOut in
            slots.withUnsafeMutableBufferPointer { slotsOut in
                found.withUnsafeMutableBufferPointer { foundOut in
                    nonisolated(unsafe) let (countsOut, slotsOut, foundOut) = (countsOut, slotsOut, foundOut)
                    let chunk = 256
                    DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
                        var cursors: [Int] = []
                        var met: [Int32] = []
                        /// The partners of `x` in `lists` merged by rank, stopping once `kept`
                        /// unacknowledged ones are written from `slot` or all `total` are seen.
                        func scan(_ x: Int, _ lists: [[Int32]], total: Int, slot: Int, keep: Int) -> Int32 {
                            cursors.removeAll(keepingCapacity: true)
                            cursors.append(contentsOf: repeatElement(0, count: lists.count))
                            let acknowledgedOfX = acknowledgedBy[Int32(x)] ?? []
                            var seen = 0, unacknowledged = 0
                            while unacknowledged < keep, seen < total {
                                var best = -1
                                var bestRank = Int32.max
                                for k in lists.indices where cursors[k] < lists[k].count {
                                    let r = lists[k][cursors[k]]
                                    if r < bestRank { (best, bestRank) = (k, r) }
                                }
                                if best < 0 { break }
                                cursors[best] += 1
                                let y = Int(bestRank)
                                guard y != x, collides(x, y) else { continue }
                                seen += 1
                                if acknowledgedOfX.contains(bestRank) { continue }
                                slotsOut[slot + unacknowledged] = bestRank
                                unacknowledged += 1
                            }
                            return Int32(unacknowledged)
                        }
                        for x in (c * chunk)..<min(count, (c + 1) * chunk) {
                            let (s, e, test) = (starts[x], ends[x], tests[x])
                            // An experiment whose end comes before its start meets nothing.
                            guard s <= e else { continue }
                            // Itself, counted on its own surface when nothing kept it out.
                            let itself = test.group < 0 && audiences.meet(test.audience, test.audience) ? 1 : 0
                            var total = -itself, same = -itself
                            let everyone = universal[Int(test.audience)]
                            // The windows meeting its own, of any audience or group, and the experiments there are.
                            var near = 0, listed = 0
                            for list in listsOf[x] {
                                total += indexes[list].meeting(s, e, audience: test.audience, group: test.group, audiences: audiences, everyone: everyone)
                                same += bySquad[list][squads[x]]?.index.meeting(s, e, audience: test.audience, group: test.group, audiences: audiences, everyone: everyone) ?? 0
                                near += indexes[list].all.meeting(s, e)
                                listed += lists[list].count
                            }
                            countsOut[x] = total
                            guard total > 0 else { continue }
                            let keep = total > kept ? keptWhenCrowded : kept
                            // Walking the lists by id finds `keep` partners after about `listed × keep ÷ total`
                            // experiments (all of them when it needs every partner): where fewer windows meet
                            // its own (thousands of experiments live a few days each), those are found by date
                            // and put in order instead, the same partners.
                            let needed = Double(keep + (acknowledgedBy[Int32(x)]?.count ?? 0))
                            if Double(near) <= Double(listed) * min(1, needed / Double(total)) {
                                met.removeAll(keepingCapacity: true)
                                for list in listsOf[x] {
                                    indexes[list].forEachMeeting(s, e) { y in
                                        if Int(y) != x, collides(x, Int(y)) { met.append(y) }
                                    }
                                }
                                met.sort()
                                let acknowledgedOfX = acknowledgedBy[Int32(x)] ?? []
                                var own = 0, any = 0
                                for y in met where own < keep || any < keep {
                                    if acknowledgedOfX.contains(y) { continue }
                                    if own < keep, squads[Int(y)] == squads[x] {
                                        slotsOut[x * 2 * kept + own] = y
                                        own += 1
                                    }
                                    if any < keep {
                                        slotsOut[x * 2 * kept + kept + any] = y
                                        any += 1
                                    }
                                }
                                foundOut[2 * x] = Int32(own)
                                foundOut[2 * x + 1] = Int32(any)
                                continue
                            }
                            if same > 0 {
                                let own = listsOf[x].compactMap { bySquad[$0][squads[x]]?.ranks }
                                foundOut[2 * x] = scan(x, own, total: same, slot: x * 2 * kept, keep: keep)
                            }
                            foundOut[2 * x + 1] = scan(x, listsOf[x].map { lists[$0] }, total: total, slot: x * 2 * kept + kept, keep: keep)
                        }
                    }
                }
            }
        }
        self.counts = counts
        self.slots = slots
        self.found = found
    }

    /// Rank r's kept partners, ascending: its first unacknowledged ones of its own squad and of
    /// any, and every acknowledged one.
    func partners(of r: Int) -> [Int32] {
        let base = r * 2 * kept
        let own = slots[base..<(base + Int(found[2 * r]))]
        let any = slots[(base + kept)..<(base + kept + Int(found[2 * r + 1]))]
        var all = Array(own) + Array(any) + (acknowledged[Int32(r)] ?? [])
        all.sort()
        var kept = 0
        for k in all.indices where k == 0 || all[k] != all[k - 1] {
            all[kept] = all[k]
            kept += 1
        }
        return Array(all.prefix(kept))
    }

    /// Whether rank r keeps every partner it has.
    func keepsAll(_ r: Int) -> Bool { counts[r] <= Int(found[2 * r + 1]) + (acknowledged[Int32(r)]?.count ?? 0) }
}

/// Whether two audiences (by their numbers in `CollisionDetection.tests`) meet: from its table
/// when it has one, else compared.
struct AudienceTable: Sendable {
    let audiences: [AudienceKey]
    let meets: [Bool]

    func meet(_ a: Int32, _ b: Int32) -> Bool {
        meets.isEmpty ? audiences[Int(a)].meets(audiences[Int(b)]) : meets[Int(a) * audiences.count + Int(b)]
    }

    /// For each audience, true when it surely meets every one: its segment is the only one named
    /// (or it names none), and it names a region, and a platform, that every audience naming any
    /// names (or names none). Counting then reads all windows at once, not each audience's:
    /// hundreds of audiences that all meet (EMEA and a region each) made the count per experiment
    /// grow with them. False where unsure (each audience is then compared, as before).
    func meetingAll() -> [Bool] {
        var segments: [String: Int] = [:], regions: [String: Int] = [:], platforms: [String: Int] = [:]
        var named = (segments: 0, regions: 0, platforms: 0)
        for key in audiences {
            if let segment = key.segment {
                segments[segment, default: 0] += 1
                named.segments += 1
            }
            if let set = key.regions {
                for region in set { regions[region, default: 0] += 1 }
                named.regions += 1
            }
            if let set = key.platforms {
                for platform in set { platforms[platform, default: 0] += 1 }
                named.platforms += 1
            }
        }
        return audiences.map { key in
            (key.segment.map { segments[$0] == named.segments } ?? true)
                && (key.regions.map { set in set.contains { regions[$0] == named.regions } } ?? true)
                && (key.platforms.map { set in set.contains { platforms[$0] == named.platforms } } ?? true)
        }
    }
}

/// A list's windows by audience, and by audience and exclusion group, sorted by start and by end,
/// so that those meeting a window are counted by binary searches.
private struct WindowIndex {
    struct Windows {
        var starts: [Int] = []
        var ends: [Int] = []

        /// How many meet `s`…`e`: all less those ending before `s` and those starting after `e`
        /// (none does both: each starts no later than it ends).
        func meeting(_ s: Int, _ e: Int) -> Int {
            starts.count - ends.countBelow(s) - (starts.count - starts.countBelow(e == Int.max ? e : e + 1))
        }
    }

    var audiences: [(audience: Int32, windows: Windows)] = []
    var grouped: [UInt64: Windows] = [:]
    /// Every window, of any audience, and by exclusion group.
    var all = Windows()
    var allGrouped: [Int32: Windows] = [:]
    /// When findable: the windows by start, with their ranks, and the latest end of each span of
    /// them as a tree (`latest[1]` all of them, `latest[k]` the two halves `2k` and `2k + 1`, the
    /// leaves from `latest.count / 2`), so that those meeting a window are found without the others.
    var byStart: [(start: Int, end: Int, rank: Int32)] = []
    var latest: [Int] = []

    init(_ ranks: [Int32], tests: [CollisionDetection.Test], starts: [Int], ends: [Int], findable: Bool) {
        var byAudience: [Int32: Windows] = [:]
        for r in ranks.map(Int.init) where starts[r] <= ends[r] {
            all.starts.append(starts[r])
            all.ends.append(ends[r])
            if findable { byStart.append((starts[r], ends[r], Int32(r))) }
            if tests[r].group >= 0 {
                allGrouped[tests[r].group, default: Windows()].starts.append(starts[r])
                allGrouped[tests[r].group, default: Windows()].ends.append(ends[r])
            }
            byAudience[tests[r].audience, default: Windows()].starts.append(starts[r])
            byAudience[tests[r].audience, default: Windows()].ends.append(ends[r])
            if tests[r].group >= 0 {
                let key = UInt64(UInt32(bitPattern: tests[r].audience)) << 32 | UInt64(UInt32(bitPattern: tests[r].group))
                grouped[key, default: Windows()].starts.append(starts[r])
                grouped[key, default: Windows()].ends.append(ends[r])
            }
        }
        audiences = byAudience.map { ($0.key, Windows(starts: $0.value.starts.sorted(), ends: $0.value.ends.sorted())) }
            .sorted { $0.audience < $1.audience }
        for key in Array(grouped.keys) {
            grouped[key]!.starts.sort()
            grouped[key]!.ends.sort()
        }
        all.starts.sort()
        all.ends.sort()
        for key in Array(allGrouped.keys) {
            allGrouped[key]!.starts.sort()
            allGrouped[key]!.ends.sort()
        }
        guard findable else { return }
        byStart.sort { $0.start < $1.start }
        var leaves = 1
        while leaves < byStart.count { leaves *= 2 }
        latest = [Int](repeating: Int.min, count: 2 * leaves)
        for (k, window) in byStart.enumerated() { latest[leaves + k] = window.end }
        for k in stride(from: leaves - 1, through: 1, by: -1) { latest[k] = max(latest[2 * k], latest[2 * k + 1]) }
    }

    /// Calls `body` with the rank of each window that meets `s`…`e` (of any audience or group), in
    /// no set order: among those starting by `e`, the spans whose latest end is not before `s`.
    func forEachMeeting(_ s: Int, _ e: Int, _ body: (Int32) -> Void) {
        let starting = byStart.count - byStart.countStartingAfter(e)
        guard starting > 0 else { return }
        let leaves = latest.count / 2
        var spans: [(node: Int, low: Int, high: Int)] = [(1, 0, leaves)]
        while let (node, low, high) = spans.popLast() {
            guard low < starting, latest[node] >= s else { continue }
            if node >= leaves {
                body(byStart[low].rank)
                continue
            }
            let middle = (low + high) / 2
            spans.append((2 * node, low, middle))
            spans.append((2 * node + 1, middle, high))
        }
    }

    /// How many windows of the audiences `audience` meets, outside exclusion group `group` (-1: none),
    /// meet `s`…`e`; `everyone` says it meets every audience (`AudienceTable.meetingAll`).
    func meeting(_ s: Int, _ e: Int, audience: Int32, group: Int32, audiences table: AudienceTable, everyone: Bool) -> Int {
        if everyone {
            return all.meeting(s, e) - (group >= 0 ? allGrouped[group]?.meeting(s, e) ?? 0 : 0)
        }
        var total = 0
        for (other, windows) in audiences where table.meet(audience, other) {
            total += windows.meeting(s, e)
            if group >= 0, let same = grouped[UInt64(UInt32(bitPattern: other)) << 32 | UInt64(UInt32(bitPattern: group))] {
                total -= same.meeting(s, e)
            }
        }
        return total
    }
}

extension Array where Element: Comparable {
    /// How many elements of the sorted array are below `value` (the index where it would go first).
    func countBelow(_ value: Element) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension Array where Element == (start: Int, end: Int, rank: Int32) {
    /// How many of the windows, sorted by start, start after `value`.
    fileprivate func countStartingAfter(_ value: Int) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid].start <= value { low = mid + 1 } else { high = mid }
        }
        return count - low
    }
}
