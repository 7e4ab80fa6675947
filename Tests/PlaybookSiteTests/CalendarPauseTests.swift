import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A paused experiment on the calendar and in its section: still live for the collision rule, but said
/// paused, and since when; and where today's line stands against the bars of those live today.
final class CalendarPauseTests: XCTestCase {
    /// The pricing experiment EXP-0004 at `status`, started 2026-10-01 (14 days planned), on web/pricing.
    private func pricing(_ status: String) -> [String: String?] {
        ["playbooks/experiments/EXP-0004.yml": SiteFixture.experiment("EXP-0004", title: "Annual plan first", status: status, start: "2026-10-01", extra: "")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")]
    }

    /// The left edge and the right edge (x plus width) of the bar titled `title` on `calendar`.
    private func bar(_ title: String, on calendar: String) throws -> (left: Double, right: Double) {
        let pattern = try NSRegularExpression(pattern: "<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"10\"[^>]*><title>" + NSRegularExpression.escapedPattern(for: title) + "</title>")
        let match = try XCTUnwrap(pattern.firstMatch(in: calendar, range: NSRange(calendar.startIndex..., in: calendar)), "no bar \(title): \(calendar)")
        let x = try XCTUnwrap(Range(match.range(at: 1), in: calendar).flatMap { Double(calendar[$0]) })
        let width = try XCTUnwrap(Range(match.range(at: 2), in: calendar).flatMap { Double(calendar[$0]) })
        return (x, x + width)
    }

    /// The x of today's line on `calendar`.
    private func todayLine(on calendar: String, today: String) throws -> Double {
        let pattern = try NSRegularExpression(pattern: "<line x1=\"([0-9.]+)\"[^>]*><title>today \(today)[^<]*</title>")
        let match = try XCTUnwrap(pattern.firstMatch(in: calendar, range: NSRange(calendar.startIndex..., in: calendar)), calendar)
        return try XCTUnwrap(Range(match.range(at: 1), in: calendar).flatMap { Double(calendar[$0]) })
    }

    /// review56 #1: EXP-0004 ran from 2026-10-01 and was paused on 2026-10-20; the calendar of 2026-11-30 drew
    /// it live to today ("live 2026-10-01 to 2026-11-30") and its section said "2026-10-01 to now". Its live bar
    /// now ends at the pause, a paused bar runs from there to today, and the table and section say paused since.
    func testAPausedExperimentIsShownPausedSinceItsPauseNotLiveToToday() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-01", pricing("running"))
        try fixture.commit("2026-10-20", pricing("paused"))
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertFalse(calendar.contains("EXP-0004 live 2026-10-01 to 2026-11-30"), calendar)
        let live = try bar("EXP-0004 live 2026-10-01 to 2026-10-20", on: calendar)
        let paused = try bar("EXP-0004 paused since 2026-10-20 (to today, 2026-11-30)", on: calendar)
        XCTAssertEqual(live.right, paused.left, accuracy: 0.01, calendar)
        XCTAssertTrue(calendar.contains("fill=\"#dce5f9\" rx=\"2\" stroke=\"#2f5fd0\" stroke-width=\"1.5\"><title>EXP-0004 paused since"), calendar)
        XCTAssertTrue(calendar.contains("<td data-label=\"live\"><span class=\"nw\">2026-10-01</span> to <span class=\"nw\">2026-10-20,</span> paused since <span class=\"nw\">2026-10-20</span></td>"), calendar)
        XCTAssertTrue(calendar.contains("<span class=\"swatch paused\" aria-hidden=\"true\"></span>paused"), calendar)
        let section = try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"])
        XCTAssertTrue(section.contains("<dt>ran</dt><dd>2026-10-01 to 2026-10-20, paused since 2026-10-20</dd>"), section)

        // Resumed on 2026-11-05: the live span goes on after the pause, drawn as a paused stretch between two live bars.
        try fixture.commit("2026-11-05", pricing("running"))
        let resumed = Site.render(try fixture.input(today: "2026-11-30"))
        let again = try XCTUnwrap(resumed["calendar.html"])
        let before = try bar("EXP-0004 live 2026-10-01 to 2026-10-20", on: again)
        let pause = try bar("EXP-0004 paused 2026-10-20 to 2026-11-05", on: again)
        let after = try bar("EXP-0004 live 2026-11-05 to 2026-11-30", on: again)
        XCTAssertEqual(before.right, pause.left, accuracy: 0.01)
        XCTAssertEqual(pause.right, after.left, accuracy: 0.01)
        XCTAssertTrue(try XCTUnwrap(resumed["e/experiments.growth.2026-Q4.html"]).contains("<dt>ran</dt><dd>2026-10-01 to now, paused 2026-10-20 to 2026-11-05</dd>"))
        // On a day within the pause, it is paused since then.
        let then = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-25"))["calendar.html"])
        XCTAssertTrue(then.contains("<title>EXP-0004 paused since 2026-10-20 (to today, 2026-10-25)</title>"), then)
    }

    /// review56 #2: the bar of an experiment running today ended at the end of today's date, while today's line
    /// stood at its start, so every running bar poked a day past "today". The line marks the end of today, where
    /// the running bar ends.
    func testTheBarOfAnExperimentRunningTodayEndsAtTodaysLine() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-01", pricing("running"))
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        let running = try bar("EXP-0004 live 2026-10-01 to 2026-11-30", on: calendar)
        XCTAssertEqual(running.right, try todayLine(on: calendar, today: "2026-11-30"), accuracy: 0.01, calendar)
        XCTAssertTrue(calendar.contains("<title>today 2026-11-30, at its end</title>"), calendar)
    }
}
