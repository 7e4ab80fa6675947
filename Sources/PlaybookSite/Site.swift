import Dispatch
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
        let catalog = Catalog(input.entities, collisions: input.collisions)
        var jobs: [(path: String, job: Job)] = [
            // The long pages first, so that the cores finish together.
            (SitePath.calendar, .calendar), (SitePath.learnings, .learnings), (SitePath.searchIndex, .searchIndex),
            (SitePath.program, .program), (SitePath.squads, .squads),
            (SitePath.home, .home(input.homeQuarter)),
        ]
        jobs += input.okr.map { (SitePath.quarter($0.quarter), .home($0.quarter)) }
        var seen: Set<String> = []
        for sourced in input.entities where seen.insert(sourced.entity.id.value).inserted {
            let id = sourced.entity.id.value
            jobs.append((catalog.path(of: id), sourced.entity.kind == .squad ? .squad(id) : .entity(id)))
        }
        let pages = Renderer(input: input, catalog: catalog).render(jobs)
        var files: [String: String] = [:]
        files.reserveCapacity(jobs.count + 3)
        files[SitePath.marker] = "This folder was written by `playbook site`; a rebuild replaces it whole.\n"
        files[SitePath.stylesheet] = Assets.stylesheet
        files[SitePath.searchScript] = Assets.searchScript
        // Names are unique by construction; should that ever fail, the first keeps the file.
        for (job, page) in zip(jobs, pages) where files[job.path] == nil { files[job.path] = page }
        return files
    }

    /// One page to write.
    enum Job {
        case home(Quarter), squads, calendar, learnings, searchIndex, program, squad(String), entity(String)
    }

    /// Renders pages on every core: each page is a pure function of the input, written into its own slot.
    struct Renderer {
        var input: SiteInput
        var catalog: Catalog

        func render(_ jobs: [(path: String, job: Job)]) -> [String] {
            var pages = [String](repeating: "", count: jobs.count)
            pages.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let output = buffer
                // Small chunks handed out in order: the long pages at the front do not hold a core's queue.
                let chunk = 16
                DispatchQueue.concurrentPerform(iterations: (jobs.count + chunk - 1) / chunk) { c in
                    for index in (c * chunk)..<min(jobs.count, (c + 1) * chunk) {
                        output[index] = page(jobs[index])
                    }
                }
            }
            return pages
        }

        private func page(_ item: (path: String, job: Job)) -> String {
            switch item.job {
            case .home(let quarter): HomePage(input: input, catalog: catalog).render(quarter: quarter, path: item.path)
            case .squads: SquadPages(input: input, catalog: catalog).index()
            case .calendar: CalendarPage(input: input, catalog: catalog).render()
            case .learnings: LearningsPage(input: input, catalog: catalog).render()
            case .searchIndex: LearningsPage(input: input, catalog: catalog).index()
            case .program: ProgramPage(input: input, catalog: catalog).render()
            case .squad(let id): SquadPages(input: input, catalog: catalog).page(id)
            case .entity(let id): EntityPages(input: input, catalog: catalog).page(id)
            }
        }
    }
}
