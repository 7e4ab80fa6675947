import PlaybookGit
import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// A squad whose id changed in the history: one commit of the main line let go of `from` and wrote `to`
/// for the first time, in the same file (its `id` edited) or in a file that took the old one's place.
struct SquadRename: Sendable, Equatable {
    var from: String
    var to: String
    /// The day of the commit that renamed it.
    var day: Day

    /// The renames the history holds, oldest first. Decided conservatively, as `git` finds a renamed file:
    /// the commit removed exactly one squad and created exactly one (an id seen before is a return, not a
    /// rename), and either both lived in the same file, or half or more of their fields besides the id hold
    /// the same values (git's default similarity for a rename); anything else is a squad gone and another new.
    static func all(in timelines: Timelines) -> [SquadRename] {
        typealias Side = (id: String, path: String, fields: [String: FieldValue], time: Int64)
        var removed: [ObjectID: [Side]] = [:], created: [ObjectID: [Side]] = [:]
        for timeline in timelines.all(kind: Kind.squad.rawValue) {
            for event in timeline.events where event.mainLine {
                switch event.type {
                case .removed:
                    let fields = Dictionary(event.fields.compactMap { change in change.oldValue.map { (change.path, $0) } }, uniquingKeysWith: { first, _ in first })
                    removed[event.commit, default: []].append((timeline.id, event.path, fields, event.time))
                case .created:
                    let fields = Dictionary(event.fields.compactMap { change in change.newValue.map { (change.path, $0) } }, uniquingKeysWith: { first, _ in first })
                    created[event.commit, default: []].append((timeline.id, event.path, fields, event.time))
                case .changed, .restored:
                    break
                }
            }
        }
        var out: [SquadRename] = []
        for (commit, gone) in removed {
            guard gone.count == 1, let new = created[commit], new.count == 1 else { continue }
            let old = gone[0], now = new[0]
            guard old.path == now.path || similar(old.fields, now.fields) else { continue }
            out.append(SquadRename(from: old.id, to: now.id, day: UTC.day(of: now.time)))
        }
        return out.sorted { ($0.day, $0.from, $0.to) < ($1.day, $1.from, $1.to) }
    }

    /// Half or more of the fields either version writes, besides its id, hold the same value in both.
    private static func similar(_ old: [String: FieldValue], _ new: [String: FieldValue]) -> Bool {
        let paths = Set(old.keys).union(new.keys).subtracting(["id"])
        guard !paths.isEmpty else { return false }
        let same = paths.filter { old[$0] != nil && old[$0] == new[$0] }.count
        return same * 2 >= paths.count
    }
}

extension SiteInput {
    /// The squad `id` now goes by, when the playbook no longer holds `id` and the history renamed it (through
    /// a chain of renames, each the latest from its id) to one it holds: the rename to it and the id it holds.
    func renamedSquad(_ id: String) -> (now: String, day: Day)? {
        guard catalog.links[id] == nil else { return nil }
        let renames = squadRenames
        guard renames.contains(where: { $0.from == id }) else { return nil }
        var name = id, seen: Set<String> = [id], day: Day?
        while catalog.links[name] == nil {
            guard let rename = renames.last(where: { $0.from == name }), seen.insert(rename.to).inserted else { return nil }
            name = rename.to
            day = rename.day
        }
        return day.map { (name, $0) }
    }

    /// A squad named where the site writes one (a quarter's objective, the program's tables, a card): `page.entity`,
    /// but for an id the playbook let go of by a rename it knows, a link to the squad's page under its new id,
    /// "acq-paid (now acq-growth)", whose tooltip says when it was renamed (review59s #5: it was an unlinked span
    /// titled "not in the playbook at this commit", as if the squad were gone).
    func squad(_ id: String?, page: Page, title: Bool = false) -> String {
        guard let id, let (now, day) = renamedSquad(id) else { return page.entity(id, title: title) }
        // A page path is made of letters, digits, `-`, `_`, `/` and `.` only: nothing to escape.
        return "<a href=\"\(page.up)\(catalog.target(of: now))\" title=\"\(h("renamed to \(now) on \(day)"))\">\(h("\(id) (now \(now))"))</a>"
    }

    /// `squad(_:page:title:)` written into `out`.
    func squad(_ id: String?, page: Page, title: Bool = false, into out: inout HTMLBuffer) {
        guard let id, renamedSquad(id) != nil else { return page.entity(id, title: title, into: &out) }
        out.raw(squad(id, page: page, title: title))
    }

    /// What a squad's page says of the renames that led to its id ("Formerly growth: renamed to activation on
    /// 2027-01-05.", the latest first, back through a chain of them) and of those that took its id away (a squad
    /// written again under an old id); nothing for a squad never renamed.
    func renames(of id: String, page: Page) -> String {
        let renames = squadRenames
        guard renames.contains(where: { $0.from == id || $0.to == id }) else { return "" }
        var out = ""
        var seen: Set<String> = [id], names = [id]
        while let name = names.popLast() {
            for rename in renames.reversed() where rename.to == name {
                // The old id, gone from the playbook, is this squad: named, not a link titled as missing.
                let from = catalog.links[rename.from] == nil ? "<code>\(h(rename.from))</code>" : page.entity(rename.from)
                out += "<p class=\"meta\">Formerly \(from): renamed to \(rename.to == id ? h(id) : page.entity(rename.to)) on \(rename.day).</p>\n"
                if seen.insert(rename.from).inserted { names.append(rename.from) }
            }
        }
        for rename in renames where rename.from == id {
            out += "<p class=\"meta\">Renamed to \(page.entity(rename.to)) on \(rename.day); the id <code>\(h(id))</code> was written again later, for this squad.</p>\n"
        }
        return out
    }
}
