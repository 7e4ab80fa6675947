import XCTest
import PlaybookOverlaps
import PlaybookEmbedding

/// A blind set's figures with the installed model, held to floors.
func assertBlindSetFloors(_ file: String, found: Int, flagged: Int, strays: Int, wordsFlagged: Int,
                          line: UInt = #line) throws {
    guard case .success(let model) = ModelLocation.loadEncoder() else {
        return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL", line: line)
    }
    let f = try GrowthPairQualityTests.freshFigures(file, encoder: model)
    XCTAssertEqual(f.duplicates, 40, line: line)
    XCTAssertGreaterThanOrEqual(f.found, found, "rewordings found", line: line)
    XCTAssertLessThanOrEqual(f.flagged, flagged, "look-alikes flagged", line: line)
    XCTAssertLessThanOrEqual(f.strays, strays, "other pairs of different ideas called duplicates", line: line)
    XCTAssertLessThanOrEqual(f.wordsFlagged, wordsFlagged, "look-alikes flagged, words only", line: line)
}

/// The fourth fresh set (`Data/fresh4-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// and measured with the installed model twice, once per rule set, the rules never changed after:
/// with the rules of `b565ef0` 24 of 40 rewordings found, 13 of 40 look-alikes flagged, 24 other
/// pairs (F1 0.623 over the labelled pairs, 0.475 counting the other pairs); with the rules merged
/// from `dupq3` 27 of 40, 3 of 40 and 8 other pairs (F1 0.771 and 0.692). Words only: 0 found, 21
/// flagged. Since then seen data: its mistakes were read and the rules of `dupq4` (a rival that is a
/// look-alike of the other side does not push a pair down the list; look-alikes compared again only
/// on the field that tells them apart; a near copy on a page or channel the other does not name; a
/// denial stays in its sentence; "watch" the device only after a determiner; a family audience is
/// parents) were chosen on all seven sets, this one included. In-sample with them: 31 of 40 found, 0
/// of 40 flagged, 6 other pairs (F1 0.873 over the labelled pairs, 0.805 counting the other pairs).
/// With the replay's knobs chosen on the other six sets (leave-one-set-out): 32, 0 and 6. With the rules
/// of `dupq5` (chosen on all eight sets: before / after the same thing, the denial tie-break): 32, 0 and 5
/// (F1 0.889 and 0.831), leave-one-set-out 33, 0 and 5; words only 20 flagged. With the clear-margin rule
/// of `dupq7` (a weak match standing clear of its metric's other texts; its knob chosen on the other nine
/// sets, the same 0.14): 34, 0 and 5. With the near tie of `dupq9` (between look-alikes told apart by
/// their audiences, read on the changes alone; no knob, chosen on all twelve sets): 35, 0 and 4. With
/// the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 38, 0 and 6 (F1 0.974 and 0.905), the same left one set out.
/// The floors are the last figures.
final class Fresh4QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 40, 0 and 6 → 39, 1 and 5, the floors.
    func testFourthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh4-pairs.tsv", found: 39, flagged: 1, strays: 5, wordsFlagged: 20)
    }
}

/// The fifth fresh set (`Data/fresh5-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// after the fourth set had been measured and tuned on, and measured with the installed model twice,
/// once per rule set, nothing changed after: with the rules of `dupq3` 31 of 40 rewordings found,
/// 4 of 40 look-alikes flagged, 13 other pairs (F1 0.827 over the labelled pairs, 0.705 counting
/// the other pairs); with the rules merged from `dupq4` (chosen on the fourth set) 32 of 40, 4 of
/// 40 and 13 (F1 0.842 and 0.719). Words only: 0 found, 19 flagged. Since then seen data: its mistakes
/// were read and the rules of `dupq5` chosen on all eight sets, this one included (two look-alikes placed
/// before / after the same thing, "in the mobile app" / "in cars with Android Automotive"). In-sample with
/// them: 32 of 40 found, 1 of 40 flagged, 7 other pairs (F1 0.877 and 0.800); words only 15 flagged.
/// With the near-tie rule of `dupq6` (a text about equally close to two look-alikes goes with the one
/// that adds fewer words; its one knob chosen leaving one set out): 33, 1 and 6 (F1 0.892 and 0.825).
/// With the clear-margin rule of `dupq7` (knob chosen leaving one set out): 34, 1 and 6. With the
/// operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 35, 1 and 6 (F1 0.921 and 0.854), the same left one set out.
/// With the durations, times of day and shares of `dupq16` (`StatedMeasures.swift`: "four weeks instead of a
/// full quarter" goes with three months to one; no knob, every set takes it left out): 36, 1 and 5 (F1 0.935
/// and 0.878). With the facet paraphrases of `dupq19` (`Facets.paraphrases`: "past orders" is the order
/// history page; left one set out the pages would not be taken, 36, 1 and 5): 37, 1 and 4 (F1 0.949 and
/// 0.902). With `dupq43`'s second view of weak matches (K033, the thermostat's setup guide, found): 38, 1 and 4, the floors.
final class Fresh5QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 38, 1 and 4 → 39, 1 and 4, the floors.
    func testFifthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh5-pairs.tsv", found: 39, flagged: 1, strays: 4, wordsFlagged: 15)
    }
}

/// The sixth fresh set (`Data/fresh6-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// after the fifth set had been measured, and measured with the installed model once per rule set:
/// with the rules of `23475ee` (those measured on the fifth set) 27 of 40 rewordings found, 5 of 40
/// look-alikes flagged, 18 other pairs (F1 0.750 over the labelled pairs, 0.600 counting the other
/// pairs); with the rules merged from `dupq5` (chosen on the five earlier sets) the same 27, 5 and 18.
/// Words only: 0 found, 17 flagged. Since then seen data: its mistakes were read, and the near-tie rule
/// of `dupq6` (a text about equally close to two look-alikes goes with the one that adds fewer words)
/// chosen on all nine sets; with its knob chosen on the other eight sets (the same 0.04): 30 of 40
/// found, 5 of 40 flagged, 15 other pairs (F1 0.800 and 0.667). With the swapped-phrase rule of
/// `FieldComparison` too (a near copy whose own words stand in at most two phrases is a detail swapped;
/// read from this set's mistakes, no change on the eight others): 31, 3 and 12 (F1 0.838 and 0.721). With
/// the clear-margin rule of `dupq7` (knob chosen leaving one set out): 33, 3 and 12. With the token-alignment
/// rule of `dupq8` (a grey-band pair that aligns token by token clearly better than with its rivals; knobs
/// chosen leaving one set out, the same for every set): 34, 3 and 12. With the tie-break of `dupq10` (a
/// denial decides before a field read as look-alikes; the look-alike whose own number a text states; no
/// knob): 35, 3 and 11. With the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting):
/// 34, 3 and 13 (F1 0.883 and 0.756), the same left one set out. With both merged: 35, 3 and 12 (F1
/// 0.897 and 0.778). With the durations of `dupq16` (`StatedMeasures.swift`: "about a month later" goes with
/// four weeks out, not two; no knob, every set takes it left out): 36, 3 and 11 (F1 0.911 and 0.800). With
/// the facet paraphrases of `dupq19` (`Facets.paraphrases`: "the app alerts" is a push; left one set out
/// the channels would not be taken, 36, 3 and 11): 37, 3 and 10 (F1 0.925 and 0.822). The floors are the
/// last figures.
final class Fresh6QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 37, 3 and 10 → 39, 2 and 6, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample): 39, 2 and 6 → 38, 2 and 7, the floors.
    func testSixthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh6-pairs.tsv", found: 38, flagged: 2, strays: 7, wordsFlagged: 17)
    }
}

/// The seventh fresh set (`Data/fresh7-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// after the sixth set had been tuned on, and measured with the installed model once per rule set,
/// nothing changed after: with the rules of `9c14701` 29 of 40 rewordings found, 1 of 40 look-alikes
/// flagged, 15 other pairs (F1 0.829 over the labelled pairs, 0.682 counting the other pairs); with the
/// rules merged from `dupq6` (near-tie and swapped-phrase rules) 30, 1 and 16 (F1 0.845 and 0.690).
/// Words only: 0 found, 20 flagged. Since then seen data: with the clear-margin rule of `dupq7` (a weak
/// match standing clear of its metric's other texts; its knob chosen on the nine other sets, 0.14) 31, 1
/// and 15 (F1 0.861 over the labelled pairs). With the token-alignment rule of `dupq8` (knobs chosen leaving
/// one set out): 32, 1 and 15 (F1 0.877). With the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 33, 1 and 15 (F1 0.892 and
/// 0.742), the same left one set out. The floors are the last figures.
final class Fresh7QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 33, 1 and 15 → 38, 1 and 9, the floors.
    func testSeventhFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh7-pairs.tsv", found: 38, flagged: 1, strays: 9, wordsFlagged: 20)
    }
}

/// The eighth fresh set (`Data/fresh8-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// after the seventh set had been measured, and measured with the installed model once per rule set,
/// nothing changed after: with the rules after `dupq6` 32 of 40 rewordings found, 2 of 40 look-alikes
/// flagged, 12 other pairs (F1 0.865 over the labelled pairs, 0.744 counting the other pairs); with the
/// clear-margin rule of `dupq7` 32, 2 and 13 (F1 0.865 and 0.736), the same with the neighbour rule's
/// look-alikes read in pair order (it had read them in a dictionary's order, which changes from run to
/// run). Words only: 0 found, 20 flagged. Since then seen data: with the token-alignment rule of `dupq8` (a
/// grey-band pair that aligns token by token clearly better than with its rivals; knobs chosen on the ten
/// other sets, the same as on all eleven) 34, 2 and 13 (F1 0.895). With the tie-break of `dupq10` (the
/// look-alike whose own number a text states: "for the first time" goes with the first order, not the
/// third; no knob): 35, 2 and 12. The floors are the last figures.
/// other sets, the same as on all eleven) 34, 2 and 13 (F1 0.895). With the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 37,
/// 2 and 12 (F1 0.937 and 0.813); left one set out (two ranks and a margin of 0.01 chosen on the others)
/// 36, 2 and 13. With `dupq10` and `dupq11` both merged: 38, 2 and 11 (F1 0.950 and 0.835). With the gaps
/// between a look-alike's numbers (`dupq13`: "an extra 500 miles" goes with 1,000 to 1,500): 39, 2 and 10.
/// With the facet paraphrases of `dupq19` (`Facets.paraphrases`: audiences by age; the same left one set
/// out): 39, 2 and 9. The floors are the in-sample figures. With verbs read with their particles (2026-12-04: "take the
/// fixed price off the booking form" removes it): 38, 2 and 9: N003's rewording now reads closer to that look-alike than to
/// its idea and takes the look-alike's direction; a showing said as "tells people up front" is no direction word.
final class Fresh8QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 38, 2 and 9 → 38, 1 and 9, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample): 38, 1 and 9 → 39, 1 and 8, the floors.
    func testEighthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh8-pairs.tsv", found: 39, flagged: 1, strays: 8, wordsFlagged: 20)
    }
}

/// Pairs found by token alignment (`DuplicateDetection.alignedRestatements`) say so in their reason, and
/// on the eighth set (where, on the model's own vectors, the rule finds two rewordings the cosine misses)
/// they are rewordings. Through the map learned for duplicates (`MeaningAdapter`) the cosine finds them
/// itself and the rule adds none on this set, so the rule is checked on the model's own vectors.
final class TokenAlignmentQualityTests: XCTestCase {
    func testPairsFoundByTokenAlignmentSaySoAndAreRewordings() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        let pairs = try GrowthPair.load("fresh8-pairs.tsv")
        let (_, strays, found) = try GrowthPairQualityTests.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: model,
                                                                     meaningMap: false)
        let aligned = found.filter { $0.kind == .duplicate && $0.reason.contains("token by token") }
        XCTAssertGreaterThanOrEqual(aligned.count, 2)
        // Each side's idea, and whether it is a look-alike (the idea's first side is in two pairs: a
        // rewording goes with either copy of it).
        var sides: [String: (idea: String, lookAlike: Bool)] = [:]
        for (index, pair) in pairs.enumerated() {
            sides[String(format: "HYP-%04d", 2 * index + 1)] = (pair.a.change, false)
            sides[String(format: "HYP-%04d", 2 * index + 2)] = (pair.a.change, !pair.duplicate)
        }
        for overlap in aligned {
            let (x, y) = (sides[overlap.ids[0]], sides[overlap.ids[1]])
            XCTAssertTrue(x != nil && x?.idea == y?.idea && x?.lookAlike == false && y?.lookAlike == false, "\(overlap.ids): \(overlap.reason)")
            XCTAssertTrue(overlap.reason.contains("alignment"), overlap.reason)
        }
        XCTAssertFalse(strays.contains { $0.reason.contains("token by token") })
    }
}

/// The ninth fresh set (`Data/fresh9-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// after the eighth set had been measured, and measured with the installed model once per rule set:
/// with the rules of `63beba8` 23 of 40 rewordings found, 0 of 40 look-alikes flagged, 15 other pairs
/// (F1 0.730 over the labelled pairs, 0.590 counting the other pairs); with the token-alignment rule of
/// `dupq8` (chosen leaving one set out on the eleven earlier sets) 25, 0 and 16 (F1 0.769 and 0.617).
/// Words only: 0 found, 16 flagged. Since then seen data: its misses sorted by the step that lost them
/// (`Data/classify-misses.py`), and with the near tie of `dupq9` (between look-alikes told apart by their
/// audiences, read on the changes alone; no knob, the same left one set out) 26, 0 and 15 (F1 0.788 and 0.642).
/// With the tie-break of `dupq10` (the look-alike whose own number a text states: "a fortnight out" goes
/// with booking 14 days ahead, not 3; no knob): 27, 0 and 14.
/// With the operating point of `dupq11` (the token-alignment rule's knobs re-chosen for F1, leaving one set out: floor 0.15, three ranks, two rivals, a near tie with a rival counting): 28, 0 and 15 (F1 0.824 and 0.675), the same left one set out.
/// With `dupq10` and `dupq11` both merged: 29, 0 and 14 (F1 0.841 and 0.699). With the shares of `dupq16`
/// (`StatedMeasures.swift`: "about a third of what it used to be" goes with fifteen minutes to five, not to
/// thirty; no knob, every set takes it left out): 30, 0 and 13 (F1 0.857 and 0.723), the floors.
final class Fresh9QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 30, 0 and 13 → 36, 0 and 6, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample): 36, 0 and 6 → 36, 0 and 8, the floors.
    func testNinthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh9-pairs.tsv", found: 36, flagged: 0, strays: 8, wordsFlagged: 16)
    }
}

/// The tenth fresh set (`Data/fresh10-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// after the ninth set had been measured, and measured with the installed model once per rule set,
/// nothing chosen on it: with the rules of `63beba8` 25 of 40 rewordings found, 1 of 40 look-alikes
/// flagged, 17 other pairs (F1 0.758 over the labelled pairs, 0.602 counting the other pairs); with the
/// token-alignment rule of `dupq8` 28, 1 and 17 (F1 0.812 and 0.651); with the audience near tie of
/// `dupq9` the same; with the tie-break of `dupq10` (stated quantities, denial first) the same; with it
/// and the grey band of `dupq11` (token alignment's knobs re-chosen for F1 on the twelve seen sets) 30, 1
/// and 17 (F1 0.845 and 0.682); with the size-of-change fallback of `dupq13` the same; with the stated
/// durations, times of day and shares of `dupq16` 31, 1 and 16 (F1 0.861 and 0.705); with the facet
/// paraphrases of `dupq19` 32, 1 and 15 (F1 0.877 and 0.727); with the compounds of `dupq23` and the
/// sibling rivals of `dupq24` (measured together, `d411961`) the same. Words only: 0 found, 17 flagged, 14 with
/// `dupq19`. Until then only these totals were read. It became seen data on 2026-12-02 (a new blind set being
/// written): `dupq26` read its misses and other pairs, and with a denial deciding a tie-break only when it denies
/// what the other look-alike says (chosen leaving one set out over the thirteen seen sets; it moves no other set)
/// 33, 1 and 14 (F1 0.892 over the labelled pairs), the floors: "How would you do in the real test today?" no
/// longer goes with the mock exam after the course for the idea's "without signing up".
final class Fresh10QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; in-sample: the map was learned on this set with the others): 34, 1 and 14 → 38, 2 and 11, the floors.
    func testTenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh10-pairs.tsv", found: 38, flagged: 2, strays: 11, wordsFlagged: 14)
    }
}

/// The eleventh fresh set (`Data/fresh11-pairs.tsv`: 40 ideas, 80 pairs from 20 new products), written
/// blind on 2026-12-01 and measured with the installed model once per rule set, nothing chosen on it:
/// with the rules of `9fce554` (and with `dupq10`'s tie-break added) 31 of 40 rewordings found, 4 of 40
/// look-alikes flagged, 18 other pairs (F1 0.827 over the labelled pairs, 0.667 counting the other
/// pairs); with `dupq10` and `dupq11` 32, 4 and 18 (F1 0.842 and 0.681); with `dupq13` the same; with
/// `dupq16` (stated durations, times of day and shares) 33, 4 and 17 (F1 0.857 and 0.702); with `dupq19`
/// (facet paraphrases) the same; with the compounds and denied permissions of `dupq23` and the sibling
/// rivals of `dupq24` (measured together, `d411961`) 34, 4 and 18 (F1 0.872 and 0.708): one more rewording
/// found and one more other pair; with the readings of `dupq38` (measured at `8585685`) 35, 4 and 18:
/// one more rewording found. Words only: 0 found, 18 flagged, 17 with `dupq19`. Only these totals
/// were read.
/// With `dupq42`'s second view (statement and rationale, measured once at `7c3bf04`): 35, 4 and 18 (unchanged).
final class Fresh11QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; out of sample: the map was learned without the five blind sets, its knobs chosen leaving `dupq53`–`dupq57` out): 35, 4 and 18 → 37, 4 and 11, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample: the map was relearned with this set): 37, 4 and 11 → 38, 4 and 13, the floors.
    func testEleventhFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh11-pairs.tsv", found: 38, flagged: 3, strays: 11, wordsFlagged: 17)
    }
}

/// The twelfth fresh set (`Data/fresh12-pairs.tsv`: 40 ideas, 80 pairs from 20 new products), written
/// blind on 2026-12-01 without reading the duplicate rules' code (only the data README's account of
/// them), and measured once with the installed model and the rules of `4514a3b` (no rule changed after
/// it was written), nothing chosen on it: 34 of 40 rewordings found, 2 of 40 look-alikes flagged, 9 other
/// pairs (F1 0.895 over the labelled pairs, 0.800 counting the other pairs); with the facet paraphrases of
/// `dupq19` the same; with `dupq23` and `dupq24` (measured together, `d411961`) the same. Words only: 0 found,
/// 19 flagged, 15 with `dupq19`. Only these totals were read.
/// With `dupq42`'s second view (statement and rationale, measured once at `7c3bf04`): 35, 2 and 9: one more rewording found.
/// With the phrasal verbs, "no more" and denials of what the other side takes away (2026-12-04): 35, 2 and 9 with the model;
/// words only one more look-alike flagged, 16 (only the totals read).
final class Fresh12QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; out of sample: the map was learned without the five blind sets, its knobs chosen leaving `dupq53`–`dupq57` out): 35, 2 and 9 → 34, 2 and 10, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample: the map was relearned with this set): 34, 2 and 10 → 36, 2 and 8, the floors.
    func testTwelfthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh12-pairs.tsv", found: 36, flagged: 2, strays: 8, wordsFlagged: 16)
    }
}

/// The thirteenth fresh set (`Data/fresh13-pairs.tsv`: 40 ideas, 80 pairs from 20 new products, ten of them
/// with two ideas toward one outcome), written blind on 2026-12-02 by someone who read no rule's code and ran
/// nothing on it, and measured once with the installed model and the rules of `06af49e` (nothing chosen on it):
/// 32 of 40 rewordings found, 5 of 40 look-alikes flagged, 30 other pairs (F1 0.831 over the labelled pairs).
/// Words only: 14 flagged. With the rules of `639a2dd` (`dupq30`'s places said another way, `dupq31`'s amounts in digits
/// and removals that oppose what the other change keeps; measured once, 2026-12-02): 32, 5 and 28. With the rules of `54b35ae`
/// (`dupq32`'s children's age bands, places of sale, a denial agreeing with a removal; `dupq33`'s removals in any wording;
/// measured once, 2026-12-02): 32, 5 and 30. Only these totals were read.
/// With `dupq42`'s second view (statement and rationale, measured once at `7c3bf04`): 33, 5 and 29 (unchanged).
final class Fresh13QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; out of sample: the map was learned without the five blind sets, its knobs chosen leaving `dupq53`–`dupq57` out): 33, 4 and 27 → 33, 4 and 16, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample: the map was relearned with this set): 33, 4 and 16 → 36, 4 and 15, the floors.
    func testThirteenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh13-pairs.tsv", found: 36, flagged: 4, strays: 15, wordsFlagged: 14)
    }
}

/// The fourteenth fresh set (`Data/fresh14-pairs.tsv`: 40 ideas, 80 pairs from 20 new products, ten of them
/// with two ideas toward one outcome), written blind on 2026-12-02 by someone who read no rule's code and ran
/// nothing on it, and measured once with the installed model and the rules of `5d31a6e` (nothing chosen on it):
/// 34 of 40 rewordings found, 1 of 40 look-alikes flagged, 12 other pairs (F1 0.907 over the labelled pairs).
/// Words only: 18 flagged. With the rules of `54b35ae` (`dupq32`, `dupq33`; measured once): the same. Only these totals
/// were read.
/// With `dupq42`'s second view (statement and rationale, measured once at `7c3bf04`): 34, 1 and 12 (unchanged).
/// With numbers read as a direction (`e5fe28f`, review49a: "from 14 to 7 days" against "14 days instead of 7"): 34, 1
/// and 14 other pairs, words only 17; kept because fresh13 went 5 → 4 flagged and 29 → 27 other pairs with it (the
/// five sets' other pairs the same in all, one look-alike fewer). Only these totals were read.
final class Fresh14QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; out of sample: the map was learned without the five blind sets, its knobs chosen leaving `dupq53`–`dupq57` out): 34, 1 and 14 → 35, 2 and 10, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample: the map was relearned with this set): 35, 2 and 10 → 38, 1 and 5, the floors.
    func testFourteenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh14-pairs.tsv", found: 38, flagged: 1, strays: 5, wordsFlagged: 18)
    }
}

/// The fifteenth fresh set (`Data/fresh15-pairs.tsv`: 40 ideas, 80 pairs from 20 new products, ten of them
/// with two ideas toward one outcome), written blind on 2026-12-02 by someone who read no rule's code and ran
/// nothing on it, and measured once with the installed model and the rules of `efe64b6` (nothing chosen on it):
/// 29 of 40 rewordings found, 1 of 40 look-alikes flagged, 19 other pairs (F1 0.829 over the labelled pairs).
/// Words only: 19 flagged. Only these totals were read.
/// With `dupq42`'s second view (statement and rationale, measured once at `7c3bf04`): 31, 1 and 20: two more rewordings found and one more other pair.
final class Fresh15QualityTests: XCTestCase {
    /// With the map learned for duplicates (`MeaningAdapter`, 2026-12-05; out of sample: the map was learned without the five blind sets, its knobs chosen leaving `dupq53`–`dupq57` out): 31, 1 and 20 → 33, 1 and 11, the floors.
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, in-sample: the map was relearned with this set): 33, 1 and 11 → 37, 1 and 9, the floors.
    func testFifteenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh15-pairs.tsv", found: 37, flagged: 1, strays: 9, wordsFlagged: 19)
    }
}

/// The sixteenth fresh set (`Data/fresh16-pairs.tsv`: 40 ideas, 80 pairs from 20 physical-world businesses and
/// local services, ten of them with two ideas toward one outcome), written blind on 2026-12-05 by someone who read
/// no rule's code and ran nothing on it, and measured once with the installed model and the rules of `eaeb7f3`
/// (nothing chosen on it): 32 of 40 rewordings found, 2 of 40 look-alikes flagged, 11 other pairs (F1 0.865 over
/// the labelled pairs, 0.753 counting the other pairs). Words only: 0 found, 16 flagged. Only these totals were read;
/// they are the floors.
final class Fresh16QualityTests: XCTestCase {
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, out of sample: the map was relearned without it): 32, 2 and 11 → 34, 2 and 13, the floors.
    func testSixteenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh16-pairs.tsv", found: 34, flagged: 2, strays: 13, wordsFlagged: 16)
    }
}

/// The seventeenth fresh set (`Data/fresh17-pairs.tsv`: 40 ideas, 80 pairs from 20 software products and online
/// services, ten of them with two ideas toward one outcome), written blind on 2026-12-05 beside the sixteenth by
/// another writer who read no rule's code and ran nothing on it, and measured once with the installed model and
/// the rules of `eaeb7f3` (nothing chosen on it): 32 of 40 rewordings found, 3 of 40 look-alikes flagged, 30 other
/// pairs (F1 0.853 over the labelled pairs, 0.610 counting the other pairs: software products share their words,
/// "dashboard", "users", "the app"). Words only: 0 found, 16 flagged. Only these totals were read; they are the floors.
final class Fresh17QualityTests: XCTestCase {
    /// With the map relearned on every set but `fresh16` and `fresh17` (2026-12-05, out of sample: the map was relearned without it): 32, 3 and 30 → 33, 3 and 30, the floors.
    func testSeventeenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh17-pairs.tsv", found: 33, flagged: 3, strays: 30, wordsFlagged: 16)
    }
}

/// The eighteenth, nineteenth and twentieth fresh sets (`Data/fresh18-pairs.tsv`: health, care, personal finance,
/// insurance and public services; `Data/fresh19-pairs.tsv`: B2B and trade, a third of its rewordings written as
/// whole hypothesis sentences, "If we …, then …"; `Data/fresh20-pairs.tsv`: hobbies, media, learning and leisure,
/// a third of its ideas terse backlog cards and a third long; 40 ideas, 80 pairs each, half the products with two
/// ideas toward one outcome), written blind on 2026-12-05 by three writers blind to each other who read no rule's
/// code and ran nothing on them, and measured once with the installed model and the rules and map of `1b7bb77`
/// (nothing chosen on them; `swift test --filter 'Fresh(18|19|20)QualityTests'`): `fresh18` 36 of 40 rewordings
/// found, 4 of 40 look-alikes flagged, 14 other pairs (F1 0.900 over the labelled pairs); `fresh19` 30, 4 and 12
/// (F1 0.811); `fresh20` 32, 4 and 9 (F1 0.842). Words only: 0 found; 19, 12 and 19 flagged.
final class Fresh18QualityTests: XCTestCase {
    func testEighteenthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh18-pairs.tsv", found: 36, flagged: 4, strays: 14, wordsFlagged: 19)
    }
}

final class Fresh19QualityTests: XCTestCase {
    func testNineteenthFreshSetQualityWithTheInstalledModel() throws {
        // With the order and direction-word rules of 2026-12-05 (a later session; seen data): 4 → 3 flagged, 12 → 10 other pairs.
        try assertBlindSetFloors("fresh19-pairs.tsv", found: 30, flagged: 3, strays: 10, wordsFlagged: 12)
    }
}

final class Fresh20QualityTests: XCTestCase {
    func testTwentiethFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh20-pairs.tsv", found: 32, flagged: 4, strays: 9, wordsFlagged: 19)
    }
}

/// The twenty-first to twenty-third fresh sets (`Data/fresh21-pairs.tsv`: trades, industry and logistics, a third of
/// its rewordings terse shorthand with arrows and a third of its look-alikes one word or number swapped deep in a long
/// change; `Data/fresh22-pairs.tsv`: software and tools for creators, developers and small businesses, a third of its
/// rewordings a customer's quote as title over the change told step by step as the user lives it; `Data/fresh23-pairs.tsv`:
/// travel, transport, home and local services, a third of its ideas whole hypothesis sentences and a third of its
/// rewordings a slogan over the mechanism; 40 ideas, 80 pairs each), written blind on 2026-12-05 by three writers
/// blind to each other who read no rule's code and ran nothing on them, and measured once with the installed model
/// and the rules and map of `de7af1b` (nothing chosen on them; `swift test --filter 'Fresh(21|22|23)QualityTests'`):
/// `fresh21` 27 of 40 rewordings found, 1 of 40 look-alikes flagged, 30 other pairs (F1 0.794 over the labelled
/// pairs); `fresh22` 21, 4 and 29 (F1 0.646); `fresh23` 35, 3 and 12 (F1 0.897). Words only: 16, 15 and 14 look-alikes flagged.
final class Fresh21QualityTests: XCTestCase {
    func testTwentyFirstFreshSetQualityWithTheInstalledModel() throws {
        // Words only 16 → 17 with the "push" rule of `bed08d9`: "push a list of loads …" (a push notification, said
        // as a verb) no longer names the channel against "email the office a list …"; with the model unchanged.
        try assertBlindSetFloors("fresh21-pairs.tsv", found: 27, flagged: 1, strays: 30, wordsFlagged: 17)
    }
}

final class Fresh22QualityTests: XCTestCase {
    func testTwentySecondFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh22-pairs.tsv", found: 21, flagged: 4, strays: 29, wordsFlagged: 15)
    }
}

final class Fresh23QualityTests: XCTestCase {
    func testTwentyThirdFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh23-pairs.tsv", found: 35, flagged: 3, strays: 12, wordsFlagged: 14)
    }
}

/// The twenty-fourth to twenty-sixth fresh sets (`Data/fresh24-pairs.tsv`: property, utilities and telecoms, a third of
/// its rewordings in the trade's jargon and a third of its ideas naming a feature by an internal codename;
/// `Data/fresh25-pairs.tsv`: recruiting, HR, legal, accounting and professional services, a third of its rewordings very
/// short against long ideas, a third of its look-alikes one qualifier added at the end; `Data/fresh26-pairs.tsv`: food,
/// drink, pets and parenting, a third of its rewordings the customer's complaint the change answers; 40 ideas, 80 pairs
/// each), written blind on 2026-12-05 by three more writers blind to each other and to the rules, and measured once with
/// the installed model, twice: with the rules of `bed08d9` ("push" a channel only as a noun, nothing named right after
/// "without"; chosen on the other sets) and with those of `3706ef6` before it, the same both times (nothing chosen on
/// them): `fresh24` 30 of 40 rewordings found, 1 of 40 look-alikes flagged, 20 other pairs (F1 0.845 over the labelled
/// pairs); `fresh25` 31, 1 and 15 (F1 0.861); `fresh26` 30, 2 and 18 (F1 0.833). Words only: 19, 14 and 20 look-alikes flagged.
final class Fresh24QualityTests: XCTestCase {
    func testTwentyFourthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh24-pairs.tsv", found: 30, flagged: 1, strays: 20, wordsFlagged: 19)
    }
}

final class Fresh25QualityTests: XCTestCase {
    func testTwentyFifthFreshSetQualityWithTheInstalledModel() throws {
        // With the order and direction-word rules of 2026-12-05 (a later session; seen data): 15 → 13 other pairs.
        try assertBlindSetFloors("fresh25-pairs.tsv", found: 31, flagged: 1, strays: 13, wordsFlagged: 14)
    }
}

final class Fresh26QualityTests: XCTestCase {
    func testTwentySixthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh26-pairs.tsv", found: 30, flagged: 2, strays: 18, wordsFlagged: 20)
    }
}

/// The twenty-seventh to twenty-ninth fresh sets (`Data/fresh27-pairs.tsv`: health, care and wellbeing, a third of its
/// rewordings a teammate's chat message and a third of its ideas long against short rewordings; `Data/fresh28-pairs.tsv`:
/// money for consumers, a third of its rewordings the screen before and after, a third of its ideas' amounts in digits
/// said in words by the rewording; `Data/fresh29-pairs.tsv`: civic, nonprofit and community, a third of its rewordings
/// in a second language's English, a third of its ideas naming the feature by a brand name or metaphor; 40 ideas, 80
/// pairs each), written blind on 2026-12-05 by three more writers blind to each other and to the rules, and measured
/// once with the installed model and the rules and map of `acf010f` (nothing chosen on them): `fresh27` 34 of 40
/// rewordings found, 4 of 40 look-alikes flagged, 19 other pairs (F1 0.872 over the labelled pairs); `fresh28` 28, 3
/// and 23 (F1 0.789); `fresh29` 32, 4 and 16 (F1 0.842). Words only: 10, 15 and 16 look-alikes flagged.
final class Fresh27QualityTests: XCTestCase {
    func testTwentySeventhFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh27-pairs.tsv", found: 34, flagged: 4, strays: 19, wordsFlagged: 10)
    }
}

final class Fresh28QualityTests: XCTestCase {
    func testTwentyEighthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh28-pairs.tsv", found: 28, flagged: 3, strays: 23, wordsFlagged: 15)
    }
}

final class Fresh29QualityTests: XCTestCase {
    func testTwentyNinthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh29-pairs.tsv", found: 32, flagged: 4, strays: 16, wordsFlagged: 16)
    }
}

/// The thirtieth to thirty-second fresh sets (`Data/fresh30-pairs.tsv`: mobility, automotive and outdoors, a third of its
/// rewordings a terse ticket and a third of its ideas' key detail in the rationale; `Data/fresh31-pairs.tsv`: software for
/// operations teams, a third of its rewordings told from the customer's side and a third of its look-alikes one number,
/// qualifier or timing apart; `Data/fresh32-pairs.tsv`: entertainment, dating, social and play, a third of its rewordings
/// long and chatty, a third under twelve words; 40 ideas, 80 pairs each), written blind on 2026-12-05 by three more
/// writers blind to each other and to the rules, and measured once with the installed model and the rules and map of
/// `c39d6c7` (nothing chosen on them): `fresh30` 31 of 40 rewordings found, 2 of 40 look-alikes flagged, 9 other pairs
/// (F1 0.849 over the labelled pairs); `fresh31` 25, 0 and 31 (F1 0.769); `fresh32` 31, 3 and 19 (F1 0.838). Words
/// only: 17, 14 and 17 look-alikes flagged.
final class Fresh30QualityTests: XCTestCase {
    func testThirtiethFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh30-pairs.tsv", found: 31, flagged: 2, strays: 9, wordsFlagged: 17)
    }
}

final class Fresh31QualityTests: XCTestCase {
    func testThirtyFirstFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh31-pairs.tsv", found: 25, flagged: 0, strays: 31, wordsFlagged: 14)
    }
}

final class Fresh32QualityTests: XCTestCase {
    func testThirtySecondFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh32-pairs.tsv", found: 31, flagged: 3, strays: 19, wordsFlagged: 17)
    }
}

/// The thirty-third to thirty-fifth fresh sets (`Data/fresh33-pairs.tsv`: retail, fashion, beauty and home goods, a third of
/// its rewordings in the experimentation platform's "We believe that …" template and a third of its ideas' key detail in the
/// rationale; `Data/fresh34-pairs.tsv`: education, childcare and school software, rewordings by writers whose first language
/// is not English, terse tickets and short paragraphs; `Data/fresh35-pairs.tsv`: B2B software and services, long precise
/// ideas against six-to-fifteen-word shorthand rewordings that move part of the idea into the audience; 40 ideas, 80 pairs
/// each), written blind on 2026-12-05 by three writers blind to each other and to the rules, and measured once with the
/// installed model and the rules and map of `c87a5c8` (nothing chosen on them): `fresh33` 30 of 40 rewordings found, 4 of 40
/// look-alikes flagged, 22 other pairs (F1 0.811 over the labelled pairs); `fresh34` 32, 12 and 27 (F1 0.762); `fresh35` 29,
/// 5 and 17 (F1 0.784). Words only: 18, 17 and 17 look-alikes flagged. Then seen: with ages read from audiences (`AgeBands`)
/// (read only where unambiguous, after a review) and "the US" and social networks where something is posted in the
/// vocabulary, chosen on them: `fresh33` 30, 2 and 20, `fresh34` 32, 9 and 22, `fresh35` 29, 4 and 16 (the floors below;
/// of the 62 other labelled splits `fresh11` 38, 4, 13 → 38, 3, 11 and `dupq56` 38, 1, 12 → 38, 1, 14 moved).
final class Fresh33QualityTests: XCTestCase {
    func testThirtyThirdFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh33-pairs.tsv", found: 30, flagged: 2, strays: 20, wordsFlagged: 18)
    }
}

final class Fresh34QualityTests: XCTestCase {
    func testThirtyFourthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh34-pairs.tsv", found: 32, flagged: 9, strays: 22, wordsFlagged: 17)
    }
}

final class Fresh35QualityTests: XCTestCase {
    func testThirtyFifthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh35-pairs.tsv", found: 29, flagged: 4, strays: 16, wordsFlagged: 17)
    }
}

/// The thirty-seventh fresh set (`Data/fresh37-pairs.tsv`: travel, mobility and local marketplaces, about half its rewordings
/// in US English by another office, the rest single lines of fragments or metric-first sentences, some at another level of
/// detail than the idea; 40 ideas, 80 pairs), written blind on 2026-12-06 by a writer blind to the rules (and to `fresh36`,
/// written beside it), and measured once with the installed model and the rules of `cd176f2` (nothing chosen on it): 31 of 40
/// rewordings found, 1 of 40 look-alikes flagged, 20 other pairs (F1 0.861 over the labelled pairs). Words only: 16 look-alikes flagged.
final class Fresh37QualityTests: XCTestCase {
    func testThirtySeventhFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh37-pairs.tsv", found: 31, flagged: 1, strays: 20, wordsFlagged: 16)
    }
}

/// The thirty-sixth fresh set (`Data/fresh36-pairs.tsv`: consumer health, fitness, insurance and wellbeing; rewordings as
/// customers' words, slogans, support questions or one user's before-and-after; 40 ideas, 80 pairs), written blind on
/// 2026-12-06 by a writer blind to the rules and to `fresh37`, and measured once with the installed model and the rules of
/// `cd176f2` (nothing chosen on it): 30 of 40 rewordings found, 3 of 40 look-alikes flagged, 11 other pairs (F1 0.822 over
/// the labelled pairs). Words only: 18 look-alikes flagged.
final class Fresh36QualityTests: XCTestCase {
    func testThirtySixthFreshSetQualityWithTheInstalledModel() throws {
        try assertBlindSetFloors("fresh36-pairs.tsv", found: 30, flagged: 3, strays: 11, wordsFlagged: 18)
    }
}
