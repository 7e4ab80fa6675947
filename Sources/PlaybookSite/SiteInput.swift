import Dispatch
import PlaybookGit
import PlaybookHistory
import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// Everything the site shows, as values: the report values of every quarter, the entities as
/// they stand at the commit the site is built from, their logs and their overlaps.
public struct SiteInput: Sendable {
    /// One OKR report per quarter the history holds, oldest first.
    public var okr: [OKRReport]
    /// One experiment report per quarter the program page can show (the twelve up to the home
    /// quarter), oldest first.
    public var program: [ExperimentReport]
    /// Each entity's timeline, for what `playbook log` shows (`log(of:)`).
    public var timelines: Timelines
    /// The history's caveats and its records that hold notes: all a log reads besides the timeline.
    var notes: History
    /// Each experiment's statuses through its history, read once: the program's reports share
    /// them, and `life(of:)` reads an experiment's moves from them.
    public var lifecycles: ExperimentLifecycles
    /// The entities at the commit (first definition of each id; a duplicated id is lint's
    /// business) by kind and id, with the links between them and their collisions (experiments
    /// live together on one surface for overlapping audiences). Held once: not also as a list.
    var catalog: Catalog
    /// The collisions the calendar and the experiments' pages show, among them those of
    /// experiments that ran together and have ended: made by the first page that asks.
    var collisions: LivedCollisions { lived.value }
    private let lived: Shared<LivedCollisions>
    /// The experiments no longer in the playbook whose conclusions the reports count, and those it
    /// still held on today: made by the first page that asks (the library, a hypotheses page).
    var gone: GoneExperiments { goneExperiments.value }
    private let goneExperiments: Shared<GoneExperiments>
    /// The experiments as the playbook held them on today where a later commit changed them: made by
    /// the first page that asks (the calendar, an experiment's section).
    var onToday: ExperimentsOnToday { experimentsOnToday.value }
    private let experimentsOnToday: Shared<ExperimentsOnToday>
    /// The experiments the playbook had let go of by today that ran before they went: made by the first
    /// page that asks (the calendar, a squad's page).
    var removed: RemovedExperiments { removedExperiments.value }
    private let removedExperiments: Shared<RemovedExperiments>
    /// The squads renamed in the history (`SquadRename.all`): made by the first squad page that asks.
    var squadRenames: [SquadRename] { renamedSquads.value }
    private let renamedSquads: Shared<[SquadRename]>
    /// The quarter the home page shows.
    public var homeQuarter: Quarter
    public var today: Day
    /// The branch and commit the site was built from.
    public var source: SourceSummary?
    /// The texts of the numbers the pages write, each made once (`NumberTexts`).
    let numbers = NumberTexts()
    /// What every page's footer names: `source` and `today`.
    var provenance: Page.Provenance { Page.Provenance(source: source, today: today) }

    init(okr: [OKRReport], program: [ExperimentReport], timelines: Timelines, notes: History,
         lifecycles: ExperimentLifecycles, catalog: Catalog, homeQuarter: Quarter, today: Day,
         source: SourceSummary?) {
        self.okr = okr
        self.program = program
        self.timelines = timelines
        self.notes = notes
        self.lifecycles = lifecycles
        self.catalog = catalog
        self.homeQuarter = homeQuarter
        self.today = today
        self.source = source
        let onToday = Shared { ExperimentsOnToday(catalog: catalog, lifecycles: lifecycles, timelines: timelines, today: today) }
        experimentsOnToday = onToday
        lived = Shared { LivedCollisions(catalog: catalog, lifecycles: lifecycles, onToday: onToday.value, today: today) }
        removedExperiments = Shared { RemovedExperiments(catalog: catalog, lifecycles: lifecycles, timelines: timelines, onToday: onToday.value, today: today) }
        goneExperiments = Shared { GoneExperiments(catalog: catalog, lifecycles: lifecycles, timelines: timelines, onToday: onToday.value, today: today) }
        renamedSquads = Shared { SquadRename.all(in: timelines) }
    }

    /// Builds every report the site needs from one history and the entities at its tip.
    /// `homeQuarter` defaults to the quarter containing `today`.
    /// `thresholds`: how key results are judged on track, at risk or off track (the
    /// configuration's, as `report okr` reads them).
    public init(history readAtHead: History, timelines: Timelines, entities: [SourcedEntity], today: Day, homeQuarter: Quarter? = nil,
                thresholds: KeyResultStatusThresholds = KeyResultStatusThresholds()) {
        // The site is its commit's: how HEAD reached the commit (a branch, or detached, which added a
        // note to every page) is left out, so the same commit gives the same bytes. So is the state
        // of the history cache: a note that it was damaged or of another version (and rebuilt) was
        // on every entity page, and the site cache then kept those pages for later builds of the
        // commit (`playbook site` says it on standard error instead).
        let history = { () -> History in
            var history = readAtHead
            if case .detached = history.head { history.head = .branch("") }
            history.cacheNote = nil
            return history
        }()
        // By file, then line; the first of each id. The keys are read once: reading an entity's id
        // in the comparison copied the whole entity out of its enum, twice per comparison.
        let keys = entities.map { (file: $0.file, line: $0.entity.id.mark.line, id: $0.entity.id.value) }
        var seen: Set<String> = []
        let unique = keys.indices.sorted { (keys[$0].file, keys[$0].line) < (keys[$1].file, keys[$1].line) }
            .filter { seen.insert(keys[$0].id).inserted }
            .map { entities[$0] }
        let home = homeQuarter ?? today.quarter
        let quarters = Self.quarters(history: history, entities: unique, today: today, home: home)
        // A log reads only the history's caveats and notes: give it the records that hold notes,
        // so thousands of logs do not each walk every commit. Logs are made page by page, on every core.
        var notes = history
        notes.records = history.records.filter { !$0.notes.isEmpty }
        // Each part reads the same history and none depends on another: computed side by side,
        // the long ones first.
        // The program page shows at most the twelve quarters up to the home quarter: only those are counted.
        let programQuarters = Array(quarters.filter { $0 <= home }.suffix(12))
        // The catalog (with its collision graph) needs none of the reports: it is built on another
        // core while every experiment's statuses are read here, where it used to wait for them.
        // Each experiment keeps the partners a page lists (its first 50 by id) and the count of the
        // rest: a busy surface's pairs grow with the square of its experiments, and no page shows them all.
        let kept = max(CalendarPage.listed, CalendarPage.listedCollisions, EntityPages.listedCollisions)
        let catalog = Shared { Catalog(unique, keptCollisions: kept) }
        let building = DispatchGroup()
        DispatchQueue.global().async(group: building) { _ = catalog.value }
        // Every experiment's statuses are read once, for all the program's quarters and every page.
        let lifecycles = ExperimentLifecycles(timelines: timelines, history: history)
        let parts: [Part] = concurrently(quarters.count + programQuarters.count) { index in
            if index < quarters.count {
                return .okr(OKRReport(quarter: quarters[index], today: today, timelines: timelines, history: history, thresholds: thresholds, lifecycles: lifecycles,
                                           lookAround: false))
            }
            let quarter = programQuarters[index - quarters.count]
            return .program(ExperimentReport(period: Period(quarter: quarter), today: today, lifecycles: lifecycles, history: history))
        }
        var okr: [OKRReport] = [], program: [ExperimentReport] = []
        for part in parts {
            switch part {
            case .okr(let report): okr.append(report)
            case .program(let report): program.append(report)
            }
        }
        building.wait()
        self.init(okr: okr, program: program, timelines: timelines, notes: notes, lifecycles: lifecycles,
                  catalog: catalog.value, homeQuarter: home, today: today, source: SourceSummary(history))
    }

    /// When an experiment was created, started, concluded or abandoned, over its whole history.
    func life(of id: String) -> ExperimentLife? { lifecycles.life(of: id) }

    /// When an experiment was live up to today, as its status at the commit reads it
    /// (`ExperimentLifecycles.liveSpans(of:)`), in days (`days(_:until:)`); as its moves up to today
    /// read it where a later commit lost that (deleted since, its start undone after today).
    func liveSpans(of id: String) -> [(start: Day, end: Day?)] { onToday.liveSpans(of: id, lifecycles: lifecycles) }

    /// When experiment `id` stood paused within its live spans up to today (`ExperimentLifecycles.pauses(of:before:)`,
    /// read from its moves up to today's end), in days (`pausedDays(_:until:)`).
    func pauses(of id: String) -> [(start: Day, end: Day?)] {
        Self.pausedDays(lifecycles.pauses(of: id, before: UTC.seconds(UTC.dayAfter(today))), until: today)
    }

    /// Pauses in days, oldest first, each to the day it ran again, concluded or was abandoned (nil while it
    /// stays paused on today); one begun and ended within a day is no pause a calendar can draw, and is left out.
    static func pausedDays(_ pauses: [(start: Int64, end: Int64?)], until today: Day) -> [(start: Day, end: Day?)] {
        pauses.compactMap { pause in
            let start = UTC.day(of: pause.start)
            guard start <= today else { return nil }
            let end = pause.end.map { UTC.day(of: $0) }.flatMap { $0 > today ? nil : $0 }
            return end == start ? nil : (start, end)
        }
    }

    /// A live span (`end` nil while it runs, said `now`) and the pauses within it, in words: `2026-09-01 to
    /// 2026-09-20, paused since 2026-09-20` for one paused still, `…, paused 2026-09-20 to 2026-09-28` for one
    /// that ran again. `now`: the word for an open end (`now`, or today's date).
    static func ran(_ span: (start: Day, end: Day?), pauses: [(start: Day, end: Day?)], now: String) -> String {
        let within = pauses.filter { pause in pause.start >= span.start && span.end.map { pause.start <= $0 } ?? true }
        if let last = within.last, last.end == nil {
            let closed = within.dropLast().map { ", paused \($0.start) to \($0.end?.description ?? now)" }.joined()
            return "\(span.start) to \(last.start)\(closed), paused since \(last.start)"
        }
        return "\(span.start) to \(span.end?.description ?? now)" + within.map { ", paused \($0.start) to \($0.end?.description ?? now)" }.joined()
    }

    /// Live spans in days, oldest first, each to its last day (nil while it runs): spans that share
    /// a day are one (concluded and re-opened the same day, it was not out of the running for a day).
    /// Cut at `today` (a `--today` before the commit's last moves): a span begun after it is left
    /// out, and one that ended after it ends on it, as the reports, which count nothing after today, read it.
    static func days(_ spans: [(start: Int64, end: Int64?)], until today: Day) -> [(start: Day, end: Day?)] {
        var out: [(start: Day, end: Day?)] = []
        for span in spans {
            let start = UTC.day(of: span.start)
            guard start <= today else { break }
            let end = span.end.map { min(today, max(start, UTC.day(of: $0))) }
            if let last = out.last, let lastEnd = last.end, start <= lastEnd {
                out[out.count - 1].end = end.map { max(lastEnd, $0) }
            } else {
                out.append((start, end))
            }
        }
        return out
    }

    /// What `playbook log` shows for an entity id (nil when no commit held it).
    func log(of id: String) -> EntityLog? { EntityLog(id: id, timelines: timelines, history: notes) }

    /// One report of the input, computed on its own.
    private enum Part: Sendable {
        case okr(OKRReport), program(ExperimentReport)
    }

    /// The quarters that hold a playbook commit, the quarters the objectives name, today's and the
    /// home quarter, and those between two of them less than a year apart; sorted. Not every quarter
    /// between the first commit and the last: one commit dated decades off (a wrong clock) made
    /// hundreds of empty pages. A quiet quarter keeps its page (and its place in the trend); a gap of
    /// a year or more with neither a commit nor an objective is left out.
    static func quarters(history: History, entities: [SourcedEntity], today: Day, home: Quarter) -> [Quarter] {
        var set: Set<Quarter> = [home, today.quarter]
        for record in history.records { set.insert(UTC.day(of: record.time).quarter) }
        for sourced in entities {
            if case .objective(let objective) = sourced.entity, let quarter = objective.quarter?.value { set.insert(quarter) }
        }
        let held = set.sorted()
        var quarters: [Quarter] = []
        for (index, quarter) in held.enumerated() {
            // The quarters after the one before, when fewer than four lie between them.
            if index > 0, quarter.index - held[index - 1].index <= 4 {
                for between in (held[index - 1].index + 1)..<quarter.index { quarters.append(Quarter(index: between)) }
            }
            quarters.append(quarter)
        }
        return quarters
    }

    /// Why `home` cannot be the home quarter of a site of `history` (nil when it can): one before
    /// the history's first playbook commit has no value and no experiment of its own, and the
    /// program page counts the quarters up to it; one after both today's quarter and the last
    /// commit's has nothing either, and would add an empty quarter to every page's switcher, the
    /// North Star's trend and the program's charts.
    /// A quarter an objective names is one the site has a page for, wherever it lies.
    public static func problem(homeQuarter home: Quarter, history: History, today: Day, entities: [SourcedEntity]) -> String? {
        let times = history.records.map(\.time)
        guard let first = times.min().map({ UTC.day(of: $0).quarter }) else { return nil }
        let last = max(first, today.quarter, times.max().map { UTC.day(of: $0).quarter } ?? first)
        guard home < first || home > last else { return nil }
        for sourced in entities {
            if case .objective(let objective) = sourced.entity, objective.quarter?.value == home { return nil }
        }
        let range = "give a quarter from \(first)" + (last == first ? "" : " to \(last)") + " (or one that objectives are planned for)"
        if home > last {
            return "--quarter \(home) is after the history: its last playbook commit and today (\(today)) are in \(last) or before; " + range
        }
        return "--quarter \(home) is before the history: its first playbook commit is in \(first); " + range
    }
}

extension Quarter {
    /// Quarters counted from year 0: consecutive quarters are one apart.
    fileprivate var index: Int { year * 4 + number - 1 }

    fileprivate init(index: Int) {
        self.init(year: index >= 0 ? index / 4 : (index - 3) / 4, number: ((index % 4) + 4) % 4 + 1)
    }
}

/// `body(0..<count)`, spread over the machine's cores, in index order.
func concurrently<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    var slots = [T?](repeating: nil, count: count)
    slots.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: count) { index in output[index] = body(index) }
    }
    return slots.compactMap { $0 }
}
