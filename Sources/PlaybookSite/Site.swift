import Dispatch
import Foundation
import PlaybookModel
import PlaybookReports

/// The playbook as a static website: home per quarter, squads, the experiment calendar, the
/// learnings library with its search index, a page per entity, and the program page.
public enum Site {
    /// No request leaves the site's folder: scripts, styles and images from it only, nothing inline.
    public static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

    /// The file a built site carries at its top, so that a rebuild knows it may replace the folder.
    public static let marker = SitePath.marker

    /// Every file of the site, by path relative to the site's folder (`/`-separated). The same
    /// input gives the same bytes: nothing depends on the clock, on hashing order or on which
    /// core rendered a page.
    public static func render(_ input: SiteInput) -> [String: String] {
        let plan = SitePlan(input)
        let pages = concurrently(plan.paths.count) { plan.render($0) }
        return Dictionary(zip(plan.paths, pages), uniquingKeysWith: { first, _ in first })
    }
}

/// The site's files, each rendered on demand: a writer renders them on every core and lets each
/// page go once it is on disk, so the whole site is never held in memory at once.
public struct SitePlan: Sendable {
    /// Every file's path relative to the site's folder, each once, the long pages first (so that
    /// cores handed pages in order finish together).
    public let paths: [String]
    private let jobs: [Job]
    private let input: SiteInput
    private let catalog: Catalog
    /// The learnings library's entries, which its page and its search index both show: made
    /// once, by whichever of the two is rendered first.
    private let learnings: Shared<[LearningsPage.Entry]>
    private let calendarRows: Shared<[String: [CalendarPage.Row]]>
    private let earlierQuarters: [Quarter]

    public init(_ input: SiteInput) {
        let catalog = input.catalog
        var planned: [(String, Job)] = [
            (SitePath.calendar, .calendar), (SitePath.learnings, .learnings), (SitePath.searchIndex, .searchIndex),
            (SitePath.program, .program), (SitePath.squads, .squads), (SitePath.home, .home(input.homeQuarter)),
        ]
        planned += input.okr.map { (SitePath.quarter($0.quarter), .home($0.quarter)) }
        // The calendar's rows, made once for its pages: the current one and each earlier quarter's.
        // Their list needs the rows' dates, not their collisions (found on another core meanwhile, by the page that asks first).
        let skeleton = CalendarPage(input: input, catalog: catalog).skeleton()
        let earlierQuarters = CalendarPage.earlierQuarters(skeleton, today: input.today)
        planned += earlierQuarters.map { (SitePath.calendar($0), .calendarQuarter($0)) }
        let calendarRows = Shared { CalendarPage.withCollisions(skeleton, input.collisions, today: input.today) }
        for id in catalog.order {
            switch catalog.kind(of: id) {
            case .squad: planned.append((catalog.path(of: id), .squad(id)))
            case .metric: planned.append((catalog.path(of: id), .entity(id)))
            default: break  // on a shared page
            }
        }
        planned += catalog.groups.indices.map { (catalog.groups[$0].path, .group($0)) }
        planned += [
            (SitePath.marker, .text("This folder was written by `playbook site`; a rebuild replaces it whole.\n")),
            (SitePath.stylesheet, .text(Assets.stylesheet)), (SitePath.searchScript, .text(Assets.searchScript)),
            (SitePath.timelineScript, .text(Assets.timelineScript)),
        ]
        // Names are unique by construction (an id defined twice has one page); should that ever fail, the first keeps the file.
        var seen: Set<String> = []
        planned = planned.filter { seen.insert($0.0).inserted }
        paths = planned.map(\.0)
        jobs = planned.map(\.1)
        self.input = input
        self.catalog = catalog
        learnings = Shared { LearningsPage(input: input, catalog: catalog).entries() }
        self.calendarRows = calendarRows
        self.earlierQuarters = earlierQuarters
    }

    /// The bytes of `paths[index]`: a pure function of the input, safe to call from any thread.
    public func render(_ index: Int) -> String {
        switch jobs[index] {
        case .home(let quarter): HomePage(input: input, catalog: catalog).render(quarter: quarter, path: paths[index])
        case .squads: SquadPages(input: input, catalog: catalog).index()
        case .calendar: CalendarPage(input: input, catalog: catalog, made: calendarRows.value, earlier: earlierQuarters).render()
        case .calendarQuarter(let quarter):
            CalendarPage(input: input, catalog: catalog, span: .quarter(quarter), made: calendarRows.value, earlier: earlierQuarters).render()
        case .learnings: LearningsPage(input: input, catalog: catalog).render(learnings.value)
        case .searchIndex: LearningsPage(input: input, catalog: catalog).index(learnings.value)
        case .program: ProgramPage(input: input, catalog: catalog).render()
        case .squad(let id): SquadPages(input: input, catalog: catalog).page(id)
        case .entity(let id): EntityPages(input: input, catalog: catalog).page(id)
        case .group(let index): EntityPages(input: input, catalog: catalog).group(catalog.groups[index])
        case .text(let text): text
        }
    }

    /// The bytes of `paths[index]` (the same as `render(index)`), handed to `body` without a
    /// string made of them where the page is written as bytes (the entity pages, most of the site, and the learnings).
    public func withBytes(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        switch jobs[index] {
        case .entity(let id): EntityPages(input: input, catalog: catalog).pageBytes(id).withBytes(body)
        case .group(let group): EntityPages(input: input, catalog: catalog).groupBytes(catalog.groups[group]).withBytes(body)
        case .learnings: LearningsPage(input: input, catalog: catalog).renderBytes(learnings.value).withBytes(body)
        default:
            var text = render(index)
            text.withUTF8(body)
        }
    }

    /// One file to write.
    private enum Job {
        case home(Quarter), squads, calendar, calendarQuarter(Quarter), learnings, searchIndex, program, squad(String), entity(String), group(Int), text(String)
    }
}

/// A value several pages need, made by the first that asks (the others wait for it) and kept.
final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    /// How to make it until it is made, then the value: what the maker captured (a list of every
    /// entity) is let go with it.
    private var state: State

    private enum State {
        case waiting(() -> Value), made(Value)
    }

    init(_ make: @escaping () -> Value) { state = .waiting(make) }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        switch state {
        case .made(let value): return value
        case .waiting(let make):
            let value = make()
            state = .made(value)
            return value
        }
    }
}
