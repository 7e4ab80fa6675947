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
    /// input gives the same bytes: nothing depends on the clock or on hashing order.
    public static func render(_ input: SiteInput) -> [String: String] {
        let catalog = Catalog(input.entities, collisions: input.collisions)
        var files: [String: String] = [:]
        files[SitePath.marker] = "This folder was written by `playbook site`; a rebuild replaces it whole.\n"
        files[SitePath.stylesheet] = Assets.stylesheet
        files[SitePath.searchScript] = Assets.searchScript
        let home = HomePage(input: input, catalog: catalog)
        files[SitePath.home] = home.render(quarter: input.homeQuarter, path: SitePath.home)
        for report in input.okr {
            let path = SitePath.quarter(report.quarter)
            files[path] = home.render(quarter: report.quarter, path: path)
        }
        let squads = SquadPages(input: input, catalog: catalog)
        files[SitePath.squads] = squads.index()
        files[SitePath.calendar] = CalendarPage(input: input, catalog: catalog).render()
        let learnings = LearningsPage(input: input, catalog: catalog)
        files[SitePath.learnings] = learnings.render()
        files[SitePath.searchIndex] = learnings.index()
        files[SitePath.program] = ProgramPage(input: input, catalog: catalog).render()
        let entities = EntityPages(input: input, catalog: catalog)
        for sourced in input.entities {
            let id = sourced.entity.id.value
            let path = SitePath.entity(id)
            // Two ids never share a file name; should that ever fail, the first keeps it.
            guard files[path] == nil else { continue }
            files[path] = sourced.entity.kind == .squad ? squads.page(id) : entities.page(id)
        }
        return files
    }
}
