import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// A detail's terms are spelled only when its message is written (`FieldComparison.Difference`): the
/// message must be the one spelled at once from the pair's wording, on whichever thread writes it, and
/// a note written after it must change nothing before it.
final class FieldDifferenceTests: XCTestCase {
    /// The labelled hypotheses (three sets), each with its next few, compared as a model would (a cosine):
    /// every detail found reads as the stretches of each side's text that say the terms only it names (or,
    /// spread over the text, its first four such terms spelled as its text writes them), filler left out,
    /// by a reader of its own.
    func testDetailsWrittenLaterReadAsSpelledAtOnce() throws {
        let documents = try GrowthPair.labelledDocuments()
        let parsed = entities(documents.joined(separator: "\n---\n"))
        let catalog = MetricCatalog(parsed)
        let items = DuplicateDetection.items(parsed).hypotheses
        let corpus = Corpus(items.map(\.text))
        let reader = TermReader()
        func spelled(_ terms: [String], in text: String) -> String {
            if terms.contains(where: { $0.contains(where: \.isLetter) }), let phrase = reader.phrased(terms, in: text) { return phrase }
            return terms.isEmpty ? "–" : reader.spelled(Array(terms.prefix(4)), in: text).joined(separator: " ")
        }
        var details: [(written: FieldComparison.Difference, expected: String)] = []
        var respelled = 0
        for i in items.indices {
            for j in (i + 1)..<min(items.count, i + 25) {
                let (words, wording) = (corpus.score(i, j), corpus.wording(i, j))
                let compared = FieldComparison(items[i], items[j], words: words, meaning: 0.9, catalog: catalog, wording: wording)
                for difference in compared.differences where difference.kind == "detail" {
                    let onlyFirst = FieldComparison.unframed(FieldComparison.named(wording.onlyFirst), in: items[i].text)
                    let onlySecond = FieldComparison.unframed(FieldComparison.named(wording.onlySecond), in: items[j].text)
                    let expected = "detail (\(spelled(onlyFirst, in: items[i].text))"
                        + " / \(spelled(onlySecond, in: items[j].text)))"
                    details.append((difference, expected))
                    let asCorpusWrites = "detail (\(onlyFirst.prefix(4).joined(separator: " "))"
                    if !expected.hasPrefix(asCorpusWrites) { respelled += 1 }
                }
            }
        }
        XCTAssertGreaterThan(details.count, 20)
        // Some details spell a term otherwise than the corpus first wrote it, so spelling is exercised.
        XCTAssertGreaterThan(respelled, 0)
        for (written, expected) in details {
            XCTAssertEqual(written.description, expected)
            XCTAssertEqual(written.noted(" as HYP-0001, which reads closer to HYP-0002").description,
                           expected + " as HYP-0001, which reads closer to HYP-0002")
        }
        // Written on other threads (each with a reader of its own), the messages are the same.
        let list = details
        let onOtherThreads = DuplicateDetection.sideBySide(list.count) { list[$0].written.description }
        XCTAssertEqual(onOtherThreads, list.map(\.expected))
    }

    /// A detail's words are shown as the stretch of text that says them, with the articles, numbers and one
    /// preposition before it (review54: "welcome hours signup / week without order" for "within 24 hours of
    /// signup" / "after a week without an order"); words far apart as runs joined by "…"; a capital that only
    /// starts a sentence dropped, a name's kept; stretches of more than a dozen words in all, or a word the
    /// text does not write alone, are no phrase.
    func testADetailIsShownAsTheStretchOfTextThatSaysIt() {
        let reader = TermReader()
        XCTAssertEqual(reader.phrased(["hours", "signup"], in: "Send a 10 percent discount email within 24 hours of signup."),
                       "within 24 hours of signup")
        XCTAssertEqual(reader.phrased(["week", "without", "order"], in: "send a 10 percent discount email after a week without an order"),
                       "after a week without an order")
        XCTAssertEqual(reader.phrased(["welcome", "hours", "signup"],
                                      in: "Welcome discount email within 24 hours of signup. Send a discount email within 24 hours of signup"),
                       "welcome … within 24 hours of signup")
        XCTAssertEqual(reader.phrased(["berlin"], in: "Launch the referral bonus in Berlin first"), "in Berlin")
        XCTAssertEqual(reader.phrased(["wholesale"], in: "Offer free delivery on orders for wholesale, as for retail"), "for wholesale")
        XCTAssertEqual(reader.phrased(["start", "end"], in: "start " + String(repeating: "word ", count: 20) + "end"), "start … end")
        let long = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike"]
        XCTAssertNil(reader.phrased(long, in: long.joined(separator: " ")))
        XCTAssertNil(reader.phrased(["tablet"], in: "Show the offer on phones"))
        typealias D = FieldComparison.Difference
        XCTAssertEqual(D.detail(["hours", "signup"], in: "send an email within 24 hours of signup",
                                ["week"], in: "send an email after a week").description,
                       "detail (within 24 hours of signup / after a week)")
    }

    /// An amount in a detail is written as its text writes it: a currency sign before it, a unit after it
    /// (joined or after one space), "%" kept; a number the text does not write stays as it is, and a number
    /// inside another ("120" for "20") is not it.
    func testAnAmountIsSpelledAsWritten() {
        typealias D = FieldComparison.Difference
        XCTAssertEqual(D.amount("20", in: "hold a date with a £20 deposit"), "£20")
        XCTAssertEqual(D.amount("4.99", in: "a first box for €4.99 instead"), "€4.99")
        XCTAssertEqual(D.amount("50", in: "a deposit of 50 EUR when booking"), "50 EUR")
        XCTAssertEqual(D.amount("20", in: "bags up to 20kg go free"), "20kg")
        XCTAssertEqual(D.amount("3", in: "send a reminder after 3 days"), "3 days")
        XCTAssertEqual(D.amount("30%", in: "offer 30% off the yearly plan"), "30%")
        XCTAssertEqual(D.amount("20", in: "a £120 hamper or a 20 pack"), "20")
        XCTAssertEqual(D.amount("20", in: "offer 20 free samples"), "20")
        XCTAssertEqual(D.amount("7", in: "no such number here"), "7")
        // A number is met as written, separators and magnitude included ("1000" was spelled bare for "€1,000").
        XCTAssertEqual(D.amount("1000", in: "a €1,000 travel voucher"), "€1,000")
        XCTAssertEqual(D.amount("1,500", in: "a cap of $1,500 a month"), "$1,500")
        XCTAssertEqual(D.amount("20000", in: "a £20k prize draw"), "£20k")
        XCTAssertEqual(D.amount("2500000", in: "reach 2.5M users in a year"), "2.5M")
        XCTAssertEqual(D.amount("20", in: "a £20k prize draw"), "20")
        let detail = D.detail(["20"], in: "a £20 deposit", ["50"], in: "a £50 deposit")
        XCTAssertEqual(detail.description, "detail (£20 / £50)")
    }

    /// A difference written as a message is that message, its kind its first word.
    func testPlainDifferenceIsItsMessage() {
        let metric: FieldComparison.Difference = "metric (\("activation") / \("retention"))"
        XCTAssertEqual(metric.description, "metric (activation / retention)")
        XCTAssertEqual(metric.kind, "metric")
        XCTAssertEqual(metric.noted(" as HYP-1").description, "metric (activation / retention) as HYP-1")
        let detail = FieldComparison.Difference.detail([], in: "", ["confirm", "email"], in: "Ask for a confirmation by email")
        XCTAssertEqual(detail.kind, "detail")
        XCTAssertEqual(detail.description, "detail (– / for a confirmation by email)")
    }
}

/// Words that only frame an idea as an attempt are found where they frame it: opening the text, or
/// closing a clause with an ordinal before them; inside a phrase they name something (review45).
final class FramingStemsTests: XCTestCase {
    func testFramingWordsAreReadOnlyWhereTheyFrameTheIdea() {
        func framed(_ text: String) -> [String] { FieldComparison.framingStems(in: text).sorted() }
        XCTAssertEqual(framed("Try annual plan discount. annual plan discount on the paywall"), ["tri"])
        XCTAssertEqual(framed("Test: shorter signup form. cut the form"), ["test"])
        XCTAssertEqual(framed("Annual plan discount, second attempt. annual plan discount"), ["attempt", "second"])
        XCTAssertEqual(framed("Streak reminders again. push at 7pm"), ["again"])
        XCTAssertEqual(framed("A buy again button. one tap to reorder"), [])
        XCTAssertEqual(framed("Show a progress test after each unit. quiz"), [])
        // "new" is no attempt count: the words that name a scope stay.
        XCTAssertEqual(FieldComparison.unframed(["try", "new"], in: "Try a referral bonus for new users. a bonus"), ["new"])
    }
}
