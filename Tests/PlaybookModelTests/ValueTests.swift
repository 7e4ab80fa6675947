@testable import PlaybookModel
import PlaybookYAML
import XCTest

final class ValueTests: XCTestCase {
    func testPlainIntegersResolveAsTheCoreSchemaReadsThem() {
        let cases: [(String, ScalarValue)] = [
            ("0", .int(0)), ("-0", .int(0)), ("+42", .int(42)), ("007", .int(7)), ("-12", .int(-12)),
            ("9223372036854775807", .int(Int.max)), ("-9223372036854775808", .int(Int.min)),
            ("9223372036854775808", .float(9223372036854775808)), ("0x1F", .int(31)), ("0o17", .int(15)),
            ("2024-05-17", .string("2024-05-17")), ("1-2", .string("1-2")), ("-", .string("-")), ("--1", .string("--1")),
            ("++1", .string("++1")), ("1e3", .float(1000)), ("0x", .string("0x")), ("12a", .string("12a")),
        ]
        for (text, value) in cases {
            XCTAssertEqual(ScalarValue(text: text, style: .plain, tag: nil), value, text)
        }
        XCTAssertEqual(ScalarValue(text: "12", style: .doubleQuoted, tag: nil), .string("12"))
    }

    func testDaysRejectImpossibleDates() {
        XCTAssertNotNil(Day("2028-02-29"))
        XCTAssertNil(Day("2026-02-29"))
        XCTAssertNil(Day("2026-13-01"))
        XCTAssertNil(Day("2026-1-01"))
        XCTAssertNil(Day("26-01-01xx"))
        XCTAssertEqual(Day("2026-08-15")?.quarter, Quarter(year: 2026, number: 3))
        XCTAssertEqual(Day("2026-08-05")?.description, "2026-08-05")
    }

    /// Years before 1000 printed as `999-01-01` and `1-Q1` (JSON contract: YYYY-MM-DD, YYYY-Qn).
    func testDaysAndQuartersBeforeYear1000KeepFourDigits() {
        for text in ["0999-01-01", "0000-02-29", "0001-12-31", "0042-07-04"] {
            XCTAssertEqual(Day(text)?.description, text)
        }
        XCTAssertEqual(Day.earliest.description, "0000-01-01")
        XCTAssertEqual(Quarter("0999-Q1")?.description, "0999-Q1")
        XCTAssertEqual(Quarter(year: 1, number: 3).description, "0001-Q3")
        XCTAssertEqual(Quarter(year: 12026, number: 3).description, "12026-Q3")
    }

    func testDaysAddAcrossMonthsYearsAndLeapDays() {
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1).dayNumber, 0)
        XCTAssertEqual(Day("2026-12-25")?.adding(days: 10), Day("2027-01-04"))
        XCTAssertEqual(Day("2028-02-28")?.adding(days: 1), Day("2028-02-29"))
        XCTAssertEqual(Day("2026-03-01")?.adding(days: -1), Day("2026-02-28"))
        XCTAssertEqual(Day("2026-10-01")?.adding(days: 14), Day("2026-10-15"))
    }

    /// A count of days from a file (`start` plus `design.duration_days`) near the ends of Int crashed
    /// lint with an arithmetic overflow; now the day is held to the days a `YYYY-MM-DD` names.
    func testAddingAnyCountOfDaysStaysWithinTheDaysADateCanName() throws {
        let start = try XCTUnwrap(Day("2026-07-01"))
        XCTAssertEqual(start.adding(days: 9_223_372_036_854_775_000), Day("9999-12-31"))
        XCTAssertEqual(start.adding(days: Int.max), Day.latest)
        XCTAssertEqual(start.adding(days: Int.min), Day("0000-01-01"))
        XCTAssertEqual(start.adding(days: 10_000_000), Day.latest)
        XCTAssertEqual(Day.latest.adding(days: 1), Day.latest)
        XCTAssertEqual(Day.earliest.adding(days: -1), Day.earliest)
        XCTAssertEqual(start.adding(days: 3_650), Day("2036-06-28"))
    }

    func testPausedHasLaunchedAndStatusesOnlyMoveForward() {
        XCTAssertTrue(ExperimentStatus.paused.hasLaunched)
        XCTAssertFalse(ExperimentStatus.ready.hasLaunched)
        XCTAssertFalse(ExperimentStatus.running.isRegression(to: .paused))
        XCTAssertFalse(ExperimentStatus.paused.isRegression(to: .running))
        XCTAssertTrue(ExperimentStatus.running.isRegression(to: .ready))
        XCTAssertTrue(ExperimentStatus.abandoned.isRegression(to: .concluded))
        XCTAssertFalse(ExperimentStatus.analyzing.isRegression(to: .abandoned))
    }

    func testNumbersAreReadAsExactDecimals() {
        XCTAssertEqual(ExactNumber.canonical("0.350"), "0.35")
        XCTAssertEqual(ExactNumber.canonical("0x1F"), "31")
        XCTAssertEqual(ExactNumber.canonical("1e3"), "1000")
        XCTAssertNil(ExactNumber.canonical(".inf"))
        XCTAssertNil(ExactNumber.canonical("True"))
        XCTAssertNil(ExactNumber.canonical("12abc"))
    }

    /// The quick spelling of common numbers agrees with the exact decimal's own, case by case.
    func testCanonicalSpellingAgreesWithTheDecimal() {
        var texts = ["0", "-0", "+0", "-0.0", "0.0", "00.500", "007.50", "1.", ".5", "-.5", "+1.5", "12", "-12.340",
                     "123456789012345678901234567890", "1234567890123456789012345678901", "0.000000000000000000000000000001",
                     "1.2.3", "--1", "1-", "", ".", "-", "+", "1e3", "1_000", " 1", "1 ", "٣.٥", "0x1F", "0o17", ".inf", "NaN"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-+e")
        for _ in 0..<3_000 {
            let length = Int.random(in: 1...12, using: &generator)
            texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            XCTAssertEqual(ExactNumber.canonical(text), ExactNumber.decimal(text).map(\.description), "for \"\(text)\"")
        }
    }

    func testQuartersAreYearDashQn() {
        XCTAssertEqual(Quarter("2026-Q4"), Quarter(year: 2026, number: 4))
        XCTAssertNil(Quarter("2026-Q0"))
        XCTAssertNil(Quarter("2026Q4"))
        XCTAssertNil(Quarter("2026-q4"))
        XCTAssertLessThan(Quarter(year: 2026, number: 4), Quarter(year: 2027, number: 1))
    }

    func testIDForms() {
        XCTAssertTrue(IDForm.isKebabCase("weekly-active-learners"))
        XCTAssertFalse(IDForm.isKebabCase("weekly--active"))
        XCTAssertFalse(IDForm.isKebabCase("-weekly"))
        XCTAssertTrue(IDForm.isPrefixed("OKR-2026Q3-ACT-1", prefix: "OKR"))
        XCTAssertFalse(IDForm.isPrefixed("OKR-", prefix: "OKR"))
        XCTAssertFalse(IDForm.isPrefixed("EXP-12", prefix: "HYP"))
        XCTAssertEqual(IDForm.keyResultReference("OKR-1/KR-3")?.keyResult, "KR-3")
        XCTAssertNil(IDForm.keyResultReference("OKR-1/KR-x"))
        XCTAssertNil(IDForm.keyResultReference("OKR-1/KR-1/KR-2"))
    }

    func testSuggestionsCatchTyposOnly() {
        XCTAssertEqual(Suggestion.closest(to: "stauts", in: ["status", "start"]), "status")
        XCTAssertEqual(Suggestion.closest(to: "guardrail", in: ["primary", "guardrails"]), "guardrails")
        XCTAssertNil(Suggestion.closest(to: "colour", in: ["status", "squad"]))
    }

    /// `closest` skips candidates whose length alone rules them out: it must still pick what
    /// measuring every candidate picks.
    func testSuggestionsEqualMeasuringEveryCandidate() {
        func measuringAll(_ word: String, _ candidates: [String]) -> String? {
            var best: (String, Int)?
            for candidate in candidates {
                if candidate.lowercased() == word.lowercased() { return candidate }
                let distance = Suggestion.editDistance(word.lowercased(), candidate.lowercased())
                if best.map({ distance < $0.1 }) ?? true { best = (candidate, distance) }
            }
            guard let (candidate, distance) = best else { return nil }
            return distance <= max(1, min(3, candidate.count / 3)) ? candidate : nil
        }
        let letters = Array("abcdeSTé_")
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func word() -> String { String((0..<next(14)).map { _ in letters[next(letters.count)] }) }
        let keys = FormatSpec.keys(.experiment)
        for _ in 0..<3_000 {
            let candidates = next(3) == 0 ? keys : (0..<next(8)).map { _ in word() }
            let probe = next(2) == 0 && !candidates.isEmpty ? String(candidates[next(candidates.count)].dropLast(next(3))) + word().prefix(next(3)) : word()
            XCTAssertEqual(Suggestion.closest(to: probe, in: candidates), measuringAll(probe, candidates), "\(probe) in \(candidates)")
        }
    }
}
