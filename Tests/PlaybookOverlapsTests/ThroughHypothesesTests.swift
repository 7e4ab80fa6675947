import PlaybookModel
import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// Experiments are duplicates through their hypotheses (issue #13: "two hypotheses (or experiments,
/// through their hypotheses and titles) are duplicates when …"; review52b: EXP-0013 and EXP-0014
/// tested two hypotheses found duplicates at 0.58, and nothing was said of the experiments, whose
/// titles shared no word).
final class ThroughHypothesesTests: XCTestCase {
    /// Two squads' hypotheses that restate one idea (found by words alone, no model needed).
    static let evening = hypothesis("HYP-0001", squad: "retention", title: "Evening nudge to save the streak",
                                    change: "notify users in the evening if they have not practised and their streak will break",
                                    audience: "users with a running streak", outcome: "higher day-1 retention")
    static let hypotheses = [
        evening,
        hypothesis("HYP-0002", squad: "growth", title: "Evening nudge to save the streak",
                   change: "notify users at night if they have not practised and their streak will break",
                   audience: "users who have a running streak", outcome: "higher day-1 retention"),
    ].joined(separator: "\n---\n")

    static func test(_ id: String, squad: String, title: String, hypothesis: String, _ fields: [String: String] = [:]) -> String {
        experiment(id, squad: squad, ["title": "\"\(title)\"", "hypothesis": hypothesis, "status": "draft",
                                      "metrics": "{primary: d1-retention}"].merging(fields) { $1 })
    }

    func found(_ experiments: String...) -> [Overlap] {
        OverlapFinder.duplicates(entities(([Self.hypotheses] + experiments).joined(separator: "\n---\n")))
    }

    func testExperimentsTestingDuplicateHypothesesAreDuplicatesWhateverTheirTitles() throws {
        let all = found(Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001"),
                        Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002"))
        let hypotheses = try XCTUnwrap(all.first { $0.ids == ["HYP-0001", "HYP-0002"] }, "the hypotheses are not duplicates")
        XCTAssertEqual(hypotheses.kind, .duplicate)
        let experiments = try XCTUnwrap(all.first { $0.ids == ["EXP-0001", "EXP-0002"] }, "\(all.map(\.reason))")
        XCTAssertEqual(experiments.kind, .duplicate)
        XCTAssertEqual(experiments.squads, ["retention", "growth"])
        XCTAssertEqual(experiments.score, hypotheses.score)
        XCTAssertEqual(experiments.terms, hypotheses.terms)
        XCTAssertTrue(experiments.reason.hasPrefix("experiments of squads retention and growth test hypotheses that make the same change "
                                                   + "(EXP-0001 tests HYP-0001, EXP-0002 tests HYP-0002: duplicates, score "), experiments.reason)
        XCTAssertTrue(experiments.reason.contains("; match: hypotheses HYP-0001 / HYP-0002, metric d1-retention, surface, audience; shared terms: "),
                      experiments.reason)
    }

    func testExperimentsApartByTheirOwnFieldsAreNotDuplicates() {
        let first = Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001")
        // Unrelated surfaces, another metric, a platform that differs, audiences that cannot overlap:
        // none is a duplicate (the titles share no word, so nothing else is found either).
        let apart = [
            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002", ["surface": "email/weekly"]),
            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002",
                      ["metrics": "{primary: paid-conversion}"]),
            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B on Android", hypothesis: "HYP-0002",
                      ["title": "\"Night-time reminder A/B in the Android app\""]),
        ]
        let onIOS = Self.test("EXP-0001", squad: "retention", title: "Streak saver push in the iOS app", hypothesis: "HYP-0001")
        // Each is related work naming what differs (review53c #8: they got no finding at all).
        let differ = ["surface (", "metric (d1-retention / paid-conversion)", "platform ("]
        for (index, other) in apart.enumerated() {
            let pairs = found(index == 2 ? onIOS : first, other).filter { $0.ids == ["EXP-0001", "EXP-0002"] }
            XCTAssertEqual(pairs.map(\.kind), [.related], "case \(index): \(pairs.map(\.reason))")
            XCTAssertTrue(pairs.first?.reason.contains("but differ in " + differ[index]) ?? false, "case \(index): \(pairs.map(\.reason))")
        }
        let segments = found(Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001",
                                       ["audience": "{segment: new-users}"]),
                             Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002",
                                       ["audience": "{segment: returning-users}"]))
        let apartBySegment = segments.filter { $0.ids == ["EXP-0001", "EXP-0002"] }
        XCTAssertEqual(apartBySegment.map(\.kind), [.related], "\(segments.map(\.reason))")
        XCTAssertTrue(apartBySegment.first?.reason.contains("test hypotheses that make the same change (EXP-0001 tests HYP-0001, "
            + "EXP-0002 tests HYP-0002: duplicates, score ") ?? false, "\(segments.map(\.reason))")
        XCTAssertTrue(apartBySegment.first?.reason.contains(") but differ in audience (segment new-users / returning-users); match: hypotheses ")
            ?? false, "\(segments.map(\.reason))")
    }

    /// review 2026-12-05 (A): two experiments that both name a platform outside the list (`desktop`, lint's schema
    /// error) have one audience: they were told apart as "differ in … audience (platform  / )", with blank values.
    /// An empty or blank list names no one apart either.
    func testIdenticalAudiencesEvenInvalidOrBlankAreNeverToldApart() throws {
        for (first, second) in [("{platforms: [desktop]}", "{platforms: [desktop]}"), ("{platforms: []}", "{platforms: []}"),
                                ("{regions: []}", "{regions: [de]}"), ("{regions: [\"\"]}", "{regions: [de]}")] {
            let all = found(Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001", ["audience": first]),
                            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002", ["audience": second]))
            let pair = try XCTUnwrap(all.first { $0.ids == ["EXP-0001", "EXP-0002"] }, "\(first): \(all.map(\.reason))")
            XCTAssertEqual(pair.kind, .duplicate, "\(first) / \(second): \(pair.reason)")
            XCTAssertFalse(pair.reason.contains("audience ("), pair.reason)
            XCTAssertTrue(pair.reason.contains("surface, audience; "), pair.reason)
        }
    }

    /// review53c #8: experiments of one idea in two markets are related work that says so (they got no finding).
    func testExperimentsOfOneIdeaInTwoRegionsAreRelatedWork() throws {
        let all = found(Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001",
                                  ["audience": "{regions: [de]}"]),
                        Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002",
                                  ["audience": "{regions: [fr]}"]))
        let pair = try XCTUnwrap(all.first { $0.ids == ["EXP-0001", "EXP-0002"] }, "\(all.map(\.reason))")
        XCTAssertEqual(pair.kind, .related)
        XCTAssertTrue(pair.reason.contains(") but differ in audience (region de / fr); match: hypotheses HYP-0001 / HYP-0002, metric d1-retention, surface; "),
                      pair.reason)
        // Lint's related notes are capped per entity, chosen among what the titles found (review53d #2: added under the
        // cap, these crowded out other notes and were counted in no "related to N more"): `playbook overlaps` lists them.
        let capped = OverlapFinder.duplicates(entities(([Self.hypotheses] + [
            Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001", ["audience": "{regions: [de]}"]),
            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002", ["audience": "{regions: [fr]}"]),
        ]).joined(separator: "\n---\n")), options: OverlapOptions(relatedPerEntity: 3))
        XCTAssertFalse(capped.contains { $0.ids == ["EXP-0001", "EXP-0002"] }, "\(capped.map(\.reason))")
    }

    /// review53c #4: titles that read as related work only for their wording (two squads' words for one thing,
    /// "flame" / "shield") do not hide that the experiments test duplicate hypotheses: the pair is a duplicate.
    func testTitlesApartOnlyInWordingAreTheDuplicateOfTheirHypotheses() throws {
        // A model that reads every text alike (the two hypotheses restate one idea in other words; the titles are
        // near copies, which the fields tell apart by the words each has alone).
        struct Alike: SentenceEncoder {
            var modelName = "alike"
            var dimension = 2
            func encode(_ texts: [String]) throws -> [[Float]] { texts.map { _ in [1, 0] } }
        }
        let hypotheses = [
            Self.evening,
            hypothesis("HYP-0002", squad: "growth", title: "Warn people before a run of days is lost",
                       change: "send a late alert to anyone about to lose consecutive days of lessons",
                       audience: "learners on a run", outcome: "more come back the next day"),
        ]
        let experiments = [
            Self.test("EXP-0001", squad: "retention", title: "Streak flame push on the home screen", hypothesis: "HYP-0001"),
            Self.test("EXP-0002", squad: "growth", title: "Streak shield push on the home screen", hypothesis: "HYP-0002"),
        ]
        let all = OverlapFinder.duplicates(entities((hypotheses + experiments).joined(separator: "\n---\n")), encoder: Alike())
        XCTAssertEqual(all.first { $0.ids == ["HYP-0001", "HYP-0002"] }?.kind, .duplicate, "\(all.map(\.reason))")
        let pairs = all.filter { $0.ids == ["EXP-0001", "EXP-0002"] }
        XCTAssertEqual(pairs.count, 1, "\(pairs.map(\.reason))")
        let pair = try XCTUnwrap(pairs.first)
        XCTAssertEqual(pair.kind, .duplicate, pair.reason)
        XCTAssertTrue(pair.reason.contains("test hypotheses that make the same change (EXP-0001 tests HYP-0001, EXP-0002 tests HYP-0002"),
                      pair.reason)
    }

    func testOneHypothesisTestedTwiceAndHypothesesThatDifferAreLeftToTheTitles() {
        // One hypothesis, two experiments (a second version): not judged through the hypothesis.
        let again = found(Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001"),
                          Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0001"))
        XCTAssertFalse(again.contains { $0.ids == ["EXP-0001", "EXP-0002"] }, "\(again.map(\.reason))")
        // Hypotheses of one squad are not compared (same_squad off), so neither are their experiments.
        let oneSquad = OverlapFinder.duplicates(entities([
            Self.hypotheses.replacingOccurrences(of: "squad: growth", with: "squad: retention"),
            Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001"),
            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002"),
        ].joined(separator: "\n---\n")))
        XCTAssertEqual(oneSquad.map(\.ids), [], "\(oneSquad.map(\.reason))")
    }

    /// review52c: the sides are worded in id order whichever hypothesis each tests; titles going opposite ways keep
    /// the experiments apart; a council's approval of the hypotheses' duplicate covers their experiments' too.
    func testReversedIdsOppositeTitlesAndApprovals() throws {
        let reversed = found(Self.test("EXP-0002", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001"),
                             Self.test("EXP-0001", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002"))
        let pair = try XCTUnwrap(reversed.first { $0.ids == ["EXP-0001", "EXP-0002"] }, "\(reversed.map(\.reason))")
        XCTAssertTrue(pair.reason.hasPrefix("experiments of squads growth and retention test hypotheses that make the same change "
                                            + "(EXP-0001 tests HYP-0002, EXP-0002 tests HYP-0001: "), pair.reason)
        XCTAssertTrue(pair.reason.contains("; match: hypotheses HYP-0002 / HYP-0001, "), pair.reason)
        let opposite = found(Self.test("EXP-0001", squad: "retention", title: "Longer streak freeze", hypothesis: "HYP-0001"),
                             Self.test("EXP-0002", squad: "growth", title: "Shorter streak freeze", hypothesis: "HYP-0002"))
        XCTAssertFalse(opposite.contains { $0.ids == ["EXP-0001", "EXP-0002"] && $0.kind == .duplicate }, "\(opposite.map(\.reason))")
        let approvals = "[{by: Growth council, date: 2026-06-30, overlaps: [HYP-0002]}]"
        let reviewed = OverlapFinder.duplicates(entities([
            Self.hypotheses.replacingOccurrences(of: "status: backlog", with: "status: backlog\napprovals: \(approvals)"),
            Self.test("EXP-0001", squad: "retention", title: "Streak saver push", hypothesis: "HYP-0001"),
            Self.test("EXP-0002", squad: "growth", title: "Night-time reminder A/B", hypothesis: "HYP-0002"),
        ].joined(separator: "\n---\n")))
        XCTAssertEqual(reviewed.first { $0.ids == ["HYP-0001", "HYP-0002"] }?.acknowledgedBy, "Growth council on 2026-06-30")
        XCTAssertEqual(reviewed.first { $0.ids == ["EXP-0001", "EXP-0002"] }?.acknowledgedBy, "Growth council on 2026-06-30",
                       "\(reviewed.map(\.reason))")
    }

    func testAPairAlreadyFoundByItsTitlesKeepsThatFinding() throws {
        let all = found(Self.test("EXP-0001", squad: "retention", title: "Streak saver push at night", hypothesis: "HYP-0001"),
                        Self.test("EXP-0002", squad: "growth", title: "Streak saver push at night", hypothesis: "HYP-0002"))
        let pairs = all.filter { $0.ids == ["EXP-0001", "EXP-0002"] }
        XCTAssertEqual(pairs.count, 1, "\(pairs.map(\.reason))")
        let pair = try XCTUnwrap(pairs.first)
        XCTAssertTrue(pair.reason.hasPrefix("experiments of squads retention and growth make the same change (alike in words"), pair.reason)
    }
}

/// review52b #8: what a collision or a related pair of experiments says, read as a squad lead reads it.
final class ExperimentMessageTests: XCTestCase {
    /// A collision names its two experiments in id order, as the pair is listed, whichever the sweep met first
    /// (EXP-0004 starts first and was named first: "EXP-0003 ↔ EXP-0004: EXP-0004 and EXP-0003 …").
    func testACollisionNamesItsExperimentsInIdOrder() throws {
        let nested = experiment("EXP-0003", squad: "a", ["surface": "web/checkout/payment", "start": "2026-07-08", "hypothesis": "HYP-0003"])
        let outer = experiment("EXP-0004", squad: "b", ["surface": "web/checkout", "start": "2026-07-01", "hypothesis": "HYP-0004"])
        for yaml in [nested + "\n---\n" + outer, outer + "\n---\n" + nested] {
            let found = OverlapFinder.collisions(entities(yaml), today: Day("2026-07-10"))
            let collision = try XCTUnwrap(found.first, yaml)
            XCTAssertEqual(collision.ids, ["EXP-0003", "EXP-0004"])
            XCTAssertTrue(collision.reason.hasPrefix("EXP-0003 and EXP-0004 are live together from 2026-07-08 to 2026-07-27 on nested surfaces "
                                                     + "web/checkout/payment and web/checkout"), collision.reason)
        }
    }

    /// A region the titles already differ in is not named again as the audiences' region.
    func testARegionTheTitlesDifferInIsNamedOnce() throws {
        let germany = experiment("EXP-0015", squad: "a", ["title": "\"Free delivery banner on the landing page in Germany\"",
                                                          "audience": "{regions: [de]}", "hypothesis": "HYP-0015"])
        let uk = experiment("EXP-0016", squad: "b", ["title": "\"Free delivery banner on the landing page in the UK\"",
                                                     "audience": "{regions: [uk]}", "hypothesis": "HYP-0016"])
        let pair = try XCTUnwrap(OverlapFinder.duplicates(entities(germany + "\n---\n" + uk)).first)
        XCTAssertEqual(pair.kind, .related)
        XCTAssertTrue(pair.reason.contains("but differ in region (germany / uk); match: "), pair.reason)
        XCTAssertFalse(pair.reason.contains("audience (region"), pair.reason)
    }
}
