import PlaybookModel
import PlaybookSimilarity

/// Experiments that are duplicates through their hypotheses: two experiments, each testing its own
/// hypothesis, where those hypotheses are duplicates of each other (the same change, toward the
/// same metric, for audiences that can overlap), are duplicated work too, whatever their titles
/// say ("Protein swap at checkout" / "Meat substitution test"), when their own fields do not tell
/// them apart: the same metric (through the catalog) or one of them naming none, related surfaces,
/// audiences that can overlap, and no platform or region in their titles that differs.
///
/// A pair already found by its titles (as a duplicate or as related work) keeps that finding, and
/// titles that go opposite ways ("Longer trial" / "Shorter trial") keep a pair apart. A council's
/// approval of the two hypotheses' duplicate covers their experiments' too.
/// Experiments testing one and the same hypothesis are left to their titles: re-running an idea
/// (a second version after a first) is how one hypothesis is usually tested twice.
extension DuplicateDetection {
    /// What this check reads of an experiment, taken from its item before the items are compared.
    struct Tester {
        var side: OverlapSide
        var hypothesis: String
        var metric: String?
        var facets: Facets
        var surface: String?
        var audience: Audience?
        var direction: ChangeDirection

        init?(_ item: Item) {
            guard item.isExperiment, let hypothesis = item.testedHypothesis, !hypothesis.isEmpty else { return nil }
            side = item.side
            self.hypothesis = hypothesis
            metric = item.metric
            facets = item.facets
            surface = item.experimentSurface
            audience = item.experimentAudience
            direction = item.direction
        }
    }

    /// The pairs of `testers` through the hypotheses' duplicates among `hypothesisOverlaps`, added to
    /// `experimentOverlaps` (ordered by the hypotheses' pairs as found, then by the experiments' order). A pair
    /// `experimentOverlaps` already holds keeps its finding, but for related work that only names a detail of
    /// wording ("tasting flight / discovery kit": the two squads' words for one idea), which the duplicate
    /// replaces (review53c #4: with the model it stayed related, by words alone it was a duplicate). Related
    /// work found this way is left out when related work is capped per entity (`relatedPerEntity`, lint).
    static func throughHypotheses(_ testers: [Tester], hypothesisOverlaps: [Overlap], experimentOverlaps: inout [Overlap],
                                  catalog: MetricCatalog, options: OverlapOptions) {
        let duplicates = hypothesisOverlaps.filter { $0.kind == .duplicate && $0.sides.count == 2 }
        guard !duplicates.isEmpty, testers.count > 1 else { return }
        var testing: [String: [Int]] = [:]
        for (index, tester) in testers.enumerated() { testing[tester.hypothesis, default: []].append(index) }
        var known: [PairKey: Int] = [:]
        for (index, overlap) in experimentOverlaps.enumerated() where overlap.sides.count == 2 {
            known[PairKey(overlap.sides[0].id, overlap.sides[1].id)] = index
        }
        // The pairs whose finding stays: all but related work that only names a detail of wording.
        let held = Set(known.filter { !(experimentOverlaps[$0.value].kind == .related && experimentOverlaps[$0.value].differsOnlyInWording) }.keys)
        // The pairs to judge, in order (the hypotheses' pairs as found, then the experiments' order); judged side by
        // side over the cores (each judgement reads only its two testers), then taken in that order as before: on one
        // thread, judging and wording tens of thousands of pairs was a tenth of a large playbook's lint.
        var asked: [(first: Int, second: Int, through: Int, key: PairKey)] = []
        for (through, duplicate) in duplicates.enumerated() {
            let (first, second) = (duplicate.sides[0].id, duplicate.sides[1].id)
            guard first != second, let left = testing[first], let right = testing[second] else { continue }
            for i in left {
                for j in right {
                    let (a, b) = (testers[i].side, testers[j].side)
                    guard a.id != b.id, options.sameSquad || a.squad == nil || a.squad != b.squad else { continue }
                    asked.append((i, j, through, PairKey(a.id, b.id)))
                }
            }
        }
        let verdicts: [Overlap?] = testers.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let testersInPlace = buffer
            return sideBySide(asked.count) { index in
                let pair = asked[index]
                // A pair another finding keeps is never judged (the loop below skips it).
                if held.contains(pair.key) { return nil }
                return judged(testersInPlace[pair.first], testersInPlace[pair.second], through: duplicates[pair.through],
                              catalog: catalog, options: options)
            }
        }
        var found: [Overlap] = []
        var added = Set<PairKey>()
        for (index, pair) in asked.enumerated() {
            let key = pair.key
            guard !added.contains(key) else { continue }
            guard !held.contains(key), var overlap = verdicts[index] else { continue }
            let duplicate = duplicates[pair.through]
            // Reviewed as the hypotheses' duplicate: the experiments' is the same finding (`OverlapFinder.acknowledged`
            // keeps it unless an approval names the experiments themselves).
            overlap.acknowledgedBy = options.reviewed.reviewer(duplicate.sides[0].id, duplicate.sides[1].id)
            if let existing = known[key] {
                guard overlap.kind == .duplicate else { continue }
                if overlap.acknowledgedBy == nil { overlap.acknowledgedBy = experimentOverlaps[existing].acknowledgedBy }
                experimentOverlaps[existing] = overlap
            } else {
                // Related work is noted per entity under a cap (lint: its closest related, the last note
                // counting the rest), chosen among the pairs its titles found: these are listed by
                // `playbook overlaps`, which caps nothing (review53d #2: added under the cap, they crowded out
                // other notes and were counted in no "related to N more").
                if overlap.kind == .related, options.relatedPerEntity != nil { continue }
                found.append(overlap)
            }
            added.insert(key)
        }
        experimentOverlaps += found
    }

    /// The finding for two experiments whose hypotheses are the duplicate `through`: a duplicate when their
    /// own fields do not tell them apart, else related work naming what differs (review53c #8: experiments
    /// of one idea in Germany and in France got no finding at all); nil when their titles go opposite ways.
    static func judged(_ a: Tester, _ b: Tester, through: Overlap, catalog: MetricCatalog, options: OverlapOptions) -> Overlap? {
        // Worded in id order, as the pair is listed.
        let (a, b) = a.side.id <= b.side.id ? (a, b) : (b, a)
        if ChangeDirection.opposes(a.direction, b.direction) { return nil }
        var matches: [String] = []
        var differences: [String] = []
        if let ma = a.metric, let mb = b.metric {
            if let same = catalog.same(ma, mb) { matches.append("metric \(same)") } else { differences.append("metric (\(catalog.apart(ma, mb)))") }
        }
        let facets = Facets.differences(a.facets, b.facets)
        for (facet, detail) in facets { differences.append("\(facet.rawValue) (\(detail))") }
        matches += Facets.matchesNamed(a.facets, b.facets)
        if let sa = a.surface, let sb = b.surface {
            if Surface.related(sa, sb) { matches.append("surface") } else { differences.append("surface (\(sa) / \(sb))") }
        }
        if AudienceOverlap.possible(a.audience, b.audience) {
            matches.append("audience")
        } else {
            // A region or platform the titles already differ in is not named twice.
            let named = Set(facets.filter { !$0.1.unicodeScalars.contains("–") }.map(\.0.rawValue))
            if let apart = AudienceOverlap.apart(a.audience, b.audience, besides: named) { differences.append("audience (\(apart))") }
        }
        var reason = "experiments"
        whose(a.side.squad, b.side.squad, into: &reason)
        reason += " test hypotheses that make the same change (\(a.side.id) tests \(a.hypothesis), \(b.side.id) tests \(b.hypothesis): "
        reason += through.countedAtThreshold ? "duplicates by a cosine too low to count alone, found by the alignment or with the rationales, counted at the threshold \(format(options.threshold)))"
            : "duplicates, score \(format(through.score)) ≥ threshold \(format(options.threshold)))"
        if !differences.isEmpty { reason += " but differ in " + differences.joined(separator: ", ") }
        reason += "; match: hypotheses \(a.hypothesis) / \(b.hypothesis)"
        for match in matches { reason += ", " + match }
        reason += "; shared terms: "
        reason += through.terms.isEmpty ? "none" : through.terms.joined(separator: ", ")
        var overlap = Overlap(kind: differences.isEmpty ? .duplicate : .related, sides: [a.side, b.side], score: through.score,
                              reason: reason, terms: through.terms)
        overlap.countedAtThreshold = through.countedAtThreshold
        return overlap
    }

    /// Two ids in either order.
    struct PairKey: Hashable {
        let first: String
        let second: String
        init(_ a: String, _ b: String) { (first, second) = a < b ? (a, b) : (b, a) }
    }
}
