import Foundation
import PlaybookGit
import XCTest

/// What an overlap message names (the direction words, what one change denies, the details two near
/// copies swap) is a word as that hypothesis writes it: never a stem ("surcharg", "remov"), nor another
/// text's form of the word, nor a capitalised code lower-cased ("PL").
final class MessageWordingTests: XCTestCase {
    /// One hypothesis per squad: (squad, title, change).
    static let hypotheses: [(String, String, String)] = [
        ("activation-emea", "Surcharge on small card payments", "add a surcharge to card payments under ten euros at the ticket desk"),
        ("activation-latam", "Small card payments without a surcharge", "take card payments under ten euros at the ticket desk without surcharges"),
        ("retention-apac", "Surcharge on small card payments", "add a surcharge to card payments under ten euros in the Harbourside galleries"),
        ("revenue-emea", "Surcharge on small card payments", "add a surcharge to card payments under ten euros at the PL kiosks"),
        ("activation-emea", "Shorter signup by removing the phone field", "removing the phone number field from the signup form"),
        ("retention-apac", "Phone field kept on the signup form", "keeping the phone number field on the signup form"),
    ]

    func testMessagesNameWordsAsWritten() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", Self.hypotheses.enumerated().map { index, h in
            OverlapsCommandTests.hypothesis(String(format: "HYP-%04d", index + 1), squad: h.0, title: h.1, change: h.2)
        }.joined(separator: "\n---\n"))
        let result = try CLI.run(["overlaps", "--engine", "model"], in: scratch.url)
        XCTAssertNotEqual(result.status, 2, "run scripts/setup to install the model\n" + result.stderr)
        // The words as written; lower-cased too where only a first capital was lost ("Shorter" starting a
        // title), not where a capital inside says something ("PL").
        let asWritten = Self.hypotheses.flatMap { h in (h.1 + " " + h.2).split { !$0.isLetter }.map(String.init) }
        let written = Set(asWritten + asWritten.filter { !$0.dropFirst().contains { $0.isUppercase } }.map { $0.lowercased() })
        var named = 0
        for field in ["direction (", "detail ("] {
            var rest = Substring(result.stdout)
            while let open = rest.range(of: field) {
                let inside = rest[open.upperBound...].prefix { $0 != ")" }
                rest = rest[open.upperBound...]
                for word in inside.split(whereSeparator: { $0 == " " || $0 == "/" })
                where !["–", "not", "before", "after"].contains(word) {
                    named += 1
                    XCTAssertTrue(written.contains(String(word)), "\"\(word)\" in \(field)\(inside)) is no word as written\n\(result.stdout)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(named, 4, result.stdout)
        XCTAssertTrue(result.stdout.contains("surcharge / not surcharge") || result.stdout.contains("not surcharge / surcharge"), result.stdout)
        XCTAssertTrue(result.stdout.contains("PL kiosks"), result.stdout)
    }

    /// `overlaps` on hypotheses (or experiments) written into a fresh repository, as text.
    func overlaps(hypotheses: [(String, String, String)] = [], experiments: [String] = [], engine: String) throws -> String {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", hypotheses.enumerated().map { index, h in
            OverlapsCommandTests.hypothesis(String(format: "HYP-%04d", index + 1), squad: h.0, title: h.1, change: h.2)
        }.joined(separator: "\n---\n"))
        if !experiments.isEmpty { try scratch.write("playbooks/experiments.yml", experiments.joined(separator: "\n---\n")) }
        let result = try CLI.run(["overlaps", "--engine", engine, "--today", "2026-07-21"], in: scratch.url)
        XCTAssertNotEqual(result.status, 2, "run scripts/setup to install the model\n" + result.stderr)
        return result.stdout
    }

    /// Experiments whose audiences cannot overlap say which field keeps them apart and both values, as
    /// hypotheses do ("differ in region (brazil / mexico)"), not only "audience (cannot overlap)".
    func testExperimentsApartByAudienceNameTheFieldAndBothValues() throws {
        func experiment(_ id: String, _ squad: String, _ audience: String) -> String {
            OverlapsCommandTests.experiment(id, squad: squad, surface: "web/checkout", start: "2026-07-06", end: "2026-07-27",
                                            extra: "audience: \(audience)").replacing("title: Experiment \(id)", with: "title: Guest checkout without an account")
        }
        let out = try overlaps(experiments: [
            experiment("EXP-0001", "activation-emea", "{segment: new-buyers, regions: [br], platforms: [web]}"),
            experiment("EXP-0002", "activation-latam", "{segment: returning-buyers, regions: [br], platforms: [web]}"),
            experiment("EXP-0003", "retention-apac", "{segment: new-buyers, regions: [mx, ar], platforms: [web]}"),
        ], engine: "lexical")
        XCTAssertTrue(out.contains("EXP-0001 ↔ EXP-0002 "), out)
        XCTAssertTrue(out.contains("but differ in audience (segment new-buyers / returning-buyers); match: change, metric weekly-active-learners, hypothesis HYP-0001, surface;"), out)
        XCTAssertTrue(out.contains("but differ in audience (region br / mx, ar); match:"), out)
        XCTAssertTrue(out.contains("but differ in audience (segment returning-buyers / new-buyers; region br / mx, ar); match:"), out)
        XCTAssertFalse(out.contains("cannot overlap"), out)
    }

    /// A field told apart is not also listed as matching: the channel rule's surface difference
    /// ("– / email") took the facets' "surface" match out of the list.
    func testAFieldThatDiffersIsNotListedAsMatching() throws {
        let out = try overlaps(hypotheses: [
            ("activation-emea", "Annual plan discount banner on the paywall", "show a 40% off banner for the yearly plan on the paywall"),
            ("activation-latam", "Annual plan discount banner in the pricing email", "show a 40% off banner for the yearly plan in the day-5 pricing email"),
        ], engine: "model")
        let line = try XCTUnwrap(out.split(separator: "\n").first { $0.contains("HYP-0001 ↔ HYP-0002") }, out)
        XCTAssertTrue(line.contains("differ in surface (– / email); match: change, metric weekly-active-learners"), String(line))
        let matches = line.components(separatedBy: "; match: ").last?.components(separatedBy: "; shared terms").first ?? ""
        XCTAssertFalse(matches.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "surface" }, String(line))
    }

    /// Two near copies that differ only in an amount are related work, not a duplicate, by words alone
    /// as with the model ("… minimum basket for free delivery from 10 to 15 dollars" / "… to 25 dollars").
    func testAnotherAmountIsRelatedWorkWithEitherEngine() throws {
        // Other ideas beside them, as in any playbook: words all texts share weigh little.
        let hypotheses = [
            ("activation-emea", "Minimum basket for free delivery", "raise the minimum basket for free delivery from 10 to 15 dollars"),
            ("activation-latam", "Minimum basket for free delivery", "raise the minimum basket for free delivery from 10 to 25 dollars"),
            ("retention-apac", "Streak reminders at night", "send a push notification at night to learners whose streak will break"),
            ("revenue-emea", "Annual plan first on pricing", "show the yearly plan first on the pricing page"),
            ("retention-apac", "Shorter signup form", "cut the signup form down to the email field"),
        ]
        for engine in ["lexical", "model"] {
            let out = try overlaps(hypotheses: hypotheses, engine: engine)
            XCTAssertTrue(out.contains("Related work: 1 cluster, 1 pair"), engine + ": " + out)
            XCTAssertTrue(out.contains("make a similar change"), engine + ": " + out)
            XCTAssertTrue(out.contains("but differ in detail (15 / 25); match: change, metric weekly-active-learners"), engine + ": " + out)
            XCTAssertFalse(out.contains("Duplicated work:"), engine + ": " + out)
        }
    }
}
