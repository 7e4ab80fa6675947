import PlaybookLint
import XCTest

/// What `lint --staged` lists (`LintReport.scoped`): every error, every finding of a changed file, and elsewhere the
/// warnings and notes the commit's parent did not have, compared by rule, file, entity, related entities and
/// severity (not by wording); acknowledged overlaps stay, for the summary to count as such.
final class StagedScopeTests: XCTestCase {
    func finding(_ file: String, _ rule: String, _ severity: Severity, _ message: String = "m", entity: String? = nil,
                 related: [String] = []) -> Finding {
        Finding(file: file, line: 1, column: 1, rule: rule, severity: severity, message: message, entity: entity, related: related)
    }

    func testOnlyWhatTheParentAlreadyHadOutsideTheChangedFilesIsLeftOut() {
        let before = LintReport(findings: [
            finding("a.yml", "hypothesis-expected-lift", .warning, entity: "HYP-1"),
            finding("b.yml", "overlap-duplicate", .warning, "score 0.61", entity: "HYP-2", related: ["HYP-3"]),
            finding("b.yml", "overlap-related", .note, entity: "HYP-2", related: ["HYP-4"]),
            finding("e.yml", "overlap-acknowledged", .note, entity: "HYP-5", related: ["HYP-6"]),
            finding("f.yml", "reference-unresolved", .error, entity: "EXP-1"),
        ], files: 6, entities: 6)
        let now = LintReport(findings: [
            finding("a.yml", "hypothesis-expected-lift", .warning, entity: "HYP-1"),           // there before: left out
            finding("b.yml", "overlap-duplicate", .warning, "score 0.64", entity: "HYP-2", related: ["HYP-3"]), // reworded only: left out
            finding("b.yml", "overlap-duplicate", .warning, entity: "HYP-2", related: ["HYP-4"]), // was related work: listed
            finding("c.yml", "hypothesis-expected-lift", .warning, entity: "HYP-7"),           // a changed file: listed
            finding("d.yml", "hypothesis-expected-lift", .warning, entity: "HYP-8"),           // new: listed
            finding("e.yml", "overlap-acknowledged", .note, entity: "HYP-5", related: ["HYP-6"]), // acknowledged: kept
            finding("f.yml", "reference-unresolved", .error, entity: "EXP-1"),                // an error: listed
        ], files: 6, entities: 6)
        XCTAssertTrue(now.hasFindings(outside: ["c.yml"]))
        let scoped = now.scoped(toChanged: ["c.yml"], before: before)
        XCTAssertEqual(scoped.report.findings.map { "\($0.file) \($0.rule) \($0.related)" }, [
            "b.yml overlap-duplicate [\"HYP-4\"]", "c.yml hypothesis-expected-lift []", "d.yml hypothesis-expected-lift []",
            "e.yml overlap-acknowledged [\"HYP-6\"]", "f.yml reference-unresolved []",
        ])
        XCTAssertEqual(scoped.leftOutWarnings, 2)
        XCTAssertEqual(scoped.leftOutNotes, 0)
        XCTAssertEqual(scoped.report.acknowledgedOverlaps, 1)
        XCTAssertEqual(TextReporter.leftOutNote((scoped.leftOutWarnings, scoped.leftOutNotes)),
                       "not listed: 2 warnings already there before this commit, in files it leaves unchanged (--verbose lists them)")
        // The error is listed; the parent had it, in a file the commit leaves unchanged: the summary says so.
        let elsewhere = scoped.report.errors(outside: ["c.yml"], before: before.scopeKeys)
        XCTAssertEqual(elsewhere.count, 1)
        XCTAssertEqual(elsewhere.files, ["f.yml"])
        XCTAssertEqual(TextReporter.summary(scoped.report, leftOut: (scoped.leftOutWarnings, scoped.leftOutNotes), elsewhere: elsewhere),
                       "1 error, 3 warnings in 6 files (6 entities); 1 acknowledged overlap; "
                        + "1 error already there before this commit, in a file it does not change (f.yml), does not refuse it: fix it or ask its author; "
                        + "not listed: 2 warnings already there before this commit, in files it leaves unchanged (--verbose lists them)")
        XCTAssertEqual(TextReporter.elsewhereNote((5, ["a.yml", "b.yml", "d.yml", "e.yml"])),
                       "5 errors already there before this commit, in 4 files it does not change (a.yml, b.yml, d.yml and 1 more), do not refuse it: fix them or ask their authors")
        // In a changed file, or made by the commit (the parent did not have it): the commit's own, nothing more to say.
        XCTAssertNil(TextReporter.elsewhereNote(now.errors(outside: ["f.yml"], before: before.scopeKeys)))
        XCTAssertNil(TextReporter.elsewhereNote(now.errors(outside: ["c.yml"], before: LintReport(findings: [], files: 0, entities: 0).scopeKeys)))
        XCTAssertTrue(now.hasErrors(outside: ["c.yml"]))
        XCTAssertFalse(now.hasErrors(outside: ["f.yml"]))
        // Every finding in a changed file, or only errors and acknowledged overlaps outside: nothing to compare.
        XCTAssertFalse(LintReport(findings: [now.findings[3], now.findings[5], now.findings[6]], files: 3, entities: 3)
            .hasFindings(outside: ["c.yml"]))
    }

    /// Keys are counted, not a set: a second finding with a key the parent had once is the commit's (small72). Two
    /// errors where the parent had one: one was there before, so one refuses the commit; a second warning is listed.
    func testASecondFindingWithAKeyTheParentHadOnceIsTheCommits() {
        let before = LintReport(findings: [
            finding("f.yml", "reference-unresolved", .error, "a", entity: "EXP-1", related: ["HYP-1"]),
            finding("a.yml", "hypothesis-expected-lift", .warning, entity: "HYP-1"),
        ], files: 2, entities: 2)
        let now = LintReport(findings: [
            finding("f.yml", "reference-unresolved", .error, "a", entity: "EXP-1", related: ["HYP-1"]),
            finding("f.yml", "reference-unresolved", .error, "b", entity: "EXP-1", related: ["HYP-1"]),
            finding("a.yml", "hypothesis-expected-lift", .warning, "a", entity: "HYP-1"),
            finding("a.yml", "hypothesis-expected-lift", .warning, "b", entity: "HYP-1"),
        ], files: 2, entities: 2)
        let elsewhere = now.errors(outside: ["c.yml"], before: before.scopeKeys)
        XCTAssertEqual(elsewhere.count, 1)
        XCTAssertGreaterThan(now.errors, elsewhere.count, "the second error refuses the commit")
        let scoped = now.scoped(toChanged: ["c.yml"], before: before)
        XCTAssertEqual(scoped.leftOutWarnings, 1)
        XCTAssertEqual(scoped.report.findings.map(\.message), ["a", "b", "b"])
        // Only the one the parent had: nothing of the commit's own.
        let same = LintReport(findings: [now.findings[0], now.findings[2]], files: 2, entities: 2)
        XCTAssertEqual(same.errors(outside: ["c.yml"], before: before.scopeKeys).count, same.errors)
        XCTAssertEqual(same.scoped(toChanged: ["c.yml"], before: before).report.findings.map(\.message), ["a"])
    }
}
