import PlaybookModel
import PlaybookOverlaps

/// The entities at the site's commit, by kind and id, with the links between them both ways.
/// Each entity is held once (a shelf per kind, sorted by id); lookups and reverse links are
/// positions on the shelves, so a large playbook is not copied once per index. A class: every
/// page holds it, and a page (or a closure writing one) copied it whole, every reference in it
/// retained and released again. Nothing changes it once it is made.
final class Catalog: @unchecked Sendable {
    private(set) var metrics = Shelf<Metric>([:])
    private(set) var squads = Shelf<Squad>([:])
    private(set) var objectives = Shelf<Objective>([:])
    private(set) var hypotheses = Shelf<Hypothesis>([:])
    private(set) var experiments = Shelf<Experiment>([:])
    private(set) var files: [String: String] = [:]
    /// Every id, in the order the entities were given (by file, then line).
    private(set) var order: [String] = []
    /// Each entity's page from the site's top (names unique regardless of case), the element
    /// holding it on a shared page, and its title: what a link to it needs, in one lookup.
    private(set) var links: [String: Link] = [:]
    /// The shared pages: objectives by quarter, hypotheses by squad, experiments by squad and
    /// quarter of their planned start; sorted by path. Squads and metrics have a page each.
    private(set) var groups: [Group] = []

    struct Link {
        /// The page, from the site's top.
        var path: String
        /// The element holding the entity on a shared page (`anchor(id)`); nil on its own page.
        var fragment: String?
        var title: String?

        /// Path and fragment: where a link goes, from the site's top.
        var target: String { fragment.map { path + "#" + $0 } ?? path }
    }

    /// A page of several entities of one kind, each a section of it, in id order.
    struct Group {
        var path: String
        var title: String
        var kind: Kind
        var ids: [String]
    }

    /// At most this many entities share a page; a larger group is cut into parts.
    static let groupSize = 100
    private(set) var northStar: Metric?

    /// Sorted by id: pages ask for these many times.
    var sortedExperiments: [Experiment] { experiments.sorted }
    var sortedHypotheses: [Hypothesis] { hypotheses.sorted }
    var sortedObjectives: [Objective] { objectives.sorted }
    var sortedSquads: [Squad] { squads.sorted }
    /// Reverse links, each list sorted by id.
    private var testing = Grouping<Experiment>()
    private var hypothesesByKeyResult = Grouping<Hypothesis>()
    private var experimentsByKeyResult = Grouping<Experiment>()
    private(set) var experimentsBySquad = Grouping<Experiment>()
    private(set) var hypothesesBySquad = Grouping<Hypothesis>()
    private(set) var objectivesBySquad = Grouping<Objective>()
    private(set) var experimentsByMetric = Grouping<Experiment>()
    private(set) var objectivesByParent = Grouping<Objective>()
    /// Key results by the metric they measure, in objective order: (objective, key result) positions.
    private var keyResultPositions: [String: [(objective: Int, keyResult: Int)]] = [:]
    /// How many partners of each experiment the collision graphs keep (`CollisionGraph.kept`).
    let keptCollisions: Int

    init(_ entities: [SourcedEntity], keptCollisions: Int) {
        self.keptCollisions = keptCollisions
        var metrics: [String: Metric] = [:], squads: [String: Squad] = [:], objectives: [String: Objective] = [:]
        var hypotheses: [String: Hypothesis] = [:], experiments: [String: Experiment] = [:]
        for sourced in entities {
            let id = sourced.entity.id.value
            if files.updateValue(sourced.file, forKey: id) == nil { order.append(id) }
            switch sourced.entity {
            case .metric(let e): metrics[id] = e
            case .squad(let e): squads[id] = e
            case .objective(let e): objectives[id] = e
            case .hypothesis(let e): hypotheses[id] = e
            case .experiment(let e): experiments[id] = e
            }
        }
        self.metrics = Shelf(metrics)
        self.squads = Shelf(squads)
        self.objectives = Shelf(objectives)
        self.hypotheses = Shelf(hypotheses)
        self.experiments = Shelf(experiments)
        northStar = self.metrics.sorted.first { $0.northStar?.value == true }
        let names = SitePath.uniqueFileNames(Array(files.keys))
        for id in self.squads.ids + self.metrics.ids {
            links[id] = Link(path: SitePath.entity(fileName: names[id] ?? SitePath.fileName(id)), fragment: nil, title: title(of: id))
        }
        // An id defined as two kinds (lint's business) is shown as the kind `kind(of:)` gives it, once.
        // What a group needs of each entity, its fields read by position (filtering the shelves
        // copied every entity out, and so did handing one whole to a closure).
        let objectiveList = self.objectives.sorted, hypothesisList = self.hypotheses.sorted, experimentList = self.experiments.sorted
        groups = Self.groups(
            objectives: objectiveList.indices.compactMap { i in
                kind(of: self.objectives.ids[i]) == .objective
                    ? Member(id: objectiveList[i].id.value, squad: nil, quarter: objectiveList[i].quarter?.value) : nil
            },
            hypotheses: hypothesisList.indices.compactMap { i in
                kind(of: self.hypotheses.ids[i]) == .hypothesis
                    ? Member(id: hypothesisList[i].id.value, squad: hypothesisList[i].squad?.value, quarter: nil) : nil
            },
            experiments: experimentList.indices.compactMap { i in
                kind(of: self.experiments.ids[i]) == .experiment
                    ? Member(id: experimentList[i].id.value, squad: experimentList[i].squad?.value, quarter: experimentList[i].start?.value.quarter) : nil
            })
        for group in groups {
            for id in group.ids { links[id] = Link(path: group.path, fragment: anchor(id), title: title(of: id)) }
        }
        testing = Grouping(self.experiments.sorted)
        experimentsByKeyResult = Grouping(self.experiments.sorted)
        experimentsBySquad = Grouping(self.experiments.sorted)
        experimentsByMetric = Grouping(self.experiments.sorted)
        // Each experiment's fields read by position (`for e in` copied each one out).
        for position in experimentList.indices {
            if let hypothesis = experimentList[position].hypothesis?.value { testing.add(position, to: hypothesis) }
            if let reference = experimentList[position].keyResult?.value { experimentsByKeyResult.add(position, to: reference) }
            if let squad = experimentList[position].squad?.value { experimentsBySquad.add(position, to: squad) }
            var named: Set<String> = []
            let metrics = experimentList[position].metrics
            for metric in [metrics?.primary].compactMap({ $0 }) + (metrics?.guardrails ?? []) where named.insert(metric.value).inserted {
                experimentsByMetric.add(position, to: metric.value)
            }
        }
        hypothesesByKeyResult = Grouping(self.hypotheses.sorted)
        hypothesesBySquad = Grouping(self.hypotheses.sorted)
        for (position, hypothesis) in self.hypotheses.sorted.enumerated() {
            if let reference = hypothesis.keyResult?.value { hypothesesByKeyResult.add(position, to: reference) }
            if let squad = hypothesis.squad?.value { hypothesesBySquad.add(position, to: squad) }
        }
        objectivesBySquad = Grouping(self.objectives.sorted)
        objectivesByParent = Grouping(self.objectives.sorted)
        for (position, objective) in self.objectives.sorted.enumerated() {
            if let squad = objective.squad?.value { objectivesBySquad.add(position, to: squad) }
            if let parent = objective.alignsTo?.value { objectivesByParent.add(position, to: parent) }
            for (index, keyResult) in objective.keyResults.enumerated() {
                if let metric = keyResult.metric?.value { keyResultPositions[metric, default: []].append((position, index)) }
            }
        }
    }

    /// The shared pages of objectives, hypotheses and experiments. A page's name is made of
    /// `.`-separated parts (a file name made from an id holds no `.`, so no entity page can take
    /// it); squad names are made unique regardless of case as ids are.
    /// What a group needs of an entity: its id, squad (hypotheses, experiments) and quarter
    /// (an objective's, an experiment's planned start's).
    private struct Member {
        var id: String
        var squad: String?
        var quarter: Quarter?
    }

    private static func groups(objectives: [Member], hypotheses: [Member], experiments: [Member]) -> [Group] {
        let noSquad = "(no squad)"
        var squadNames = Set<String>()
        for e in experiments { squadNames.insert(e.squad ?? noSquad) }
        for hypothesis in hypotheses { squadNames.insert(hypothesis.squad ?? noSquad) }
        let squadFiles = SitePath.uniqueFileNames(Array(squadNames))
        func squadFile(_ squad: String) -> String { squad == noSquad ? "_" : squadFiles[squad] ?? SitePath.fileName(squad) }
        struct Key: Hashable, Comparable {
            var name: String
            var title: String
            var kind: Kind
            static func < (a: Key, b: Key) -> Bool { a.name < b.name }
            static func == (a: Key, b: Key) -> Bool { a.name == b.name }
            func hash(into hasher: inout Hasher) { hasher.combine(name) }
        }
        var members: [Key: [String]] = [:]
        for objective in objectives {
            let quarter = objective.quarter
            let key = Key(name: "objectives." + (quarter?.description ?? "unscheduled"),
                          title: quarter.map { "Objectives for \($0)" } ?? "Objectives with no quarter", kind: .objective)
            members[key, default: []].append(objective.id)
        }
        for hypothesis in hypotheses {
            let squad = hypothesis.squad ?? noSquad
            let key = Key(name: "hypotheses." + squadFile(squad), title: "Hypotheses of \(squad)", kind: .hypothesis)
            members[key, default: []].append(hypothesis.id)
        }
        for e in experiments {
            let squad = e.squad ?? noSquad
            let quarter = e.quarter
            let key = Key(name: "experiments." + squadFile(squad) + "." + (quarter?.description ?? "unscheduled"),
                          title: "Experiments of \(squad)" + (quarter.map { " starting in \($0)" } ?? " with no start date"),
                          kind: .experiment)
            members[key, default: []].append(e.id)
        }
        var out: [Group] = []
        for key in members.keys.sorted() {
            let ids = members[key] ?? []  // in id order: the shelves are sorted
            let parts = (ids.count + groupSize - 1) / groupSize
            for part in 0..<parts {
                let slice = Array(ids[(part * groupSize)..<min(ids.count, (part + 1) * groupSize)])
                // The first part keeps the group's name (links to it stay good as the group grows past
                // `groupSize`); further parts are `.2`, `.3`.
                let suffix = part == 0 ? "" : ".\(part + 1)"
                let title = parts == 1 ? key.title : "\(key.title), part \(part + 1) of \(parts)"
                out.append(Group(path: SitePath.entity(fileName: key.name + suffix), title: title, kind: key.kind, ids: slice))
            }
        }
        return out
    }

    /// Every collision among the entities as written, kept compact: pages list a few and count the
    /// rest. Made on each call: only `LivedCollisions` asks, once, and only when no experiment is
    /// judged on the spans it was live (a history where one ran and ended builds a graph of its own;
    /// this one, made with the catalog, cost ~3 % of the first site for nothing).
    func collisions(today: Day) -> CollisionGraph {
        CollisionGraph(sourcedEntities(), today: today, kept: keptCollisions)
    }

    /// The entities the catalog was made of, in their order, each with its file (the list itself
    /// is not kept: a box per entity).
    private func sourcedEntities() -> [SourcedEntity] {
        order.compactMap { id in
            let entity: Entity? = metrics[id].map(Entity.metric) ?? squads[id].map(Entity.squad) ?? objectives[id].map(Entity.objective)
                ?? hypotheses[id].map(Entity.hypothesis) ?? experiments[id].map(Entity.experiment)
            return entity.map { SourcedEntity(entity: $0, file: files[id] ?? "") }
        }
    }

    /// Key results measuring a metric, in objective order, each with its objective.
    func keyResults(measuring metric: String) -> [(objective: Objective, keyResult: KeyResult)] {
        (keyResultPositions[metric] ?? []).map { position in
            let objective = objectives.sorted[position.objective]
            return (objective, objective.keyResults[position.keyResult])
        }
    }

    func exists(_ id: String) -> Bool { files[id] != nil }

    /// The page of an entity at this commit.
    func path(of id: String) -> String { links[id]?.path ?? SitePath.entity(id) }

    /// Where a link to an entity goes, from the site's top: its page, and its section on a shared page.
    func target(of id: String) -> String { links[id]?.target ?? SitePath.entity(id) }

    func kind(of id: String) -> Kind? {
        // `contains`: `shelf[id] != nil` copied the whole entity out to compare it with nil.
        if metrics.contains(id) { return .metric }
        if squads.contains(id) { return .squad }
        if objectives.contains(id) { return .objective }
        if hypotheses.contains(id) { return .hypothesis }
        if experiments.contains(id) { return .experiment }
        return nil
    }

    /// A short human name for an entity: its title or name.
    func title(of id: String) -> String? {
        metrics.read(id) { $0.name } ?? squads.read(id) { $0.name } ?? objectives.read(id) { $0.title }
            ?? hypotheses.read(id) { $0.title } ?? experiments.read(id) { $0.title }
    }

    /// The unit of the metric a key result measures.
    func unit(ofMetric id: String?) -> MetricUnit? { id.flatMap { metrics.read($0) { $0.unit } } }

    /// The squad's budget currency, which its currency metrics are shown in (as the reports do).
    func currency(ofSquad id: String?) -> String? { id.flatMap { squads.read($0) { $0.budget?.currency } } }

    func squad(of id: String) -> String? {
        switch kind(of: id) {
        case .metric: metrics.read(id) { $0.owner?.value }
        case .squad: id
        case .objective: objectives.read(id) { $0.squad?.value }
        case .hypothesis: hypotheses.read(id) { $0.squad?.value }
        case .experiment: experiments.read(id) { $0.squad?.value }
        case nil: nil
        }
    }

    /// Experiments testing a hypothesis.
    func experiments(testing hypothesis: String) -> [Experiment] { testing[hypothesis] ?? [] }

    /// `body` on each experiment testing a hypothesis, in id order, each read where it is.
    @inline(__always)
    func forEachExperiment(testing hypothesis: String, _ body: (Experiment) -> Void) { testing.forEach(hypothesis, body) }

    /// Hypotheses and experiments naming a key result (`OKR-…/KR-n`).
    func work(for reference: String) -> (hypotheses: [Hypothesis], experiments: [Experiment]) {
        (hypothesesByKeyResult[reference] ?? [], experimentsByKeyResult[reference] ?? [])
    }

    /// The quarter an experiment's budget counts in: its start (planned start before it runs).
    /// An abandoned experiment whose start never came spent nothing (as the squad-budget rule counts).
    func budgetQuarter(_ experiment: Experiment, today: Day) -> Quarter? {
        guard let start = experiment.start?.value else { return nil }
        if experiment.status?.value == .abandoned, start > today { return nil }
        return start.quarter
    }
}

/// Entities of one kind, each held once, in id order; found by id.
struct Shelf<Item: Sendable>: Sendable {
    let sorted: [Item]
    /// The ids, sorted.
    let ids: [String]
    private let position: [String: Int]

    init(_ byID: [String: Item]) {
        ids = byID.keys.sorted()
        sorted = ids.compactMap { byID[$0] }
        position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    }

    subscript(id: String) -> Item? { position[id].map { sorted[$0] } }

    /// `body` of the item with `id`, read where it is: `self[id]` copied the whole entity out
    /// (every string and list in it retained, then released). Nil without one.
    @inline(__always)
    func read<T>(_ id: String, _ body: (Item) -> T?) -> T? {
        guard let index = position[id] else { return nil }
        // Inlined with `body`, the element's fields are read where they are (handing the element
        // out of an unsafe buffer copied it, for the pointer's memory has no owner to borrow from).
        return body(sorted[index])
    }

    func contains(_ id: String) -> Bool { position[id] != nil }

    /// The position of `id` in `sorted`.
    func index(of id: String) -> Int? { position[id] }
}

/// A reverse link (experiments by squad, and so on) as positions on a shelf: a list is copied
/// out only when a page asks for it.
struct Grouping<Item: Sendable>: Sendable {
    private var items: [Item] = []
    private var positions: [String: [Int]] = [:]

    init() {}

    init(_ items: [Item]) { self.items = items }

    mutating func add(_ position: Int, to key: String) { positions[key, default: []].append(position) }

    subscript(key: String) -> [Item]? { positions[key].map { $0.map { items[$0] } } }

    func count(_ key: String) -> Int { positions[key]?.count ?? 0 }

    /// The positions of the items under `key` in the list the grouping was made from, in order.
    func positions(_ key: String) -> [Int] { positions[key] ?? [] }

    /// `body` on each item under `key`, in order, each read where it is (no list of copies made).
    @inline(__always)
    func forEach(_ key: String, _ body: (Item) -> Void) {
        guard let mine = positions[key] else { return }
        for position in mine { body(items[position]) }
    }
}
