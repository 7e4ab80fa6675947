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
}
