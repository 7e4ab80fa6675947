import Foundation
import PlaybookGit
import XCTest

/// What a reader of the site sees must be what `report okr` and `report experiments` say: every
/// key result's score, status, check-in count and linked experiments on each quarter's page, and
/// each quarter's win rate and counts on the program page, cross-checked on a seeded history of
/// two quarters with check-ins, side branches and experiments that win, lose or are abandoned.
final class SiteReportAgreementTests: XCTestCase {
    private struct Random {
        var state: UInt64
        mutating func below(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    private static let squads = ["activation-emea", "referral", "search-latam"]

    private static func objective(_ id: String, squad: String, quarter: String, krs: [(Int, Int, Int)]) -> String {
        var text = """
        kind: Objective
        id: \(id)
        squad: \(squad)
        quarter: \(quarter)
        title: Objective \(id) <b>&amp;</b>
        aligns_to: weekly-active-learners
        key_results:

        """
        for (number, kr) in krs.enumerated() {
            text += "  - {id: KR-\(number + 1), title: Key result \(number + 1), metric: weekly-active-learners, "
                + "baseline: \(kr.0), target: \(kr.1), current: \(kr.2), confidence: 0.\(1 + kr.2 / 10 % 9)}\n"
        }
        return text
    }

    private static func experiment(_ id: String, squad: String, keyResult: String, status: String, outcome: String?) -> String {
        var text = """
        kind: Experiment
        id: \(id)
        squad: \(squad)
        title: Experiment \(id)
        hypothesis: HYP-0001
        key_result: \(keyResult)
        status: \(status)
        metrics:
          primary: weekly-active-learners
        surface: web/\(squad)

        """
        if status != "draft" && status != "ready" { text += "start: 2026-07-01\n" }
        if let outcome { text += "result:\n  outcome: \(outcome)\n  decision: \(outcome == "win" ? "ship" : "kill")\n  learnings: Learned.\n" }
        return text
    }

    /// A history from 2026-06-20 to 2026-12-20: objectives for 2026-Q3 and 2026-Q4 with check-ins,
    /// experiments moving through their lifecycle, and side branches whose values a merge throws away.
    private func history(seed: UInt64) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        var random = Random(state: seed)
        var objectives: [String: (squad: String, quarter: String, krs: [(Int, Int, Int)])] = [:]
        var experiments: [String: (squad: String, kr: String, status: String, outcome: String?)] = [:]
        var written: [String: String] = [:]
        var time: Int64 = 1_781_956_800  // 2026-06-20T12:00:00Z
        var head: ObjectID?

        func tree() -> [String: String] {
            var files: [String: String] = [:]
            for (id, o) in objectives { files["playbooks/okrs/\(id).yml"] = Self.objective(id, squad: o.squad, quarter: o.quarter, krs: o.krs) }
            for (id, e) in experiments {
                files["playbooks/experiments/\(id).yml"] = Self.experiment(id, squad: e.squad, keyResult: e.kr, status: e.status, outcome: e.outcome)
            }
            return files
        }
        func commit(parents: [ObjectID]? = nil, moveHead: Bool = true) throws -> ObjectID {
            let files = tree()
            let changed = files.filter { written[$0.key] != $0.value }
            for (path, text) in changed { try scratch.write(path, text) }
            written = files
            try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"] + changed.keys.sorted())
            let signature = Signature(name: "Ada", email: "ada@example.com", time: time)
            time += 86_400 * Int64(1 + random.below(3))
            if let parents {
                return try repository.commit(message: "merge", author: signature, committer: signature, parents: parents, updateHead: moveHead)
            }
            return try repository.commit(message: "playbook", author: signature)
        }

        for (index, quarter) in ["2026-Q3", "2026-Q4"].enumerated() {
            for (s, squad) in Self.squads.enumerated() {
                let id = "OKR-\(quarter.replacingOccurrences(of: "-", with: ""))-\(["ACT", "REF", "SEA"][s])-1"
                objectives[id] = (squad, quarter, (0...random.below(3)).map { _ in
                    let baseline = 100 * random.below(10), target = baseline + 50 + 10 * random.below(20)
                    return (baseline, target, baseline)
                })
                _ = index
            }
        }
        head = try commit()
        var next = 1
        while time < 1_797_681_600 {  // 2026-12-20
            let ids = objectives.keys.sorted()
            let id = ids[random.below(ids.count)]
            let k = random.below(objectives[id]!.krs.count)
            switch random.below(10) {
            case 0...4:
                let kr = objectives[id]!.krs[k]
                objectives[id]!.krs[k].2 = kr.0 + random.below(kr.1 - kr.0 + 40)
                head = try commit()
            case 5, 6:
                let eid = String(format: "EXP-%04d", next)
                next += 1
                experiments[eid] = (objectives[id]!.squad, "\(id)/KR-\(k + 1)", "ready", nil)
                head = try commit()
            case 7, 8:
                guard let eid = experiments.keys.sorted().first(where: { ["ready", "running"].contains(experiments[$0]!.status) }) else { continue }
                if experiments[eid]!.status == "ready" {
                    experiments[eid]!.status = random.below(5) == 0 ? "abandoned" : "running"
                } else {
                    experiments[eid]!.status = "concluded"
                    experiments[eid]!.outcome = ["win", "loss", "inconclusive", nil][random.below(4)]
                }
                head = try commit()
            default:
                // A side branch sets a key result far past its target; the merge keeps the main line's tree.
                let kept = objectives
                objectives[id]!.krs[k].2 = 99_999
                let side = try commit(parents: [head!], moveHead: false)
                objectives = kept
                head = try commit(parents: [try commit(), side])
            }
        }
        return scratch
    }

    private func json(_ arguments: [String], in scratch: ScratchDirectory) throws -> [String: Any] {
        let result = try CLI.run(arguments + ["--format", "json", "--today", "2026-12-21"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The first capture of `pattern` in `text`.
    private func capture(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    /// A decimal shown as the site and reports show it: correctly rounded to two places.
    private func shown(_ value: Any?) -> String? {
        guard let number = value as? NSNumber else { return nil }
        var exact = Decimal(string: number.stringValue) ?? number.decimalValue
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    /// A score (or a progress) as the site shows it: `shown`, its zeros written (`0.50`, as the README says; review69 D7).
    private func score(_ value: Any?) -> String? {
        shown(value).map { text in
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            return text + (decimals == 0 ? "." : "") + String(repeating: "0", count: 2 - decimals)
        }
    }

    func testEveryKeyResultAndQuarterOnTheSiteIsWhatTheReportsSay() throws {
        for seed: UInt64 in [3, 11] {
            let scratch = try history(seed: seed)
            let site = try CLI.run(["site", "-o", "out", "--today", "2026-12-21"], in: scratch.url)
            XCTAssertEqual(site.status, 0, site.stderr)
            var compared = 0, trends = 0
            for quarter in ["2026-Q3", "2026-Q4"] {
                let page = try String(contentsOf: scratch.url.appendingPathComponent("out/quarter-\(quarter).html"), encoding: .utf8)
                let report = try json(["report", "okr", "--quarter", quarter], in: scratch)
                for squad in report["squads"] as? [[String: Any]] ?? [] {
                    for objective in squad["objectives"] as? [[String: Any]] ?? [] {
                        for kr in objective["key_results"] as? [[String: Any]] ?? [] {
                            let reference = try XCTUnwrap(kr["ref"] as? String)
                            let anchor = "id=\"k-\(reference.replacingOccurrences(of: "/", with: "_2F"))\""
                            let item = try XCTUnwrap(page.components(separatedBy: anchor).dropFirst().first?
                                .components(separatedBy: "</li>").first, "\(quarter) page lists \(reference)")
                            let label = "seed \(seed), \(quarter), \(reference)"
                            XCTAssertEqual(capture("<span class=\"score\">([^<]*)</span>", in: item), score(kr["score"]), label)
                            XCTAssertEqual(capture("<span class=\"badge[^\"]*\">([^<]*)</span>", in: item), kr["status"] as? String, label)
                            let checkIns = kr["check_ins"] as? Int ?? -1
                            XCTAssertNotNil(item.range(of: "\(checkIns) check-in\(checkIns == 1 ? "" : "s")"), label)
                            for experiment in kr["experiments"] as? [[String: Any]] ?? [] {
                                let id = try XCTUnwrap(experiment["id"] as? String)
                                XCTAssertNotNil(item.range(of: ">\(id)</a>"), "\(label) links \(id)")
                            }
                            // Progress and confidence as the report writes them (review52a #4: the site showed "37.5%" and no confidence;
                            // progress to two decimals, zeros written, as a score: `0.10`, not `0.1`).
                            XCTAssertEqual(capture("progress ([^ ·<]*)", in: item), score(kr["progress"]), label)
                            let points = (kr["confidence"] as? [[String: Any]] ?? []).compactMap { shown($0["value"]) }
                            // Every value from the quarter's start to its end, the trend comparing those two (review60 #2).
                            let trend = kr["confidence_trend"] as? String
                            let removed = kr["confidence_removed"] as? String
                            let confidence = points.isEmpty ? "–"
                                : removed.map { points.joined(separator: " → ") + " → no longer given since \($0)" }
                                ?? (points.count == 1 ? points[0] : points.joined(separator: " → ") + " (start to end: \(trend ?? "?"))")
                            XCTAssertNotNil(item.range(of: "confidence \(confidence)"), "\(label): \(confidence) in \(item)")
                            if confidence.contains("→") { trends += 1 }
                            XCTAssertNil(item.range(of: "99999"), label)
                            compared += 1
                        }
                    }
                }
            }
            XCTAssertGreaterThan(compared, 8, "seed \(seed)")
            XCTAssertGreaterThan(trends, 2, "seed \(seed): key results whose confidence moved")

            // Program page: each quarter's counts and win rate (as a percentage with wins/concluded) are report experiments'.
            let program = try String(contentsOf: scratch.url.appendingPathComponent("out/program.html"), encoding: .utf8)
            var outcomes = 0
            for quarter in ["2026-Q3", "2026-Q4"] {
                let report = try json(["report", "experiments", "--quarter", quarter], in: scratch)
                let total = try XCTUnwrap(report["total"] as? [String: Any], "seed \(seed), \(quarter)")
                let row = try XCTUnwrap(program.components(separatedBy: "<tr><td><span class=\"nw\">\(quarter)</span></td>").dropFirst().first?
                    .components(separatedBy: "</tr>").first, "seed \(seed): program lists \(quarter)")
                // Each cell's text (a figure and its note sit in spans that keep each whole).
                let cells = row.components(separatedBy: "<td class=\"n\">").dropFirst()
                    .map { $0.components(separatedBy: "</td>")[0].replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression) }
                let label = "seed \(seed), \(quarter): \(cells)"
                XCTAssertEqual(Array(cells.prefix(4)), ["created", "started", "concluded", "abandoned"].map { "\(total[$0] as? Int ?? -1)" }, label)
                let wins = total["wins"] as? Int ?? -1, withOutcome = total["with_outcome"] as? Int ?? -1
                if withOutcome > 0 {
                    var percent = Decimal(wins) * 100 / Decimal(withOutcome), rounded = Decimal()
                    NSDecimalRound(&rounded, &percent, 1, .plain)
                    XCTAssertEqual(cells.count > 4 ? cells[4] : nil, "\(NSDecimalNumber(decimal: rounded).stringValue)% (\(wins)/\(withOutcome))", label)
                }
                outcomes += max(withOutcome, 0)
            }
            XCTAssertGreaterThan(outcomes, 0, "seed \(seed): experiments concluded with an outcome")
        }
    }
}
