import PlaybookOverlaps

/// Each hypothesis's or experiment's `overlap-duplicate` findings capped at `perEntity`: its closest
/// duplicates by score, ties by the other's id, pairs an approval acknowledges after all the others
/// (as `overlap-related` caps its notes). 1,000 copies of one written hypothesis over four squads are
/// 375,000 duplicate pairs, 750,000 findings that nobody reads; `playbook overlaps` still lists every pair.
struct DuplicateCap: Sendable {
    let perEntity: Int
    /// For each overlap (by place) that is a duplicate, its place among each side's duplicates
    /// (in `sides`' order, 1-based), where that side has more than `perEntity`; absent otherwise.
    private var ranks: [Int: (Int, Int)] = [:]
    /// For each entity with more than `perEntity` duplicates, how many it has.
    private var totals: [String: Int] = [:]

    /// The duplicates among `overlaps` (read in place) ranked for each side with more than `perEntity`.
    init(_ overlaps: UnsafeBufferPointer<Overlap>, perEntity: Int) {
        self.perEntity = perEntity
        var byEntity: [String: [Int]] = [:]
        for index in overlaps.indices where overlaps[index].kind == .duplicate && overlaps[index].sides.count == 2 {
            byEntity[overlaps[index].sides[0].id, default: []].append(index)
            byEntity[overlaps[index].sides[1].id, default: []].append(index)
        }
        var ranks: [Int: (Int, Int)] = [:]
        for (entity, list) in byEntity where list.count > perEntity {
            totals[entity] = list.count
            // Each pair's order read once: (acknowledged, score, the other's id, place).
            var keyed = list.map { index in
                let sides = overlaps[index].sides
                return (overlaps[index].isAcknowledged, overlaps[index].score, sides[0].id == entity ? sides[1].id : sides[0].id, index)
            }
            keyed.sort { a, b in
                if a.0 != b.0 { return !a.0 }
                if a.1 != b.1 { return a.1 > b.1 }
                if a.2 != b.2 { return a.2 < b.2 }
                return a.3 < b.3
            }
            let ordered = keyed.map(\.3)
            for (offset, index) in ordered.enumerated() {
                var rank = ranks[index] ?? (0, 0)
                if overlaps[index].sides[0].id == entity { rank.0 = offset + 1 } else { rank.1 = offset + 1 }
                ranks[index] = rank
            }
        }
        self.ranks = ranks
    }

    /// Whether the duplicate at `index` is written on its side `side`.
    func noted(_ index: Int, side: Int) -> Bool {
        guard let rank = ranks[index] else { return true }
        let place = side == 0 ? rank.0 : rank.1
        return place == 0 || place <= perEntity
    }

    /// How many more duplicates than are noted the entity of `side` has, when the duplicate at
    /// `index` is the last noted on that side; nil otherwise.
    func more(_ index: Int, side: Int, entity: String) -> Int? {
        guard let rank = ranks[index], (side == 0 ? rank.0 : rank.1) == perEntity, let total = totals[entity] else { return nil }
        return total - perEntity
    }
}
