import XCTest
import PlaybookOverlaps
import PlaybookSimilarity

final class DuplicateTests: XCTestCase {
    let streak = hypothesis("HYP-0001", squad: "activation-emea", title: "Streak reminders bring learners back",
                            change: "send a push reminder in the evening when a streak is at risk", audience: "learners with an active streak",
                            outcome: "more of them come back the next day")

    func reworded(squad: String, id: String = "HYP-0002", audience: String = "users who have a running streak") -> String {
        hypothesis(id, squad: squad, title: "Evening nudge to save the streak",
                   change: "notify users at night if they have not practised and their streak will break", audience: audience,
                   outcome: "higher day-1 retention")
    }

    func testRewordedHypothesisOfAnotherSquadIsADuplicateWithItsTerms() {
        let found = OverlapFinder.duplicates(entities(streak + "\n---\n" + reworded(squad: "retention-apac")))
        XCTAssertEqual(found.map(\.ids), [["HYP-0001", "HYP-0002"]])
        XCTAssertEqual(found.first?.squads, ["activation-emea", "retention-apac"])
        XCTAssertTrue(found.first?.terms.contains("streak") ?? false)
        XCTAssertTrue(found.first?.reason.contains("shared terms") ?? false)
        XCTAssertGreaterThanOrEqual(found.first?.score ?? 0, OverlapOptions.defaultThreshold)
    }

    /// The shared terms are the texts' own words, not the corpus's first spelling of a term (another
    /// text's "Cancellation", "seven"); a term the two write as different words (a synonym) shows both.
    func testSharedTermsAreSpelledAsThePairWritesThem() {
        let first = hypothesis("HYP-0001", squad: "a", title: "Cancellation survey at seven", change: "ask why at cancellation time",
                               audience: "all users", outcome: "more insight")
        func winBack(_ id: String, _ squad: String, _ who: String) -> String {
            hypothesis(id, squad: squad, title: "Win back \(who) subscribers with a discount at 7pm",
                       change: "email \(who) subscribers a discount offer at 7pm", audience: "\(who) subscribers",
                       outcome: "more reactivations")
        }
        let found = OverlapFinder.duplicates(entities([first, winBack("HYP-0002", "b", "lapsed"), winBack("HYP-0003", "c", "lapsed"),
                                                       winBack("HYP-0004", "d", "churned")].joined(separator: "\n---\n")))
        let terms = Dictionary(found.map { ($0.ids.joined(separator: " "), $0.terms) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(terms["HYP-0002 HYP-0003"].map(Set.init), ["7", "lapsed", "subscribers", "discount", "pm", "win"], "\(found.map(\.reason))")
        XCTAssertTrue(terms["HYP-0002 HYP-0004"]?.contains("lapsed/churned") ?? false, "\(found.map(\.reason))")
        XCTAssertTrue(found.allSatisfy { !$0.reason.contains("cancellation") && !$0.reason.contains("seven") }, "\(found.map(\.reason))")
    }

    /// Words of denial both texts use are no shared subject: a pair that says "no" and "never" lists what it is about,
    /// not "no/never" (review: "shared terms: no/never, purchases/checkout" for a stored card against a coupon).
    func testDenialsAreNotListedAsSharedTerms() {
        let first = hypothesis("HYP-0001", squad: "a", title: "Never show the discount banner at checkout",
                               change: "never show the discount banner to buyers at checkout", audience: "all buyers", outcome: "fewer abandoned carts")
        let second = hypothesis("HYP-0002", squad: "b", title: "No discount banner at checkout",
                                change: "no discount banner for buyers at checkout", audience: "all buyers", outcome: "fewer abandoned carts")
        let found = OverlapFinder.duplicates(entities(first + "\n---\n" + second))
        XCTAssertEqual(found.map(\.ids), [["HYP-0001", "HYP-0002"]])
        let terms = found.first?.terms ?? []
        XCTAssertTrue(terms.contains("banner"), "\(terms)")
        XCTAssertFalse(terms.contains { $0.split(separator: "/").contains { ["no", "never"].contains($0.lowercased()) } }, "\(terms)")
    }

    /// Without the model, one change for two audiences that share no word (past "new", "users" and the like) is related work
    /// that says whose, not a duplicate (review: couriers against restaurant partners called duplicates by words alone);
    /// audiences that share a word, or say nothing past those words, leave a near copy a duplicate.
    func testWithoutTheModelAudiencesWithNoWordInCommonAreTwoAudiences() {
        func idea(_ id: String, _ squad: String, _ audience: String) -> String {
            hypothesis(id, squad: squad, title: "Live map of the delivery in the app",
                       change: "show a live map of the delivery on the order screen", audience: audience, outcome: "fewer support contacts")
        }
        let apart = OverlapFinder.duplicates(entities(idea("HYP-0001", "a", "new couriers in their first week") + "\n---\n"
                                                      + idea("HYP-0002", "b", "new restaurant partners")))
        XCTAssertEqual(apart.map(\.kind), [.related], "\(apart.map(\.reason))")
        XCTAssertTrue(apart.first?.reason.contains("differ in audience (new couriers in their first week / new restaurant partners, no word in common)") ?? false,
                      apart.first?.reason ?? "")
        for (first, second) in [("couriers in their first week", "couriers in their first month"), ("new users", "new visitors")] {
            let found = OverlapFinder.duplicates(entities(idea("HYP-0001", "a", first) + "\n---\n" + idea("HYP-0002", "b", second)))
            XCTAssertEqual(found.map(\.kind), [.duplicate], "\(first) / \(second): \(found.map(\.reason))")
        }
    }

    func testSameSquadIsComparedOnlyWhenAskedFor() {
        let text = streak + "\n---\n" + reworded(squad: "activation-emea")
        XCTAssertEqual(OverlapFinder.duplicates(entities(text)).count, 0)
        XCTAssertEqual(OverlapFinder.duplicates(entities(text), options: OverlapOptions(sameSquad: true)).count, 1)
    }

    /// The reason names the squads as they are: two of no squad are not "of the same squad" (as at
    /// b375bc8, which said so for them and for one of a squad beside one of none).
    func testTheReasonSaysWhenASideBelongsToNoSquad() {
        func reason(_ first: String?, _ second: String?) -> String {
            let pair = streak.replacing("squad: activation-emea\n", with: first.map { "squad: \($0)\n" } ?? "")
                + "\n---\n" + reworded(squad: "SECOND").replacing("squad: SECOND\n", with: second.map { "squad: \($0)\n" } ?? "")
            let found = OverlapFinder.duplicates(entities(pair), options: OverlapOptions(sameSquad: true))
            XCTAssertEqual(found.map(\.kind), [.duplicate])
            return found.first?.reason ?? ""
        }
        XCTAssertTrue(reason(nil, nil).hasPrefix("hypotheses of no squad make the same change"), reason(nil, nil))
        XCTAssertTrue(reason("growth", nil).hasPrefix("hypotheses of squad growth and of no squad make the same change"), reason("growth", nil))
        XCTAssertTrue(reason(nil, "growth").hasPrefix("hypotheses of squad growth and of no squad make the same change"), reason(nil, "growth"))
        XCTAssertTrue(reason("growth", "growth").hasPrefix("hypotheses of the same squad make the same change"), reason("growth", "growth"))
        XCTAssertTrue(reason("growth", "apac").hasPrefix("hypotheses of squads growth and apac make the same change"), reason("growth", "apac"))
    }

    /// The reason says the score against the bar it met, in figures a reader can check: the threshold
    /// for a duplicate, the threshold plus the related margin for related work. At b375bc8 it gave the
    /// score alone ("score 0.62)"), so a reader could not tell how near the bar a pair was.
    func testTheReasonSaysTheScoreAgainstTheBarItMet() throws {
        /// The score the reason gives before `bar`, checked against the overlap's own.
        func shownScore(_ overlap: Overlap?, before bar: String) throws -> Double {
            let reason = try XCTUnwrap(overlap?.reason)
            let match = try XCTUnwrap(reason.firstMatch(of: #/score (\d\.\d\d) ≥ /#), reason)
            XCTAssertTrue(reason[match.range.upperBound...].hasPrefix(bar + ")"), reason)
            let shown = try XCTUnwrap(Double(match.1))
            XCTAssertEqual(shown, overlap?.score ?? 0, accuracy: 0.005)
            return shown
        }
        let pair = streak + "\n---\n" + reworded(squad: "retention-apac")
        for (threshold, shown) in [(0.4, "0.40"), (0.3, "0.30")] {
            let found = OverlapFinder.duplicates(entities(pair), options: OverlapOptions(threshold: threshold))
            XCTAssertEqual(found.map(\.kind), [.duplicate])
            XCTAssertGreaterThanOrEqual(try shownScore(found.first, before: "threshold \(shown)"), threshold)
        }
        let related = OverlapFinder.duplicates(entities(streak + "\n---\n" + reworded(squad: "x", audience: "lapsed learners who lost their streak")))
        XCTAssertEqual(related.map(\.kind), [.related])
        XCTAssertGreaterThanOrEqual(try shownScore(related.first, before: "0.50 for related work"), 0.5)
    }

    func testTheSameChangeForAnotherSegmentIsRelatedAndSaysWhatDiffers() {
        let found = OverlapFinder.duplicates(entities(streak + "\n---\n" + reworded(squad: "x", audience: "lapsed learners who lost their streak")))
        XCTAssertEqual(found.map(\.kind), [.related])
        let reason = found.first?.reason ?? ""
        XCTAssertTrue(reason.contains("differ in segment (active / lapsed)"), reason)
        XCTAssertTrue(reason.contains("match: change, metric d1-retention"), reason)
        XCTAssertTrue(reason.contains("shared terms: "), reason)
    }

    func testTheOppositeChangeIsRelatedNotADuplicate() {
        let show = hypothesis("HYP-0001", squad: "a", title: "Show the annual savings", change: "show how much the annual plan saves",
                              audience: "visitors of the pricing page", outcome: "more annual plans")
        let hide = hypothesis("HYP-0002", squad: "b", title: "Hide the annual savings", change: "hide how much the annual plan saves",
                              audience: "visitors of the pricing page", outcome: "more annual plans")
        let found = OverlapFinder.duplicates(entities(show + "\n---\n" + hide))
        XCTAssertEqual(found.map(\.kind), [.related])
        XCTAssertTrue(found.first?.reason.contains("direction (show / hide)") ?? false, found.first?.reason ?? "")
    }

    func testMetricsCompareThroughTheCatalog() {
        let catalog = """
            kind: Metric
            id: churn-rate
            event: subscription.cancelled
            ---
            kind: Metric
            id: cancellation-rate
            event: subscription.cancelled
            ---
            kind: Metric
            id: reactivation-rate
            event: user.reactivated
            """
        func pause(_ id: String, _ squad: String, _ metric: String) -> String {
            hypothesis(id, squad: squad, title: "Pause instead of cancel", change: "offer to pause the subscription in the cancellation flow",
                       audience: "subscribers who start to cancel", outcome: "fewer leave")
                .replacing("metric: d1-retention", with: "metric: \(metric)")
        }
        let sameEvent = OverlapFinder.duplicates(entities([catalog, pause("HYP-0001", "a", "churn-rate"), pause("HYP-0002", "b", "cancellation-rate")]
            .joined(separator: "\n---\n")))
        XCTAssertEqual(sameEvent.map(\.kind), [.duplicate])
        XCTAssertTrue(sameEvent.first?.reason.contains("metric churn-rate = cancellation-rate (event subscription.cancelled)") ?? false,
                      sameEvent.first?.reason ?? "")
        let other = OverlapFinder.duplicates(entities([catalog, pause("HYP-0001", "a", "churn-rate"), pause("HYP-0002", "b", "reactivation-rate")]
            .joined(separator: "\n---\n")))
        XCTAssertEqual(other.map(\.kind), [.related])
        XCTAssertTrue(other.first?.reason.contains("differ in metric (") ?? false, other.first?.reason ?? "")
    }

    /// review 2026-12-05 (D): a title's hyperlink escape (`\e]8;;http://evil.example/\e\\`) and `alert(1)` put "8" and "1"
    /// among a duplicate's shared terms: an escape sequence gives no term, and a lone digit is not listed.
    func testSharedTermsTakeNothingFromEscapesNorLoneDigits() throws {
        let a = hypothesis("HYP-0001", squad: "a", title: "\\e]8;;http://evil.example/\\e\\\\First lesson alert\\e]8;;\\e\\\\ alert(1)",
                           change: "send an alert(1) after the first lesson of the day", audience: "new learners", outcome: "more finish the course")
        let b = hypothesis("HYP-0002", squad: "b", title: "First lesson alert (8 http evil example links) alert(1)",
                           change: "send an alert(1) after the first lesson of the day", audience: "new learners", outcome: "more finish the course")
        // A third text that first writes the number as a word ("one"): the corpus shows it so, these texts as "1".
        let other = hypothesis("HYP-0003", squad: "c", title: "Pick one plan", change: "offer one plan on the pricing page",
                               audience: "visitors", outcome: "more buy")
        for texts in [[a, b], [other, a, b]] {
            let found = OverlapFinder.duplicates(entities(texts.joined(separator: "\n---\n"))).filter { $0.ids == ["HYP-0001", "HYP-0002"] }
            let pair = try XCTUnwrap(found.first, "the pair is not found")
            XCTAssertTrue(pair.terms.contains("lesson"), "\(pair.terms)")
            for fragment in ["8", "1", "one", "http", "evil", "example", "eight/8"] {
                XCTAssertFalse(pair.terms.contains(fragment), "\(fragment): \(pair.terms)")
            }
            XCTAssertFalse(pair.reason.contains(", 1,") || pair.reason.hasSuffix(", 1"), pair.reason)
        }
    }

    /// review 2026-12-05 (C): a misspelt metric id (`churn-rat`) was named as another metric, "differ in metric
    /// (churn-rate / churn-rat)", never said to be missing from the catalog; the note now says so and what it may mean.
    func testAMetricNotInTheCatalogIsSaidToBeMissing() {
        let catalog = "kind: Metric\nid: churn-rate\nevent: subscription.cancelled\n---\nkind: Metric\nid: reactivation-rate\nevent: user.reactivated"
        func pause(_ id: String, _ squad: String, _ metric: String) -> String {
            hypothesis(id, squad: squad, title: "Pause instead of cancel", change: "offer to pause the subscription in the cancellation flow",
                       audience: "subscribers who start to cancel", outcome: "fewer leave")
                .replacing("metric: d1-retention", with: "metric: \(metric)")
        }
        let misspelt = OverlapFinder.duplicates(entities([catalog, pause("HYP-0001", "a", "churn-rate"), pause("HYP-0002", "b", "churn-rat")]
            .joined(separator: "\n---\n")))
        XCTAssertTrue(misspelt.first?.reason.contains("differ in metric (churn-rate / churn-rat, which is not in the metric catalog "
            + "(did you mean churn-rate?))") ?? false, misspelt.first?.reason ?? "")
        let both = OverlapFinder.duplicates(entities([catalog, pause("HYP-0001", "a", "churn-rat"), pause("HYP-0002", "b", "reactivaton-rate")]
            .joined(separator: "\n---\n")))
        XCTAssertTrue(both.first?.reason.contains("differ in metric (churn-rat / reactivaton-rate, neither of which is in the metric catalog "
            + "(did you mean churn-rate for churn-rat, reactivation-rate for reactivaton-rate?))") ?? false, both.first?.reason ?? "")
        // Two metrics the catalog holds are named as they are; without a catalog, ids are all there is.
        let known = OverlapFinder.duplicates(entities([catalog, pause("HYP-0001", "a", "churn-rate"), pause("HYP-0002", "b", "reactivation-rate")]
            .joined(separator: "\n---\n")))
        XCTAssertTrue(known.first?.reason.contains("differ in metric (churn-rate / reactivation-rate); ") ?? false, known.first?.reason ?? "")
        let bare = OverlapFinder.duplicates(entities([pause("HYP-0001", "a", "churn-rate"), pause("HYP-0002", "b", "churn-rat")].joined(separator: "\n---\n")))
        XCTAssertTrue(bare.first?.reason.contains("differ in metric (churn-rate / churn-rat); ") ?? false, bare.first?.reason ?? "")
    }

    func testAnEncoderFindsRewordingsThatShareNoWords() {
        // Vectors standing in for a model: the two changes mean the same (a cosine of 0.7, as MiniLM gives
        // restatements), the audiences something else.
        struct Table: SentenceEncoder {
            var modelName = "table"
            var dimension = 2
            func encode(_ texts: [String]) throws -> [[Float]] {
                texts.map { $0.contains("registration") ? [0.7, 0.71414] : $0.contains("signup") ? [1, 0] : [0, 1] }
            }
        }
        let a = hypothesis("HYP-0001", squad: "a", title: "Shorter signup form", change: "cut the form to the email field only",
                           audience: "visitors", outcome: "more finish")
        let b = hypothesis("HYP-0002", squad: "b", title: "One-field registration", change: "ask for nothing but an address",
                           audience: "people", outcome: "a larger share complete")
        XCTAssertEqual(OverlapFinder.duplicates(entities(a + "\n---\n" + b)).count, 0, "no shared words")
        let found = OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: Table())
        XCTAssertEqual(found.map(\.kind), [.duplicate], found.first?.reason ?? "")
        XCTAssertTrue(found.first?.reason.contains("close in meaning") ?? false, found.first?.reason ?? "")
    }

    /// Hypotheses that state nothing (no title and no statement, or a title of emoji) take no part: a model
    /// reads every empty text as one text, so they were "the same change" at cosine 1.00 (review53c #6).
    func testHypothesesThatStateNothingAreNoDuplicates() {
        struct Same: SentenceEncoder {
            var modelName = "same"
            var dimension = 2
            func encode(_ texts: [String]) throws -> [[Float]] { texts.map { _ in [1, 0] } }
        }
        let documents = [
            "kind: Hypothesis\nid: HYP-0001\nsquad: a\nstatus: backlog",
            "kind: Hypothesis\nid: HYP-0002\nsquad: b\nstatus: backlog",
            "kind: Hypothesis\nid: HYP-0003\nsquad: c\ntitle: \"🚀🚀\"\nstatus: backlog",
            "kind: Experiment\nid: EXP-0001\nsquad: a\ntitle: \"…\"\nstatus: draft",
            "kind: Experiment\nid: EXP-0002\nsquad: b\ntitle: \"\u{200B}\"\nstatus: draft",
        ].joined(separator: "\n---\n")
        let found = OverlapFinder.duplicates(entities(documents), encoder: Same())
        XCTAssertEqual(found.map(\.ids), [], found.map(\.reason).joined(separator: "\n"))
        // A text with a word in it still takes part.
        let worded = documents + "\n---\n" + hypothesis("HYP-0004", squad: "d", title: "Shorter signup form", change: "cut the form",
                                                        audience: "visitors", outcome: "more finish")
            + "\n---\n" + hypothesis("HYP-0005", squad: "e", title: "Shorter signup form", change: "cut the form",
                                      audience: "visitors", outcome: "more finish")
        XCTAssertEqual(OverlapFinder.duplicates(entities(worded), encoder: Same()).map(\.ids), [["HYP-0004", "HYP-0005"]])
    }

    /// Vectors that are NaN (what the model gives when a word's row can no longer be read from its
    /// file): no crash, and no pair found or lost by meaning: the same as comparing by words alone.
    func testNaNVectorsChangeNothingAndCrashNothing() {
        struct Broken: SentenceEncoder {
            var modelName = "broken"
            var dimension = 3
            func encode(_ texts: [String]) throws -> [[Float]] {
                texts.map { text in
                    text.contains("form") || text.contains("visitors") ? [.nan, .nan, .nan]
                        : ["streak", "learners"].contains { text.contains($0) } ? [1, 0, 0]
                        : ["digest", "lapsed"].contains { text.contains($0) } ? [0, 1, 0] : [0, 0, 1]
                }
            }
        }
        let documents = [
            hypothesis("HYP-0001", squad: "a", title: "Shorter signup form", change: "cut the signup form to the email field only",
                       audience: "visitors", outcome: "more finish"),
            hypothesis("HYP-0002", squad: "b", title: "Shorter signup form", change: "cut the signup form down to the email field",
                       audience: "new visitors", outcome: "more complete it"),
            hypothesis("HYP-0003", squad: "c", title: "Evening streak reminder", change: "remind learners at night",
                       audience: "learners", outcome: "longer streaks"),
            hypothesis("HYP-0004", squad: "d", title: "Weekly digest email", change: "send a weekly digest",
                       audience: "lapsed users", outcome: "more return"),
        ].joined(separator: "\n---\n")
        let lexical = OverlapFinder.duplicates(entities(documents))
        let found = OverlapFinder.duplicates(entities(documents), encoder: Broken())
        XCTAssertEqual(found.map(\.ids), lexical.map(\.ids))
        XCTAssertEqual(found.map(\.kind), lexical.map(\.kind))
        XCTAssertFalse(found.isEmpty, "the restatement shares its words")
    }

    /// In a dense topic every text reads somewhat alike to a model; only mutual near neighbours
    /// found by meaning alone are duplicates, so the true restatement stands out and the rest of
    /// the topic is not paired with everything in it.
    func testADenseTopicYieldsItsRestatementNotEveryPair() {
        let words = ["amber", "basil", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper"]
        // Texts share one word (not a near copy with a word swapped, which is a look-alike).
        // Word i's vector: a shared "topic" part (growing a little with i, so no two cosines tie)
        // and a part of its own; "amber" and "basil" are one idea in two wordings.
        struct Topic: SentenceEncoder {
            var words: [String]
            var modelName = "topic"
            var dimension: Int { words.count + 1 }
            func encode(_ texts: [String]) throws -> [[Float]] {
                texts.map { text in
                    var index = words.firstIndex { text.contains($0) } ?? 0
                    if index == 1 { index = 0 }
                    let shared = Float(0.68 + 0.012 * Double(index))
                    var vector = [Float](repeating: 0, count: words.count + 1)
                    vector[0] = shared
                    vector[index + 1] = (1 - shared * shared).squareRoot()
                    return vector
                }
            }
        }
        let documents = words.enumerated().map { index, word in
            hypothesis(String(format: "HYP-%04d", index + 1), squad: "squad-\(index)", title: word.capitalized,
                       change: "the \(word) approach", audience: "group \(word)", outcome: "\(word) result")
        }
        let found = OverlapFinder.duplicates(entities(documents.joined(separator: "\n---\n")), encoder: Topic(words: words))
            .filter { $0.kind == .duplicate }
        XCTAssertTrue(found.contains { Set($0.ids) == ["HYP-0001", "HYP-0002"] }, found.map(\.ids).description)
        // Every other pair's cosine (0.46–0.65) clears the bar; at most three neighbours each remain.
        XCTAssertLessThanOrEqual(found.count, words.count * 3 / 2, found.map(\.ids).description)
        XCTAssertLessThan(found.count, words.count * (words.count - 1) / 4, "a dense topic is not paired with everything in it")
    }

    func testAHypothesisIsAcknowledgedThroughItsExperimentsApprovals() {
        let approved = experiment("EXP-0001", squad: "activation-emea", [
            "hypothesis": "HYP-0001", "approvals": "[{by: Growth council, date: 2026-06-30, overlaps: [HYP-0002]}]",
        ])
        let found = OverlapFinder.duplicates(entities([streak, reworded(squad: "retention-apac"), approved].joined(separator: "\n---\n")))
        XCTAssertEqual(found.first?.acknowledgedBy, "Growth council on 2026-06-30")
    }

    func testExperimentsWithTheSameTitleOnUnrelatedSurfacesAreRelated() {
        let a = experiment("EXP-0001", squad: "a", ["title": "Annual plan banner", "status": "draft"])
        let nested = experiment("EXP-0002", squad: "b", ["title": "Annual plan banner", "status": "draft", "surface": "web/checkout/top"])
        let elsewhere = experiment("EXP-0002", squad: "b", ["title": "Annual plan banner", "status": "draft", "surface": "email/weekly"])
        let near = OverlapFinder.duplicates(entities(a + "\n---\n" + nested))
        XCTAssertEqual(near.map(\.kind), [.duplicate])
        XCTAssertEqual(near.first?.score ?? 0, 1, accuracy: 1e-6)
        let far = OverlapFinder.duplicates(entities(a + "\n---\n" + elsewhere))
        XCTAssertEqual(far.map(\.kind), [.related])
        XCTAssertTrue(far.first?.reason.contains("differ in surface (web/checkout / email/weekly)") ?? false, far.first?.reason ?? "")
    }

    /// Two squads' experiments found alike that test one hypothesis: the message says both test it
    /// (`review51`: EXP-0802 and EXP-0030 both test HYP-0035 and the message never said so).
    static func pauseTest(_ id: String, squad: String, title: String, surface: String, hypothesis: String = "HYP-0035") -> String {
        experiment(id, squad: squad, ["title": "\"\(title)\"", "hypothesis": hypothesis, "status": "draft",
                                      "metrics": "{primary: revenue-per-paying-user}", "surface": surface])
    }

    func testExperimentsOfTwoSquadsTestingOneHypothesisSaySo() throws {
        let a = Self.pauseTest("EXP-0030", squad: "revenue-consumer", title: "Offer a pause in the cancellation flow", surface: "web/account")
        let b = Self.pauseTest("EXP-0802", squad: "acq-latam", title: "Offer a pause option in the cancellation flow",
                               surface: "web/account/cancel")
        let found = OverlapFinder.duplicates(entities(a + "\n---\n" + b))
        let overlap = try XCTUnwrap(found.first, "no overlap")
        XCTAssertEqual(found.map(\.kind), [.duplicate], overlap.reason)
        XCTAssertTrue(overlap.reason.contains("make the same change (both test HYP-0035, "), overlap.reason)
        XCTAssertTrue(overlap.reason.contains("hypothesis HYP-0035"), overlap.reason)
        // Another hypothesis each: nothing said of it.
        let other = Self.pauseTest("EXP-0802", squad: "acq-latam", title: "Offer a pause option in the cancellation flow",
                                   surface: "web/account/cancel", hypothesis: "HYP-0036")
        let apart = try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + other)).first, "no overlap")
        XCTAssertFalse(apart.reason.contains("HYP-003"), apart.reason)
    }

    func testExperimentsTestingOneHypothesisOnAnotherSurfaceAreRelatedAndSaySo() throws {
        let a = Self.pauseTest("EXP-0030", squad: "revenue-consumer", title: "Offer a pause in the cancellation flow",
                               surface: "web/billing/cancel-flow")
        let b = Self.pauseTest("EXP-0802", squad: "acq-latam", title: "Offer a pause option in the cancellation flow",
                               surface: "web/account/cancel")
        let found = OverlapFinder.duplicates(entities(a + "\n---\n" + b))
        let overlap = try XCTUnwrap(found.first, "no overlap")
        XCTAssertEqual(found.map(\.kind), [.related], overlap.reason)
        XCTAssertTrue(overlap.reason.contains("both test HYP-0035"), overlap.reason)
        XCTAssertTrue(overlap.reason.contains("differ in surface (web/billing/cancel-flow / web/account/cancel)"), overlap.reason)
        XCTAssertTrue(overlap.reason.contains("hypothesis HYP-0035"), overlap.reason)
    }

    func testRenderedJSONHasTheContractKeys() {
        let found = OverlapFinder.find(entities(streak + "\n---\n" + reworded(squad: "retention-apac")))
        let json = OverlapRendering.json(found)
        for key in ["\"version\": 1", "\"kind\": \"duplicate\"", "\"entities\": [\"HYP-0001\", \"HYP-0002\"]",
                    "\"squads\": [\"activation-emea\", \"retention-apac\"]", "\"score\": 0.", "\"reason\": "] {
            XCTAssertTrue(json.contains(key), key + "\n" + json)
        }
        XCTAssertEqual(OverlapRendering.json([]), "{\n  \"version\": 1,\n  \"overlaps\": []\n}\n")
    }
}
