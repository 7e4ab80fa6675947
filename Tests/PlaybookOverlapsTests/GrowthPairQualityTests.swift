import Foundation
import XCTest
import PlaybookOverlaps
import PlaybookEmbedding
import PlaybookSimilarity

/// Duplicate detection on the labelled growth pairs, every side a hypothesis of its own squad in
/// one repository. Thresholds and word lists were first chosen on the `tune` half; since then every
/// set here has been seen (`fresh3` last, as validation data), so every floor below is in-sample.
/// Run with `--filter GrowthPairQualityTests` to see figures.
final class GrowthPairQualityTests: XCTestCase {
    struct Quality {
        var found = 0, duplicates = 0, flagged = 0, different = 0, falsePositives = 0
        var precision: Double { found + falsePositives == 0 ? 1 : Double(found) / Double(found + falsePositives) }
        var recall: Double { duplicates == 0 ? 1 : Double(found) / Double(duplicates) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// Every labelled pair's verdict (duplicate, related, nothing), and how many other pairs were called duplicates.
    static func verdicts(_ pairs: [GrowthPair], threshold: Double, encoder: (any SentenceEncoder)? = nil, meaningMap: Bool = true) throws
        -> (kinds: [String: OverlapKind], strays: [Overlap], found: [Overlap]) {
        var documents = try GrowthPair.catalog()
        var ids: [String: [String]] = [:]
        // Each idea's first side is in two labelled pairs (with its rewording and its look-alike).
        var role: [String: (idea: String, side: Character)] = [:]
        for (index, pair) in pairs.enumerated() {
            let a = String(format: "HYP-%04d", 2 * index + 1), b = String(format: "HYP-%04d", 2 * index + 2)
            documents.append(GrowthPair.document(pair.a, id: a, squad: "squad-\(2 * index)"))
            documents.append(GrowthPair.document(pair.b, id: b, squad: "squad-\(2 * index + 1)"))
            ids[pair.id] = [a, b]
            role[a] = (pair.a.change, "a")
            role[b] = (pair.a.change, pair.duplicate ? "b" : "c")
        }
        let found = OverlapFinder.duplicates(entities(documents.joined(separator: "\n---\n")),
                                             options: OverlapOptions(threshold: threshold, meaningMap: meaningMap), encoder: encoder)
        var byIDs: [[String]: OverlapKind] = [:]
        for overlap in found { byIDs[overlap.ids] = overlap.kind }
        let labelled = Set(ids.values)
        // A stray: a duplicate between two texts that are not one idea's first side and its rewording.
        let strays = found.filter { overlap in
            guard overlap.kind == .duplicate, !labelled.contains(overlap.ids),
                  let x = role[overlap.ids[0]], let y = role[overlap.ids[1]] else { return false }
            return !(x.idea == y.idea && x.side != "c" && y.side != "c")
        }
        return (ids.compactMapValues { byIDs[$0] }, strays, found)
    }

    static func quality(_ pairs: [GrowthPair], _ kinds: [String: OverlapKind]) -> Quality {
        var q = Quality()
        for pair in pairs {
            let flagged = kinds[pair.id] == .duplicate
            if pair.duplicate {
                q.duplicates += 1
                if flagged { q.found += 1 }
            } else {
                q.different += 1
                if flagged { q.flagged += 1; q.falsePositives += 1 }
            }
        }
        return q
    }

    static func report(_ name: String, _ pairs: [GrowthPair], encoder: (any SentenceEncoder)?) throws {
        for split in ["tune", "tune2", "held-out"] {
            let part = pairs.filter { $0.split == split }
            for threshold in stride(from: 0.2, through: 0.7, by: 0.05) {
                let t = (threshold * 100).rounded() / 100
                let (kinds, strays, _) = try verdicts(part, threshold: t, encoder: encoder)
                let q = quality(part, kinds)
                print(String(format: "%@ %@ %.2f: precision %.3f recall %.3f F1 %.3f; duplicates found %d/%d, look-alikes flagged %d/%d, other pairs called duplicates %d%@",
                             name, split, t, q.precision, q.recall, q.f1, q.found, q.duplicates, q.flagged, q.different, strays.count,
                             abs(t - OverlapOptions.defaultThreshold) < 0.001 ? "  <- default" : ""))
            }
        }
    }

    func testFiguresWithAndWithoutTheModel() throws {
        let pairs = try GrowthPair.load()
        try Self.report("words", pairs, encoder: nil)
        // Vectors of every text computed by the model outside the test (see the README's calibration section).
        if let path = ProcessInfo.processInfo.environment["PLAYBOOK_PAIR_VECTORS"], let table = VectorTable(path: path) {
            try Self.report("model", pairs, encoder: table)
        }
    }

    /// Words alone find few rewordings that share no words, but the fields keep look-alikes out.
    func testHeldOutQualityWithoutTheModel() throws {
        let pairs = try GrowthPair.load().filter { $0.split == "held-out" }
        let q = Self.quality(pairs, try Self.verdicts(pairs, threshold: OverlapOptions.defaultThreshold).kinds)
        print(String(format: "held-out, words only: F1 %.3f; %d/%d found, %d/%d flagged", q.f1, q.found, q.duplicates, q.flagged, q.different))
        // Measured: F1 0.105, 3 of 51 rewordings found, 3 of 51 look-alikes flagged (the swapped-detail
        // rule, which needs the model, would give 0.074, 2 and 1). In-sample by now.
        XCTAssertGreaterThanOrEqual(q.f1, 0.1, "F1 on the held-out half, words only")
        XCTAssertGreaterThanOrEqual(q.found, 3, "rewordings found, words only")
        XCTAssertLessThanOrEqual(q.flagged, 3, "look-alikes flagged as duplicates, words only")
    }

    /// With all-MiniLM-L6-v2's vectors of the held-out texts (committed, made by
    /// `Data/make-pair-vectors.py`): most rewordings found, look-alikes kept out, few other pairs.
    /// Measured: F1 0.828 over the labelled pairs (36 of 51 rewordings found, 0 of 51 look-alikes
    /// flagged), and 16 other pairs of the 102 hypotheses called duplicates (before the wording rules
    /// of `FieldComparison`: 37, 3 and 16; 15 before the weak-match and tie-break rules of
    /// `MeaningNeighbours.swift`: one more with these int8 vectors, the installed model's 16 unchanged).
    /// The half has been looked at many times: in-sample. With the rival and look-alike rules of
    /// `dupq4` (chosen on all seven sets, `fresh4` included): F1 0.841, 37 found, 0 flagged, 15 other pairs.
    /// With the rules of `dupq5` (before / after, the denial tie-break; chosen on all eight sets): F1 0.854,
    /// 38 found, 0 flagged, 14 other pairs. With the clear-margin rule of `dupq7` (a weak match standing
    /// clear of its metric's other texts; its knob chosen leaving one set out): F1 0.879, 40, 0 and 14.
    /// Measured with the durations, times of day and shares of `dupq16` (`StatedMeasures.swift`): F1 0.891,
    /// 41, 0 and 13. With the hyphenated compounds of `dupq23` ("password-free"): 42, 0 and 13, the floors.
    func testHeldOutQualityWithMiniLMVectors() throws {
        let pairs = try GrowthPair.load().filter { $0.split == "held-out" }
        let table = try XCTUnwrap(VectorTable(fixture: "held-out-vectors.json"))
        let (kinds, strays, _) = try Self.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: table)
        let q = Self.quality(pairs, kinds)
        print(String(format: "held-out with MiniLM vectors: precision %.3f recall %.3f F1 %.3f; %d/%d found, %d/%d flagged, %d other pairs",
                     q.precision, q.recall, q.f1, q.found, q.duplicates, q.flagged, q.different, strays.count))
        XCTAssertGreaterThanOrEqual(q.f1, 0.89)
        // With the compounds of `dupq23`: F1 0.903, 42, 0 and 13.
        XCTAssertGreaterThanOrEqual(q.found, 42, "rewordings found")
        XCTAssertLessThanOrEqual(q.flagged, 0, "look-alikes flagged")
        XCTAssertLessThanOrEqual(strays.count, 13, "other pairs of different ideas called duplicates")
        // Every look-alike that reads alike is a related note naming a difference, never silence about why.
        for pair in pairs where !pair.duplicate && kinds[pair.id] == .related { XCTAssertNotEqual(pair.kind, "") }
    }

    /// The same with the model itself (`scripts/test` installs it; `PLAYBOOK_MODEL` points elsewhere).
    func testHeldOutQualityWithTheInstalledModel() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        let pairs = try GrowthPair.load().filter { $0.split == "held-out" }
        let (kinds, strays, _) = try Self.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: model)
        let q = Self.quality(pairs, kinds)
        print(String(format: "held-out with the installed model: precision %.3f recall %.3f F1 %.3f; %d/%d found, %d/%d flagged, %d other pairs",
                     q.precision, q.recall, q.f1, q.found, q.duplicates, q.flagged, q.different, strays.count))
        // Measured: F1 0.828, 36 of 51 rewordings found, 0 of 51 look-alikes flagged, as with the committed
        // vectors; 16 other pairs (one more than the numpy vectors give: a cosine at the bar's edge).
        // With the rules of `dupq4`: F1 0.841, 37, 0 and 15 (in-sample); of `dupq5`: F1 0.854, 38, 0 and 14;
        // of `dupq7` (the clear-margin rule): F1 0.879, 40, 0 and 14; of `dupq8` (token alignment in the grey
        // band, which the committed vectors cannot give: they have no token states): F1 0.915, 43, 0 and 14;
        // with the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1): F1 0.938,
        // 45, 0 and 14 in-sample (44, 0 and 15 with the knobs this set chose on the eleven others). With the
        // durations, times of day and shares of `dupq16` (`StatedMeasures.swift`: "from the evening to
        // breakfast time" goes with 8 am instead of 7 pm; no knob, every set takes it left out): F1 0.948, 46,
        // 0 and 13. With the compounds of `dupq23` ("password-free" says without a password): F1 0.959, 47, 0 and 13.
        // With `dupq37`'s listing page that meets search results ("… on the listing page" / "… in search results"):
        // F1 0.970, 48, 0 and 13.
        XCTAssertGreaterThanOrEqual(q.f1, 0.965)
        XCTAssertGreaterThanOrEqual(q.found, 48, "rewordings found")
        XCTAssertLessThanOrEqual(q.flagged, 0, "look-alikes flagged")
        XCTAssertLessThanOrEqual(strays.count, 13, "other pairs of different ideas called duplicates")
    }

    /// Figures on a fresh set, counted the way a repository sees it: every pair called duplicate
    /// that is not one idea and its rewording is a false positive.
    static func freshFigures(_ file: String, encoder: any SentenceEncoder) throws
        -> (found: Int, duplicates: Int, flagged: Int, different: Int, strays: Int, f1: Double, f1All: Double, wordsFlagged: Int) {
        let pairs = try GrowthPair.load(file)
        let (kinds, strays, _) = try verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: encoder)
        let q = quality(pairs, kinds)
        let called = q.found + q.flagged + strays.count
        let precision = called == 0 ? 1 : Double(q.found) / Double(called)
        let f1All = precision + q.recall == 0 ? 0 : 2 * precision * q.recall / (precision + q.recall)
        let words = quality(pairs, try verdicts(pairs, threshold: OverlapOptions.defaultThreshold).kinds)
        print(String(format: "%@ with the installed model: %d/%d found, %d/%d flagged, %d other pairs; F1 %.3f over the labelled pairs, %.3f counting the other pairs; words only: %d/%d found, %d/%d flagged",
                     file, q.found, q.duplicates, q.flagged, q.different, strays.count, q.f1, f1All,
                     words.found, words.duplicates, words.flagged, words.different))
        return (q.found, q.duplicates, q.flagged, q.different, strays.count, q.f1, f1All, words.flagged)
    }

    /// A fresh set's figures with the installed model, held to floors (and its count of rewordings).
    private func assertFloors(_ file: String, duplicates: Int? = nil, found: Int, flagged: Int, strays: Int, wordsFlagged: Int,
                              line: UInt = #line) throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL", line: line)
        }
        let f = try Self.freshFigures(file, encoder: model)
        if let duplicates { XCTAssertEqual(f.duplicates, duplicates, line: line) }
        XCTAssertGreaterThanOrEqual(f.found, found, "rewordings found", line: line)
        XCTAssertLessThanOrEqual(f.flagged, flagged, "look-alikes flagged", line: line)
        XCTAssertLessThanOrEqual(f.strays, strays, "other pairs of different ideas called duplicates", line: line)
        XCTAssertLessThanOrEqual(f.wordsFlagged, wordsFlagged, "look-alikes flagged, words only", line: line)
    }

    /// The first fresh set (`Data/fresh-pairs.tsv`: 60 ideas, 120 pairs, each side with its own
    /// rationale), measured once on the branch that wrote it (42 of 60 found, 10 flagged, 23 other
    /// pairs); since then seen data (the wording rules of `FieldComparison` and the neighbour rules of
    /// `MeaningNeighbours.swift` were chosen on it), so these floors are in-sample: 53, 3 and 11 (F1
    /// 0.914 over the labelled pairs, 0.835 counting the other pairs; 46, 3 and 12 before the
    /// neighbour rules); words only 0 and 15. With the rules of `dupq4`: 52, 3 and 10 (F1 0.904 and
    /// 0.832): one rewording lost to a tie with a negated look-alike ("price drop alerts" reads as a
    /// direction the rewording, "gets cheaper", does not name). With the rules of `dupq5`: 52, 2 and 8
    /// (F1 0.912 and 0.852; "right after the flight is booked" / "a week before the flight" now opposite ways).
    /// With the tie-break of `dupq10` (a denial decides before a field read as look-alikes; a text goes
    /// with the look-alike whose own number it states, `StatedQuantities.swift`; no knob): 55, 2 and 5 (the
    /// "gets cheaper" rewording above, "a fortnight … rather than four weeks", "a fifth instead of a tenth").
    /// With the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 53, 2 and 9 (F1 0.922 and 0.855); left one set out (audiences from 0.25
    /// chosen on the others) 53, 2 and 10. With `dupq10` and `dupq11` both merged: 56, 2 and 6 (F1 0.949 and
    /// 0.903), the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 56, 2 and 6 → 57, 2 and 7, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 57, 2 and 7 → 57, 2 and 8, the floors.
    func testFreshSetQualityWithTheInstalledModel() throws {
        try assertFloors("fresh-pairs.tsv", found: 57, flagged: 2, strays: 8, wordsFlagged: 15)
    }

    /// The second fresh set (`Data/fresh2-pairs.tsv`: 40 ideas, 80 pairs), measured once on the branch
    /// that wrote it (32 found, 8 flagged, 23 other pairs); seen data since, in-sample: 33, 1 and 9
    /// (F1 0.892 over the labelled pairs, 0.795 counting the other pairs; 31, 1 and 11 before the
    /// neighbour rules of `MeaningNeighbours.swift`); words only 0 and 9. With the rules of `dupq4`:
    /// 33, 1 and 10 (F1 0.892 and 0.786); of `dupq5` the same; of `dupq8` (token alignment in the grey
    /// band): 34, 1 and 10 (F1 0.907 and 0.800). With the operating point of `dupq11` the same. With `dupq34`'s
    /// readings of a count given instead of another ("eight things instead of twenty before showing") and of a
    /// condition's verb ("when a telematics box shows"): 37, 1 and 8, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 38, 1 and 8 → 39, 1 and 4, the floors.
    func testSecondFreshSetQualityWithTheInstalledModel() throws {
        try assertFloors("fresh2-pairs.tsv", found: 39, flagged: 1, strays: 4, wordsFlagged: 9)
    }

    /// The third fresh set (`Data/fresh3-pairs.tsv`: 40 ideas, 80 pairs), written before the wording
    /// rules and measured once with them, at the end: the held-out figure then. Measured
    /// once (2026-12-01): 32 of 40 rewordings found, 6 of 40 look-alikes flagged, 16 other pairs of the
    /// 80 hypotheses; F1 0.821 over the labelled pairs, 0.681 counting the other pairs. Words only: 2 of
    /// 40 found, 8 of 40 flagged. (Measured a second time after `FieldComparison.detailTerms` was added
    /// for the generated benchmark, not for these pairs: the same; a third time after the swapped-detail
    /// rule was limited to runs with the model, for the CLI's words-only tests: the same with the model,
    /// words only 2 of 40 found and 15 of 40 flagged.) Since then validation data: its mistakes were
    /// read and the near-copy rule of `FieldComparison` and the neighbour rules of
    /// `MeaningNeighbours.swift` were chosen on it with the other sets, so these floors are in-sample:
    /// 34 found, 0 flagged, 8 other pairs (F1 0.919 over the labelled pairs, 0.829 counting the other
    /// pairs). Left out of the choice of the knobs (leave-one-set-out), it scored the same. The rules
    /// of `dupq4` give the same figures; those of `dupq5` 35, 0 and 7 (F1 0.933 and 0.854: a rewording
    /// that denies nothing goes with the look-alike that denies nothing). With the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 35, 0
    /// and 8 (F1 0.933 and 0.843), the same left one set out. With the facet paraphrases of `dupq19`
    /// (`Facets.paraphrases`: "kids" and "primary school pupils" are children, not teenagers; left one set
    /// out the audiences by age would not be taken, 35, 0 and 8): 36, 0 and 7 (F1 0.947 and 0.867), the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 36, 0 and 7 → 37, 0 and 4, the floors.
    func testThirdFreshSetQualityWithTheInstalledModel() throws {
        try assertFloors("fresh3-pairs.tsv", duplicates: 40, found: 37, flagged: 0, strays: 4, wordsFlagged: 15)
    }

    /// The pairs `dupq20` wrote (`Data/dupq20-pairs.tsv`: 16 ideas of products no other set uses, each a
    /// rewording sharing few words and a look-alike differing by one thing), before it changed the facet
    /// vocabulary's overlapping values: 16 of 16 found, 0 of 16 flagged, 0 other pairs before and after (words
    /// only: 0 found, 3 flagged). Too
    /// few texts per metric to crowd a rewording out: a regression check, not a measure of recall.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 16, 0 and 0 → 16, 0 and 0, the floors.
    func testDupq20PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq20-pairs.tsv", pairs: 32, everyKind: true, found: 16, flagged: 0, strays: 0, wordsFlagged: 3)
    }

    /// The pairs `dupq22` wrote (`Data/dupq22-pairs.tsv`: 20 ideas of ten products no other set uses, two
    /// ideas a product, often under one metric, each a rewording sharing few words and a look-alike differing by
    /// one thing), before it changed any rule: 14 of 20 rewordings found, 0 of 20 look-alikes flagged, 8 other pairs
    /// (F1 0.824 over the labelled pairs, 0.667 counting the other pairs; words only: 0 found, 8 flagged). Two ideas
    /// of one product under one metric read alike to the model (two lounge ideas at 0.61): most of the other pairs.
    /// With the second view of `dupq42` (in-sample): 14, 0 and 9, the ceiling loosened by one (two ideas toward one
    /// metric, "checkout suggestions during a match" and "free first season for new teams", give alike reasons).
    /// With `dupq49`'s "no charge" against an added fee (in-sample): 15, 0 and 8 ("carries no charge" no longer goes with
    /// "add a 1% fee to … first deposit").
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 15, 0 and 8 → 19, 0 and 0, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 19, 0 and 0 → 19, 0 and 1, the floors.
    func testDupq22PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq22-pairs.tsv", pairs: 40, everyKind: true, found: 19, flagged: 0, strays: 1, wordsFlagged: 8)
    }

    /// The pairs `dupq21` wrote (`Data/dupq21-pairs.tsv`: 7 ideas, each a rewording that says the change's
    /// direction another way, "drop the phone field" / "a form without the phone field", and a look-alike
    /// going the opposite way), before it changed `ChangeDirection`: 3 of 7 found, 0 of 7 flagged, 4 other
    /// pairs before; 4, 0 and 5 after (a change that only removes something no longer opposes a denial of it:
    /// "drop the phone field" / "without the phone field"); words only 0 flagged; with the hyphenated compounds
    /// of `dupq23` ("dairy-free"): 5, 0 and 4; with `dupq49`'s absence that restates a removal ("Ad-free listening … remove
    /// ads" / "hear no adverts"): 6, 0 and 3, the floors. A regression check.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 6, 0 and 3 → 6, 0 and 1, the floors.
    func testDupq21PairsWithTheInstalledModel() throws {
        let pairs = try assertWrittenSet("dupq21-pairs.tsv", pairs: 14, everyKind: false, found: 6, flagged: 0, strays: 1, wordsFlagged: 0)
        XCTAssertEqual(pairs.count { $0.kind == "opposite" }, 7)
    }

    /// The pairs `dupq23` wrote (`Data/dupq23-pairs.tsv`: 8 ideas, each a rewording that says the change's
    /// direction through a hyphenated compound or a denial, "gluten-free" / "baked with no gluten", "no paid
    /// add-on", and a look-alike going the opposite way or denying the change through "do not let" / "do not
    /// allow"), before it changed how `TermReader` reads hyphenated compounds and `ChangeDirection` the reach of
    /// a denial. Before: 4 of 8 found, 2 of 8 flagged, 4 other pairs (words only 4 flagged); after 8, 0 and 0
    /// (words only 0 flagged; in-sample: written knowing the misreads). A regression check.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 8, 0 and 0 → 8, 0 and 0, the floors.
    func testDupq23PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq23-pairs.tsv", pairs: 16, everyKind: false, found: 8, flagged: 0, strays: 0, wordsFlagged: 0)
    }

    /// The pairs `dupq25` wrote (`Data/dupq25-pairs.tsv`: 14 ideas of seven products no other set uses, two ideas
    /// a product toward one outcome under one metric (siblings), each a rewording sharing few words, often under
    /// another metric id of the same event, and a look-alike differing by one thing, two of each kind), before it
    /// changed any rule. Main's rules (`90cdfde`): 9 of 14 rewordings found, 0 of 14 look-alikes flagged, 11 other
    /// pairs (F1 0.783 over the labelled pairs, 0.529 counting the other pairs; words only 0 found, 4 flagged), most
    /// of them an idea's sides against its sibling's (the low-balance alert and the automatic top-up of
    /// one lunch account at cosine 0.62). With a sibling no rival in the clear-margin rule either (`standClear`): 10, 0
    /// and 11 (Z023, "Stop people stewing their leaves"); the twelve seen sets unchanged. With `dupq39`'s reading of people
    /// named by their employer as its staff ("staff whose employer has signed up" had read the HR role): 10, 0 and 10, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 11, 0 and 10 → 13, 0 and 6, the floors.
    func testDupq25PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq25-pairs.tsv", pairs: 28, everyKind: true, found: 13, flagged: 0, strays: 6, wordsFlagged: 4)
    }

    /// The pairs `dupq29` wrote (`Data/dupq29-pairs.tsv`: 18 ideas of nine products no other set uses, two ideas a
    /// product, each a rewording sharing almost no word with its idea (synonyms, the consequence said instead of the
    /// mechanism: "a small dip of the chin in front of the lens flips to the next sheet" for "turn the page when the camera
    /// sees the musician nod") and a look-alike differing by one thing), before it changed the grey band. Main's rules
    /// (`e697819`): 13 of 18 rewordings found, 1 of 18 look-alikes flagged ("families with toddlers" / "… with school-age
    /// children"), 4 other pairs (F1 0.813 over the labelled pairs, 0.722 counting the other pairs); words only 0 found, 7 flagged.
    /// With `dupq32`'s childhood bands (toddlers are not the school-age): 13, 0 and 2. With `dupq43`'s second view of
    /// weak matches (X031, "Wet weekend? Move it for nothing", found): 16, 0 and 2, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 16, 0 and 2 → 17, 0 and 1, the floors.
    func testDupq29PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq29-pairs.tsv", pairs: 36, everyKind: true, found: 17, flagged: 0, strays: 1, wordsFlagged: 6)
    }

    /// The pairs `dupq28` wrote (`Data/dupq28-pairs.tsv`: 30 ideas of 15 products no other set uses, two ideas a product
    /// toward one outcome (siblings), each a rewording by another squad that keeps the outcome's words (the same phrase, or
    /// nearly, and often the same metric id) but says the change with few shared words, and a look-alike of any kind),
    /// before it changed any rule. Main's rules (`e697819`): 22 of 30 rewordings found, 3 of 30 look-alikes flagged, 21 other
    /// pairs (F1 0.800 over the labelled pairs; words only 10 flagged); 14 of the other pairs are an idea, its
    /// rewording or its look-alike against a sibling's. With `dupq30`'s reading of a place said another way ("top up" a
    /// verb, "the first thing visitors see" and "right beside what it costs" not leaving out "at the top"): 25, 3 and 18
    /// (F1 0.862); with `dupq31`'s amounts in digits and removals too (merged, `639a2dd`): 25, 1 and 19 (F1 0.893). With
    /// `dupq32`'s places of sale (the farm-shop till against the orchard café): 26, 0 and 22 (F1 0.929), the floors: the till
    /// idea's look-alike told apart, its sibling (the apple-picking day) becomes the closest text of it and its rewording.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 26, 0 and 22 → 30, 0 and 3, the floors.
    func testDupq28PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq28-pairs.tsv", pairs: 60, everyKind: true, found: 30, flagged: 0, strays: 3, wordsFlagged: 10)
    }

    /// The pairs `dupq32` wrote (`Data/dupq32-pairs.tsv`: 13 ideas of 13 products no other set uses, each a rewording
    /// and a look-alike), before it changed any rule, on four misreadings: childhood's bands as audiences ("parents of
    /// toddlers" / "families with under-fives" one audience, "… school-age children" another), "no X" against "remove X
    /// and show Y", amounts, and places of sale ("at the till" / "at the checkout" one place, "at the café counter"
    /// another). Main's rules (`5d31a6e`): 8 of 13 rewordings found, 4 of 13 look-alikes flagged, 10 other pairs. With
    /// the bands, the denial of what the other change takes away, and the places of sale (in-sample: written knowing
    /// the misreads): 12, 0 and 0, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 12, 0 and 0 → 12, 0 and 0, the floors.
    func testDupq32PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq32-pairs.tsv", pairs: 26, everyKind: false, found: 12, flagged: 0, strays: 0, wordsFlagged: 1)
    }

    /// The pairs `dupq34` wrote (`Data/dupq34-pairs.tsv`: 15 ideas of 15 products no other set uses, each a rewording by
    /// another squad sharing at most two content words of its idea's title and change, often under another metric id of the
    /// same event, and a look-alike keeping most words: 3 `opposite`, 2 of each other kind), before it changed any rule.
    /// Main's rules (`efe64b6`): 15 of 15 rewordings found, 0 of 15 look-alikes flagged, 1 other pair (words only 2 flagged), the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 15, 0 and 1 → 15, 0 and 1, the floors.
    func testDupq34PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq34-pairs.tsv", pairs: 30, everyKind: true, found: 15, flagged: 0, strays: 1, wordsFlagged: 2)
    }

    /// The pairs the lead wrote (`Data/dupq35-pairs.tsv`: 8 ideas of 8 products no other set uses, each a rewording
    /// and a look-alike) in growth teams' shorthand (CVR, AOV, D7 / D30, PDP / PLP, ATC, LTV, NPS, CTR, CTA), before any
    /// rule change. Main's rules (`efe64b6`): 7 of 8 rewordings found, 1 of 8 look-alikes flagged, 4 other pairs: the
    /// shorthand was no problem; the flag was two newsletters swapping what they put "instead of" what. With swapped
    /// replacements read as opposite changes (in-sample): 7, 0 and 2, the floors (words only: 3 flagged).
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 7, 0 and 2 → 7, 0 and 2, the floors.
    func testDupq35PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq35-pairs.tsv", pairs: 16, everyKind: false, found: 7, flagged: 0, strays: 2, wordsFlagged: 3)
    }

    /// The pairs `dupq36` wrote (`Data/dupq36-pairs.tsv`: 10 ideas of 10 products no other set uses, each with two
    /// rewordings by another squad sharing at most two content words of its title and change, half under another metric id
    /// of the same event, and two look-alikes: 3 `opposite`, 2 of each other kind, and 5 siblings, another change of the
    /// same product toward the same outcome), before it changed any rule. Main's rules (`b699f24`): 7 of 20 rewordings found, 7 of 20
    /// look-alikes flagged (all five siblings, the QR codes taken off the card, the reorder for students), 25 other pairs (each
    /// flagged look-alike against its idea's rewordings too; words only 0 found, 7 flagged). With `dupq37`'s reading of a
    /// person's own phone as no platform ("ping customers … so they add the virtual card to their phone"): 8, 7 and 24, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 8, 7 and 24 → 11, 5 and 19, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 11, 5 and 19 → 13, 4 and 16, the floors.
    func testDupq36PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq36-pairs.tsv", pairs: 40, everyKind: true, found: 13, flagged: 4, strays: 16, wordsFlagged: 7)
    }

    /// The pairs `dupq37` wrote (`Data/dupq37-pairs.tsv`: 18 ideas of 18 products no other set uses, each a rewording by
    /// another squad sharing almost no content word of the idea's title and change (nouns said another way, orders / baskets,
    /// employees / staff, "included" / "covers everything"; a place said two ways, "first" / "lead with" / "at the top";
    /// "their phone" or "their mobile" that names no platform), most under another metric id of the same event, and a
    /// look-alike: 3 `opposite`, 2 of each other kind, and 3 siblings), before it changed any rule. Main's rules (`57f5f4e`):
    /// 14 of 18 rewordings found, 3 of 18 look-alikes flagged (two siblings, the fee shown at checkout), 7 other pairs (words
    /// only 5 flagged). With people who do not pay read as the free plan ("people using the app without paying"): 15, 3 and 6;
    /// with a comparison with another way of doing it read as no direction ("priced lower than buying each separately"):
    /// 16, 3 and 5, the floors (in-sample: both rules were read from this set's misses).
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 17, 3 and 5 → 17, 3 and 5, the floors.
    func testDupq37PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq37-pairs.tsv", pairs: 36, everyKind: true, found: 17, flagged: 3, strays: 5, wordsFlagged: 5)
    }

    /// The pairs `dupq38` wrote (`Data/dupq38-pairs.tsv`: 20 ideas of 20 products no earlier set or the catalog used, each a
    /// rewording by another squad sharing almost no content word of the idea's title and change (the mechanism described, "the
    /// handset's main screen" for a home screen widget, "once a quarter" for every three months, "at zero cost" for waiving a fee),
    /// all under another metric id of the same event, and a look-alike: 3 `opposite`, 3 `audience`, 3 `platform`, 3 `surface`,
    /// 2 each of `negation`, `metric`, `region` and `sibling`), before it changed any rule. Main's rules (`3f5afee`): 15 of 20
    /// rewordings found, 1 of 20 look-alikes flagged (the grant check beside the saving on one quote), 5 other pairs; words only
    /// 5 flagged. With mums and dads read as parents and self-employed people as freelancers (in-sample): 17, 1 and 4, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 18, 1 and 3 → 18, 1 and 3, the floors.
    func testDupq38PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq38-pairs.tsv", pairs: 40, everyKind: true, found: 18, flagged: 1, strays: 3, wordsFlagged: 5)
    }

    /// The pairs `dupq39` wrote (`Data/dupq39-pairs.tsv`: 20 ideas of 20 products no earlier set or the catalog used, from
    /// feature flags and expense claims to a match-3 game and clear aligners, each a rewording by another squad sharing almost
    /// no content word of the idea's title and change ("pre-populate a demo toggle" for a sample feature flag, "a seal on its
    /// picture" for an authentication badge), 14 under another metric id of the same event, and a look-alike: 3 `opposite`, 3
    /// `audience`, 3 `platform`, 3 `surface`, 2 each of `negation`, `metric`, `region` and `sibling`), before it changed any rule.
    /// Main's rules (`8585685`): 16 of 20 rewordings found, 2 of 20 look-alikes flagged (manual entry instead of receipt photos,
    /// read as the same change; the system check page beside the practice exam, a sibling), 5 other pairs; words only 7 flagged.
    /// With people named by their employer read as its staff ("workers whose employer pays for our spend tool" had read the HR
    /// role against "employees at companies"; in-sample): 17, 2 and 6, the floors (the one more other pair is that rewording
    /// against the flagged manual-entry look-alike).
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 17, 2 and 6 → 19, 3 and 6, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 19, 3 and 6 → 18, 3 and 6, the floors.
    func testDupq39PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq39-pairs.tsv", pairs: 40, everyKind: true, found: 18, flagged: 3, strays: 6, wordsFlagged: 7)
    }

    /// The pairs `dupq40` wrote (`Data/dupq40-pairs.tsv`: 20 ideas of 20 products no earlier set or the catalog used, from
    /// hosted CI and a crypto exchange to speech therapy and parcel forwarding, each a rewording by another squad sharing almost
    /// no content word of the idea's title and change ("keep what npm fetched for the next run" for dependency caching, "the
    /// lowest figure a consignor will accept" for a reserve price), 16 under another metric id of the same event, and a
    /// look-alike: 3 `opposite`, 3 `audience`, 3 `platform`, 3 `surface`, 2 each of `negation`, `metric`, `region` and
    /// `sibling`), before any rule change. Main's rules (`e20c985`): 15 of 20 rewordings found, 2 of 20 look-alikes flagged (both
    /// siblings), 5 other pairs (three of them a missed rewording against its idea's opposite or denied look-alike, which won
    /// the tie-break); words only 6 flagged. Out of sample: the floors.
    /// With the second view of `dupq42` (in-sample): 16, 2 and 5 (C019 found, and its pair with the denied look-alike
    /// gone; the reserve-price rewording paired with the hidden-reserve look-alike instead).
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 16, 2 and 5 → 17, 2 and 4, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 17, 2 and 4 → 18, 2 and 3, the floors.
    func testDupq40PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq40-pairs.tsv", pairs: 40, everyKind: true, found: 18, flagged: 2, strays: 3, wordsFlagged: 6)
    }

    /// The pairs `dupq43` wrote (`Data/dupq43-pairs.tsv`: 40 ideas of 20 products no earlier set or the catalog used, two
    /// ideas a product toward one outcome as the blind sets are laid out, from junk removal and dog walking to canoe hire and
    /// food-waste collection; each a rewording by another squad sharing at most two content words of the idea's title and
    /// change (shorthand, typos, long sentences, terse ones), all under another metric id of the same event or the same id,
    /// and a look-alike: 8 `opposite`, 6 `metric`, 6 `audience`, 5 each of `negation`, `platform`, `surface`, `region`),
    /// before any rule change. Main's rules (`728de71`; out of sample, measured once): 28 of 40 rewordings found, 1 of 40
    /// look-alikes flagged (a site visit before every quote against quotes from photos), 37 other pairs (the two ideas of one
    /// product read as one change, each counted with its copies); words only 18 flagged. With its second view of weak
    /// matches (in-sample): 29, 1 and 37, the floors.
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 29, 1 and 37 → 38, 1 and 12, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 38, 1 and 12 → 38, 1 and 14, the floors.
    func testDupq43PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq43-pairs.tsv", pairs: 80, everyKind: true, found: 38, flagged: 1, strays: 14, wordsFlagged: 18)
    }

    /// The pairs `dupq49` wrote (`Data/dupq49-pairs.tsv`: 40 ideas of 20 products no earlier set or the catalog used, from
    /// fleet fuel cards and a locum nurse app to mobility-scooter hire and custom embroidery, two ideas a product toward one
    /// outcome; each a rewording by another squad with a slogan or question title, the audience in its own words, 35 of 40
    /// under another metric id of the same event, and a look-alike: 8 `opposite`, 6 `metric`, 6 `audience`, 5 each of
    /// `negation`, `platform`, `surface`, `region`), before any rule change. Main's rules (`c0422e6`; out of sample, measured
    /// once): 31 of 40 rewordings found, 1 of 40 look-alikes flagged (the habitat bundle in the basket), 18 other pairs (the
    /// two ideas of one product read as one change, with their copies). The same with `dupq49`'s rule: the floors. Words only,
    /// 17 flagged since denials of what the other side takes away no longer oppose (2026-12-04; I056, a surface look-alike,
    /// had been kept apart by such a denial, not by its surface).
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 31, 1 and 18 → 38, 1 and 15, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 38, 1 and 15 → 38, 1 and 17, the floors.
    func testDupq49PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq49-pairs.tsv", pairs: 80, everyKind: true, found: 38, flagged: 1, strays: 17, wordsFlagged: 17)
    }

    /// A set written before a rule change: its size, half of it rewordings, (with `everyKind`) at least two
    /// look-alikes of each kind, every metric in the catalog, and its floors.
    /// The pairs `dupq58` and `dupq59` wrote (`Data/dupq58-pairs.tsv`, `Data/dupq59-pairs.tsv`: 40 ideas each of 20 products no
    /// earlier set used, two an outcome, every look-alike kind; written blind on 2026-12-05, after the meaning map was learned, by
    /// two writers who read nothing of this repository), measured once each with the model's own vectors and once through the map
    /// (`MeaningAdapter`): `dupq58` 34, 0 and 18 → 35, 0 and 9 (F1 0.919 → 0.933); `dupq59` 33, 1 and 9 → 37, 1 and 8 (F1 0.892 →
    /// 0.949). The floors are the figures through the map.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 35, 0 and 9 → 36, 0 and 5, the floors.
    func testDupq58PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq58-pairs.tsv", pairs: 80, everyKind: true, found: 36, flagged: 0, strays: 5, wordsFlagged: 9)
    }

    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05; in-sample): 37, 1 and 8 → 37, 1 and 4, the floors.
    func testDupq59PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq59-pairs.tsv", pairs: 80, everyKind: true, found: 37, flagged: 1, strays: 4, wordsFlagged: 15)
    }

    /// The pairs `dupq60` wrote (`Data/dupq60-pairs.tsv`: 40 ideas of 20 products no earlier set used, two an outcome, every
    /// look-alike kind; written blind on 2026-12-06 by a writer who read only the recipe, the column format, the metric ids
    /// and the format checks), measured once, nothing changed after: 35 of 40 found, 0 of 40 flagged, 21 other pairs
    /// (precision 1.000, recall 0.875, F1 0.933); words only flag 9 of its look-alikes. The floors are that first reading.
    func testDupq60PairsWithTheInstalledModel() throws {
        try assertWrittenSet("dupq60-pairs.tsv", pairs: 80, everyKind: true, found: 35, flagged: 0, strays: 21, wordsFlagged: 9)
    }

    @discardableResult
    private func assertWrittenSet(_ file: String, pairs count: Int, everyKind: Bool, found: Int, flagged: Int, strays: Int,
                                  wordsFlagged: Int) throws -> [GrowthPair] {
        let pairs = try GrowthPair.load(file)
        XCTAssertEqual(pairs.count, count, file)
        XCTAssertEqual(pairs.count { $0.duplicate }, count / 2, file)
        if everyKind {
            for kind in ["opposite", "negation", "metric", "audience", "platform", "surface", "region"] {
                XCTAssertGreaterThanOrEqual(pairs.count { $0.kind == kind }, 2, "\(file): \(kind)")
            }
        }
        let metrics = Set(try GrowthPair.rows("growth-metrics.tsv").compactMap { $0["id"] })
        XCTAssertTrue(pairs.allSatisfy { metrics.contains($0.a.metric) && metrics.contains($0.b.metric) }, file)
        try assertFloors(file, duplicates: count / 2, found: found, flagged: flagged, strays: strays, wordsFlagged: wordsFlagged)
        return pairs
    }

    func testTheFreshSetsAreBalancedAndNewIdeas() throws {
        let first = try GrowthPair.load("fresh-pairs.tsv"), second = try GrowthPair.load("fresh2-pairs.tsv")
        let third = try GrowthPair.load("fresh3-pairs.tsv")
        XCTAssertGreaterThanOrEqual(first.count, 120)
        XCTAssertGreaterThanOrEqual(second.count, 80)
        XCTAssertEqual(third.count, 80)
        for kind in ["opposite", "negation", "metric", "audience", "platform", "surface", "region"] {
            XCTAssertGreaterThanOrEqual(third.count { $0.kind == kind }, 5, kind)
        }
        XCTAssertTrue(Set(third.map(\.a.change)).isDisjoint(with: (first + second).map(\.a.change)))
        let fresh = first + second + third
        XCTAssertEqual(fresh.count { $0.duplicate }, fresh.count { !$0.duplicate })
        for kind in ["opposite", "negation", "metric", "audience", "platform", "surface", "region"] {
            XCTAssertGreaterThanOrEqual(fresh.count { $0.kind == kind }, 5, kind)
        }
        XCTAssertTrue(fresh.allSatisfy { $0.a.rationale != "Interviews point to it." && $0.b.rationale != "Interviews point to it." })
        let earlier = Set(try GrowthPair.load().flatMap { [$0.a.change, $0.b.change] })
        XCTAssertTrue(earlier.isDisjoint(with: fresh.flatMap { [$0.a.change, $0.b.change] }))
        XCTAssertTrue(Set(first.map(\.a.change)).isDisjoint(with: second.map(\.a.change)))
        let metrics = Set(try GrowthPair.rows("growth-metrics.tsv").compactMap { $0["id"] })
        XCTAssertTrue(fresh.allSatisfy { metrics.contains($0.a.metric) && metrics.contains($0.b.metric) })
    }

    func testTheDataSetIsBalancedAndSplitByIdea() throws {
        let pairs = try GrowthPair.load()
        XCTAssertGreaterThanOrEqual(pairs.count, 200)
        XCTAssertEqual(pairs.count { $0.duplicate }, pairs.count { !$0.duplicate })
        for kind in ["opposite", "negation", "metric", "audience", "platform", "surface", "region"] {
            XCTAssertGreaterThanOrEqual(pairs.count { $0.kind == kind && $0.split == "held-out" }, 5, kind)
        }
        // No idea's first side appears in both halves.
        let tune = Set(pairs.filter { $0.split == "tune" || $0.split == "tune2" }.map(\.a.change))
        XCTAssertTrue(tune.isDisjoint(with: pairs.filter { $0.split == "held-out" }.map(\.a.change)))
    }
}

/// Scratch: a seen set's mistakes, for choosing rules and word lists.
final class GrowthPairTuningTests: XCTestCase {
    func testShowTuningMistakes() throws {
        // PLAYBOOK_SHOW_TUNING names the seen splits to show, comma-separated ("tune", "tune2", "held-out" (looked at many
        // times by now), "fresh", "fresh2" … "fresh10", the fresh sets being seen data once measured), or "seen" for all thirteen;
        // "dupq20" the pairs `dupq20` wrote before changing the facet rules, "dupq21" those `dupq21` wrote before changing
        // how a change's direction is read, "dupq22" those `dupq22` wrote before changing the meaning rules, "dupq23" those
        // `dupq23` wrote before reading hyphenated compounds and denied permissions, "dupq25" those `dupq25` wrote (sibling ideas),
        // "dupq29" those `dupq29` wrote before changing the grey band (low-cosine rewordings), "dupq28" those `dupq28` wrote before
        // changing the sibling rules (sibling ideas whose rewordings keep their idea's outcome words), "dupq32" those `dupq32`
        // wrote before reading age bands, denials of what the other removes, amounts as written and places of sale, "dupq34" those
        // `dupq34` wrote before changing any rule (rewordings sharing at most two content words with their idea), "dupq35" those
        // the lead wrote before reading growth shorthand (CVR, AOV, D7, PDP …), "dupq36" those `dupq36` wrote before changing any rule
        // (two rewordings and two look-alikes an idea, some of them siblings), "dupq37" those `dupq37` wrote before changing any rule
        // (rewordings with almost no shared words: synonyms of nouns, placement said two ways, "their phone"), "dupq38" those `dupq38`
        // wrote before changing any rule (twenty products no set had used, rewordings sharing almost no words), "dupq39" those `dupq39`
        // wrote before changing any rule (twenty more new products, B2B to games, rewordings sharing almost no words), "dupq40" those `dupq40`
        // wrote before changing any rule (twenty more new products, from hosted CI to parcel forwarding), "dupq43" those `dupq43` wrote
        // before changing any rule (forty ideas of twenty new products, two an outcome, as the blind sets are laid out), "dupq46" those
        // `dupq46` wrote before reading any rule (forty more ideas of twenty new products, two an outcome), "dupq49" those `dupq49` wrote
        // before changing any rule (forty more ideas of twenty new products, two an outcome), "dupq51" those `dupq51` wrote before
        // reading any rule (forty more ideas of twenty new products, two an outcome: the look-alikes one way apart, some by a
        // phrasal verb), "dupq52" those `dupq52` wrote without reading any rule or running anything (forty more ideas of twenty new
        // products, two an outcome), "dupq53" those `dupq53` wrote likewise (forty more). "fresh11" to "fresh37", blind when first measured, are seen data once measured.
        let files = Self.files
        guard let asked = ProcessInfo.processInfo.environment["PLAYBOOK_SHOW_TUNING"] else { return }
        let seen = ["tune", "tune2", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9",
                    "fresh10"]
        for split in asked.split(separator: ",").flatMap({ $0 == "seen" ? seen : [String($0)] }) {
            guard let file = files[split] else { continue }
            try showMistakes(split, file)
        }
    }

    /// Every labelled split, by the file that holds it.
    static let files = ["tune": "growth-pairs.tsv", "tune2": "growth-pairs.tsv", "held-out": "growth-pairs.tsv", "fresh": "fresh-pairs.tsv",
                     "fresh2": "fresh2-pairs.tsv", "fresh3": "fresh3-pairs.tsv", "fresh4": "fresh4-pairs.tsv",
                     "fresh5": "fresh5-pairs.tsv", "fresh6": "fresh6-pairs.tsv", "fresh7": "fresh7-pairs.tsv",
                     "fresh8": "fresh8-pairs.tsv", "fresh9": "fresh9-pairs.tsv", "fresh10": "fresh10-pairs.tsv", "dupq20": "dupq20-pairs.tsv",
                     "dupq21": "dupq21-pairs.tsv", "dupq22": "dupq22-pairs.tsv", "dupq23": "dupq23-pairs.tsv",
                     "dupq25": "dupq25-pairs.tsv", "dupq29": "dupq29-pairs.tsv", "dupq28": "dupq28-pairs.tsv",
                     "dupq32": "dupq32-pairs.tsv", "dupq34": "dupq34-pairs.tsv", "dupq35": "dupq35-pairs.tsv",
                     "dupq36": "dupq36-pairs.tsv", "dupq37": "dupq37-pairs.tsv", "dupq38": "dupq38-pairs.tsv",
                     "dupq39": "dupq39-pairs.tsv", "dupq40": "dupq40-pairs.tsv",
                     "dupq43": "dupq43-pairs.tsv", "dupq46": "dupq46-pairs.tsv",
                     "dupq49": "dupq49-pairs.tsv", "dupq51": "dupq51-pairs.tsv",
                     "dupq52": "dupq52-pairs.tsv", "dupq53": "dupq53-pairs.tsv",
                     "dupq54": "dupq54-pairs.tsv", "dupq55": "dupq55-pairs.tsv",
                     "dupq56": "dupq56-pairs.tsv", "dupq57": "dupq57-pairs.tsv",
                     "dupq58": "dupq58-pairs.tsv", "dupq59": "dupq59-pairs.tsv", "dupq60": "dupq60-pairs.tsv",
                     "fresh11": "fresh11-pairs.tsv", "fresh12": "fresh12-pairs.tsv", "fresh13": "fresh13-pairs.tsv",
                     "fresh14": "fresh14-pairs.tsv", "fresh15": "fresh15-pairs.tsv", "fresh16": "fresh16-pairs.tsv",
                     "fresh17": "fresh17-pairs.tsv", "fresh18": "fresh18-pairs.tsv", "fresh19": "fresh19-pairs.tsv",
                     "fresh20": "fresh20-pairs.tsv", "fresh21": "fresh21-pairs.tsv", "fresh22": "fresh22-pairs.tsv",
                     "fresh23": "fresh23-pairs.tsv", "fresh24": "fresh24-pairs.tsv", "fresh25": "fresh25-pairs.tsv",
                     "fresh26": "fresh26-pairs.tsv",
                     "fresh27": "fresh27-pairs.tsv", "fresh28": "fresh28-pairs.tsv", "fresh29": "fresh29-pairs.tsv",
                     "fresh30": "fresh30-pairs.tsv", "fresh31": "fresh31-pairs.tsv", "fresh32": "fresh32-pairs.tsv",
                     "fresh33": "fresh33-pairs.tsv", "fresh34": "fresh34-pairs.tsv", "fresh35": "fresh35-pairs.tsv",
                     "fresh36": "fresh36-pairs.tsv", "fresh37": "fresh37-pairs.tsv"]

    /// Scratch: found, flagged and other pairs of the named splits (PLAYBOOK_SWEEP_SETS, comma-separated, or "all") at each
    /// threshold of PLAYBOOK_SWEEP_THRESHOLDS (comma-separated), for seeing what a lower or higher bar trades.
    func testSweepThresholds() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let asked = environment["PLAYBOOK_SWEEP_SETS"], let bars = environment["PLAYBOOK_SWEEP_THRESHOLDS"] else { return }
        // PLAYBOOK_SWEEP_ENGINE=lexical: words only, as without the model; each flagged look-alike's kind printed too.
        let lexical = environment["PLAYBOOK_SWEEP_ENGINE"] == "lexical"
        let loaded = ModelLocation.loadEncoder()
        guard lexical || (try? loaded.get()) != nil else { throw XCTSkip("no model") }
        let model: (any SentenceEncoder)? = lexical ? nil : try? loaded.get()
        let splits = asked == "all" ? Self.files.keys.sorted() : asked.split(separator: ",").map(String.init)
        for split in splits {
            guard let file = Self.files[split] else { continue }
            let pairs = try GrowthPair.load(file).filter { $0.split == split }
            for bar in bars.split(separator: ",").compactMap({ Double($0) }) {
                let (kinds, strays, _) = try GrowthPairQualityTests.verdicts(pairs, threshold: bar, encoder: model)
                let q = GrowthPairQualityTests.quality(pairs, kinds)
                if lexical {
                    for pair in pairs where !pair.duplicate && kinds[pair.id] == .duplicate { print("FLAGGED\t\(split)\t\(pair.kind)\t\(pair.id)") }
                }
                print(String(format: "SWEEP\t%@\t%.3f\t%d\t%d\t%d\t%d\t%d\t%.3f", split, bar, q.found, q.duplicates, q.flagged, q.different,
                             strays.count, q.f1))
            }
        }
    }

    private func showMistakes(_ split: String, _ file: String) throws {
        let pairs = try GrowthPair.load(file).filter { $0.split == split }
        var encoder: (any SentenceEncoder)? = ProcessInfo.processInfo.environment["PLAYBOOK_PAIR_VECTORS"].flatMap { VectorTable(path: $0) }
        if encoder == nil, case .success(let model) = ModelLocation.loadEncoder() { encoder = model }
        // PLAYBOOK_MEANING_MAP=0: the model's own vectors, as `meaning_map: false` compares them.
        let mapped = ProcessInfo.processInfo.environment["PLAYBOOK_MEANING_MAP"] != "0"
        let (kinds, strays, found) = try GrowthPairQualityTests.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: encoder,
                                                                         meaningMap: mapped)
        for (index, pair) in pairs.enumerated() {
            let ids = [String(format: "HYP-%04d", 2 * index + 1), String(format: "HYP-%04d", 2 * index + 2)]
            let reason = found.first { $0.ids == ids }?.reason ?? "-"
            if pair.duplicate != (kinds[pair.id] == .duplicate) {
                print("MISS \(pair.id) \(pair.kind): \(pair.a.title) | \(pair.a.audience) // \(pair.b.title) | \(pair.b.audience)\n    \(reason)")
            }
        }
        let q = GrowthPairQualityTests.quality(pairs, kinds)
        print(String(format: "%@: precision %.3f recall %.3f F1 %.3f; %d/%d found, %d/%d flagged, %d other pairs",
                     split, q.precision, q.recall, q.f1, q.found, q.duplicates, q.flagged, q.different, strays.count))
        var all: [String: GrowthPair.Side] = [:]
        for (index, pair) in pairs.enumerated() {
            all[String(format: "HYP-%04d", 2 * index + 1)] = pair.a
            all[String(format: "HYP-%04d", 2 * index + 2)] = pair.b
        }
        for overlap in strays {
            let a = all[overlap.ids[0]], b = all[overlap.ids[1]]
            print("STRAY \(overlap.ids) \(a?.title ?? "") [\(a?.metric ?? "")] // \(b?.title ?? "") [\(b?.metric ?? "")]: \(overlap.reason)")
        }
    }
}

/// Scratch: each seen pair's word score, cosine and the stems only one side has (PLAYBOOK_DUMP_PAIRS=1).
final class GrowthPairDumpTests: XCTestCase {
    func testDumpSeenPairs() throws {
        guard ProcessInfo.processInfo.environment["PLAYBOOK_DUMP_PAIRS"] != nil else { return }
        guard case .success(let model) = ModelLocation.loadEncoder() else { return }
        for file in ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv"] {
            let pairs = try GrowthPair.load(file).filter { $0.split != "held-out" }
            let texts = pairs.flatMap { [$0.a.title + ". " + $0.a.change, $0.b.title + ". " + $0.b.change] }
            let corpus = Corpus(texts)
            let vectors = try model.encode(texts)
            for (index, pair) in pairs.enumerated() {
                let (i, j) = (2 * index, 2 * index + 1)
                let w = corpus.wording(i, j)
                let cos = zip(vectors[i], vectors[j]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                print(String(format: "DUMP\t%@\t%@\t%@\t%.2f\t%.2f\t%.2f\t%@\t%@", pair.id, pair.duplicate ? "dup" : "diff", pair.kind,
                             corpus.score(i, j), Double(cos), w.overlap, w.onlyFirst.joined(separator: ","), w.onlySecond.joined(separator: ",")))
            }
        }
    }
}
