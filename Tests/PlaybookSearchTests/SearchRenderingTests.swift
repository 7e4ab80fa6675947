import PlaybookModel
@testable import PlaybookSearch
import XCTest

final class SearchRenderingTests: XCTestCase {
    func testTerminalTextShowsControlsEscapesAndBidiOverridesAndForgesNoCommand() {
        XCTAssertEqual(SearchRendering.terminal("a\u{1B}[2Jb\u{9B}c\u{202E}d\u{2066}e\u{7F}f\ng"),
                       "a\\u{1B}[2Jb\\u{9B}c\\u{202E}d\\u{2066}e\\u{7F}f\\ng")
        XCTAssertEqual(SearchRendering.terminal("::error::x ##[warning]y"), "\\u{3A}:error::x #\\u{23}[warning]y")
    }

    func testMarkdownEscapesMarkupStaysOnOneLineAndLinksNothing() {
        XCTAssertEqual(SearchRendering.markdown("*a* | [x](javascript:y) <b>\n#h @org/team"),
                       "\\*a\\* \\| \\[x\\](javascript:y) \\<b\\>\\\\n#\u{2060}h @\u{2060}org/team")
    }

    /// A query that matches nothing is echoed as a short prefix (a 60 KB query was printed whole),
    /// still inert: an escape in the prefix is shown, not sent.
    func testANoMatchEchoesAShortInertPrefixOfALongQuery() {
        let query = "\u{1B}[2J" + String(repeating: "signup form ", count: 5_000)
        let text = SearchRendering.text([], query: query, engine: "words")
        XCTAssertEqual(text, "No hypothesis or experiment resembles \"\\u{1B}" + String(query.dropFirst().prefix(79)) + "…\".\n")
        XCTAssertLessThan(text.utf8.count, 200)
        let markdown = SearchRendering.markdown([], query: query, engine: "words")
        XCTAssertLessThan(markdown.utf8.count, 300, markdown)
        XCTAssertTrue(markdown.hasSuffix("…”\n\nNo hypothesis or experiment resembles it.\n"), markdown)
        // A short query is echoed whole, without an ellipsis.
        XCTAssertEqual(SearchRendering.text([], query: "one-field signup", engine: "words"),
                       "No hypothesis or experiment resembles \"one-field signup\".\n")
        // JSON is data for scripts: the query as given.
        XCTAssertTrue(SearchRendering.json([], query: query, engine: "words").contains(String(repeating: "signup form ", count: 5_000)))
    }

    /// `result.lift: 1e16` lints clean; text and Markdown trapped converting its percentage to Int.
    func testAHugeLiftIsPrintedNotATrapInEveryFormat() {
        for lift in [1e16, -1e300, 9.3e17, .infinity, .nan] {
            let item = PriorArt(id: "EXP-0001", kind: .experiment, squad: "growth", status: "concluded", title: "Shorter signup",
                                outcome: "win", lift: lift, learnings: [], file: "f.yml", text: "Shorter signup")
            let hits = [SearchHit(item: item, score: 0.5)]
            XCTAssertTrue(SearchRendering.text(hits, query: "signup", engine: "words").contains("EXP-0001"), "\(lift)")
            XCTAssertTrue(SearchRendering.markdown(hits, query: "signup", engine: "words").contains("EXP-0001"), "\(lift)")
            XCTAssertTrue(SearchRendering.json(hits, query: "signup", engine: "words").contains("EXP-0001"), "\(lift)")
        }
        XCTAssertEqual(SearchRendering.percent(1e16), "+1000000000000000000%")
        XCTAssertEqual(SearchRendering.percent(-1e300), "-1e+302%")
        XCTAssertEqual(SearchRendering.score(.infinity), "?")
    }

    /// The same lift read "-5%" in report experiments, "-5.0%" in search: one wording now (LiftText).
    func testALiftReadsAsTheExperimentReportWritesIt() {
        let cases: [(Double, String)] = [(-0.05, "-5%"), (0.05, "+5%"), (0.031, "+3.1%"), (0.034, "+3.4%"), (0.12345, "+12.35%"),
                                         (-0.00125, "-0.13%"), (0, "0%"), (0.1, "+10%"), (.nan, "?")]
        for (lift, text) in cases {
            XCTAssertEqual(SearchRendering.percent(lift), text, "\(lift)")
        }
        XCTAssertEqual(LiftText.signedPercent(Decimal(string: "-0.05")!), "-5%")
    }

    /// A hypothesis whose title and text are `text`.
    private func item(_ id: String, _ text: String) -> PriorArt {
        PriorArt(id: id, kind: .hypothesis, squad: nil, status: nil, title: text, outcome: nil, lift: nil,
                 learnings: [], file: "f.yml", text: text)
    }

    func testLexicalRankingPutsTheClosestFirst() {
        let items = [item("HYP-1", "show annual pricing first"), item("HYP-2", "email only signup form"),
                     item("HYP-3", "signup form with social login")]
        let hits = PriorArtSearch.rank("shorter signup form, email only", items: items, scoring: .lexical, limit: 5)
        XCTAssertEqual(hits.prefix(2).map(\.item.id), ["HYP-2", "HYP-3"])
        XCTAssertEqual(PriorArtSearch.rank("signup", items: items, scoring: .lexical, limit: 1).count, 1)
    }

    /// An emoji is no word to the scorers: looked up as written (review: `search "🔥"` found nothing, though a title
    /// began with it). With words beside it, it counts as one of them.
    func testAnEmojiIsLookedUpAsWritten() {
        let items = [item("HYP-1", "🔥 Streak flame in the app header"), item("HYP-2", "streak freeze in the shop"),
                     item("HYP-3", "annual plan preselected on the paywall")]
        XCTAssertEqual(PriorArtSearch.rank("🔥", items: items, scoring: .lexical, limit: 5).map(\.item.id), ["HYP-1"])
        XCTAssertEqual(PriorArtSearch.rank("🔥", items: items, scoring: .vectors(query: [1, 0], items: [[0.1, 0.9], [0.2, 0.8], [0, 1]], model: "m"),
                                           limit: 5).map(\.item.id), ["HYP-1"])
        XCTAssertEqual(PriorArtSearch.rank("🔥 streak", items: items, scoring: .lexical, limit: 5).map(\.item.id).first, "HYP-1")
        XCTAssertEqual(PriorArtSearch.rank("🚀", items: items, scoring: .lexical, limit: 5), [])
        XCTAssertFalse(PriorArtSearch.isSymbol("€5"))
        XCTAssertFalse(PriorArtSearch.isSymbol("-"))
    }

    func testVectorRankingUsesTheCosines() {
        func item(_ id: String) -> PriorArt {
            PriorArt(id: id, kind: .experiment, squad: nil, status: nil, title: id, outcome: nil, lift: nil, learnings: [], file: "f", text: id)
        }
        let hits = PriorArtSearch.rank("q", items: [item("A"), item("B"), item("C")],
                                       scoring: .vectors(query: [1, 0], items: [[0.6, 0.8], [1, 0], [-1, 0]], model: "m"), limit: 2)
        XCTAssertEqual(hits.map(\.item.id), ["B", "A"])
        XCTAssertEqual(hits.map(\.score), [1, Double(Float(0.6))])
    }

    /// review51: with vectors the cosine was the whole score, so an idea saying the query's words
    /// ranked under one the model read a little closer. Words count as evidence of their own.
    func testWordsTheModelReadsFarStillRankFirst() {
        func item(_ id: String, _ text: String) -> PriorArt {
            PriorArt(id: id, kind: .hypothesis, squad: nil, status: nil, title: text, outcome: nil, lift: nil, learnings: [], file: "f", text: text)
        }
        let items = [item("HYP-1", "fewer pushes for learners who ignore them"), item("HYP-2", "a comeback lesson over LINE")]
        let hits = PriorArtSearch.rank("stop pushes to learners who ignore them", items: items,
                                       scoring: .vectors(query: [1, 0], items: [[0.11, 0.99], [0.35, 0.94]], model: "m"), limit: 5)
        XCTAssertEqual(hits.first?.item.id, "HYP-1")
    }

    /// review63: "try" folds into "test", which an exam's "test date" and a "split-tested" page say; a query's
    /// "let people try a lesson" ranked both above the idea whose learnings say exactly that. The method every
    /// experiment shares says nothing of a topic, in the query or in an item.
    func testTryingSomethingIsNotAboutTests() {
        func item(_ id: String, _ text: String, learnings: String = "", context: String = "") -> PriorArt {
            var item = PriorArt(id: id, kind: .hypothesis, squad: nil, status: nil, title: text, outcome: nil, lift: nil,
                                learnings: learnings.isEmpty ? [] : [learnings], file: "f", text: text)
            (item.learningsText, item.context) = (learnings, context)
            return item
        }
        // "lesson" and "signup" said by most ideas; "people" by two, in their context or learnings; "test" by two.
        let fillers = (4...9).map { item("HYP-\($0)", "A shorter lesson \($0) in the signup flow") }
        let items = [item("HYP-1", "Exam countdown with a day-by-day plan to the test date"),
                     item("HYP-2", "Phrase pages split-tested by page group, each linking into a lesson, for organic signups",
                          context: "people who look up phrases are already learning"),
                     item("HYP-3", "Start the first lesson before creating an account, signup after it",
                          learnings: "Letting people try a lesson first lifted completion")] + fillers
        let hits = PriorArtSearch.rank("let people try a lesson before they sign up", items: items, scoring: .lexical, limit: 3)
        XCTAssertEqual(hits.first?.item.id, "HYP-3", hits.map { "\($0.item.id) \($0.score)" }.joined(separator: ", "))
        XCTAssertFalse(hits.contains { $0.item.id == "HYP-1" }, "only \"test\" is shared with the exam countdown")
    }

    /// An experiment is listed under the hypothesis it tests, as one idea; `limit` counts ideas, and
    /// an experiment whose hypothesis is missing stands alone, saying which it tests.
    func testAnExperimentIsListedUnderItsHypothesis() {
        let hypothesis = PriorArt(id: "HYP-1", kind: .hypothesis, squad: "a", status: "validated", title: "Email-only signup",
                                  outcome: "win", lift: 0.04, learnings: ["fewer fields"], file: "h", text: "Email-only signup form")
        var experiment = PriorArt(id: "EXP-1", kind: .experiment, squad: "a", status: "concluded", title: "One-field signup",
                                  outcome: "win", lift: 0.04, learnings: ["fewer fields"], file: "e", text: "One-field signup form")
        experiment.hypothesis = "HYP-1"
        experiment.learningsText = "fewer fields"
        var orphan = experiment
        (orphan.id, orphan.hypothesis) = ("EXP-2", "HYP-9")
        let hits = PriorArtSearch.rank("signup form", items: [experiment, hypothesis, orphan], scoring: .lexical, limit: 5)
        XCTAssertEqual(hits.map(\.item.id), ["EXP-2", "HYP-1"])
        XCTAssertEqual(hits.last?.tests.map(\.id), ["EXP-1"])
        XCTAssertEqual(PriorArtSearch.rank("signup form", items: [experiment, hypothesis], scoring: .lexical, limit: 1).count, 1)
        let text = SearchRendering.text(hits, query: "signup form", engine: "lexical")
        XCTAssertEqual(text.components(separatedBy: "fewer fields").count, 3, "once for each experiment: " + text)
        XCTAssertTrue(text.contains("EXP-2  experiment · squad a · concluded · win · lift +4% · tests HYP-9\n"), text)
        let json = SearchRendering.json(hits, query: "signup form", engine: "lexical")
        XCTAssertTrue(json.contains("\"hypothesis\": \"HYP-9\"}"), json)
        XCTAssertTrue(json.contains("\"tested_by\": [{\"id\": \"EXP-1\", \"kind\": \"experiment\""), json)
    }
}
