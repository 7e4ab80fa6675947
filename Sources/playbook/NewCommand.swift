import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new experiment, hypothesis, objective, metric or squad with the next free id.",
        discussion: """
        Writes one file under the first configured root, atomically, never replacing one. \
        Every <…> in it is a placeholder to fill in: lint reports each one left as an error at \
        its line; once all are filled, the file lints clean. An experiment takes its primary \
        metric and key result from its hypothesis.

        Numbered ids (HYP-, EXP-, OKR-) skip every id in use in the working tree and on every \
        branch the clone can see, local and remote-tracking (fetch first to see your \
        colleagues' work); the branches checked are named on standard error.

        Examples:
          playbook new hypothesis --squad activation-emea --title "Shorter first lesson"
          playbook new experiment --squad activation-emea --hypothesis HYP-0041
          playbook new objective --squad activation-emea --quarter 2027-Q1
          playbook new metric --id weekly-orders --squad activation-emea
          playbook new squad --id checkout-emea --title "Checkout EMEA"
        """
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case experiment, hypothesis, objective, metric, squad
    }

    @Argument(help: "experiment, hypothesis, objective, metric or squad")
    var what: What

    @Option(help: ArgumentHelp("The owning squad's id (for a metric: the squad that owns its definition).", valueName: "squad-id"),
            completion: .custom(EntityCompletion.squads))
    var squad: String?

    @Option(help: "For a metric or a squad: its kebab-case id.")
    var id: String?

    @Option(help: "A one-line title, or a metric's or squad's name (default: a placeholder).")
    var title: String?

    @Option(help: "For an experiment: the hypothesis it tests.", completion: .custom(EntityCompletion.hypotheses))
    var hypothesis: String?

    @Option(help: "For an objective: its quarter, YYYY-Qn (default: the current quarter).")
    var quarter: String?

    func validate() throws {
        if let quarter, Quarter(quarter) == nil { throw ValidationError("--quarter must be YYYY-Qn, such as 2027-Q1; got \"\(Inert.terminal(quarter))\"") }
        // An empty title would be written as `title: ""`, which lint refuses; leave it out for a placeholder.
        if let title, title.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw ValidationError("--title is empty; give \(what == .metric || what == .squad ? "a name, such as \"Checkout EMEA\"" : "a one-line title, such as \"Shorter first lesson\""), or leave --title out for a placeholder")
        }
        if hypothesis != nil, what != .experiment { throw ValidationError("--hypothesis applies to experiments only") }
        if quarter != nil, what != .objective { throw ValidationError("--quarter applies to objectives only") }
        switch what {
        case .metric, .squad:
            guard let id else { throw ValidationError("a \(what.rawValue) needs --id, its kebab-case id such as \(what == .metric ? "weekly-orders" : "checkout-emea")") }
            // The id names the file: capped as `init` caps its ids.
            if id.count > Init.maxIDLength { throw ValidationError("--id must be at most \(Init.maxIDLength) characters; got \(id.count)") }
            if !IDForm.isKebabCase(id) { throw ValidationError("--id must be kebab-case (lowercase words joined by -), such as weekly-orders; got \"\(Inert.terminal(id))\"") }
            if what == .squad, squad != nil { throw ValidationError("--squad does not apply to a new squad; give its id with --id") }
            if what == .metric, squad == nil { throw ValidationError("a metric needs --squad, the squad that owns its definition") }
        case .experiment, .hypothesis, .objective:
            if id != nil { throw ValidationError("--id applies to metrics and squads; \(what.rawValue) ids are numbered for you") }
            if squad == nil { throw ValidationError("a new \(what.rawValue) needs --squad, the owning squad's id") }
        }
    }

    func run() throws {
        let source = try WorkingTreeSource(from: FileManager.default.currentDirectoryPath, configPath: nil)
        let files = try source.files(for: []).files
        let linter = Linter(configuration: source.configuration, today: Today.utc())
        let entities = linter.entities(in: files)
        let ids = Set(entities.map(\.entity.id.value))
        let byID = Dictionary(entities.map { ($0.entity.id.value, $0.entity) }, uniquingKeysWith: { a, _ in a })
        let squads = entities.filter { $0.entity.kind == .squad }.map(\.entity.id.value)
        if let squad, !squads.contains(squad) {
            let hint = Suggestion.phrase(Suggestion.closest(to: squad, in: squads))
            throw UsageError(description: "no squad \"\(Inert.terminal(squad))\" in this playbook\(Inert.terminal(hint))")
        }
        var context = NewTemplates.ExperimentContext(hypothesis: hypothesis)
        if let hypothesis {
            guard case .hypothesis(let tested)? = byID[hypothesis] else {
                throw UsageError(description: "no hypothesis \"\(Inert.terminal(hypothesis))\" in this playbook")
            }
            context.metric = tested.metric?.value
            context.keyResult = tested.keyResult?.value
        }
        if let squad, case .squad(let owner)? = byID[squad] { context.currency = owner.budget?.currency }
        let northStar = entities.compactMap { placed -> String? in
            if case .metric(let metric) = placed.entity, metric.northStar?.value == true { return metric.id.value }
            return nil
        }.first

        // Numbered ids also skip those taken on other branches; named ones only need to be new here.
        var taken = ids
        var branchIDs: BranchIDs?
        if what != .metric, what != .squad {
            let workspace = source.workspace
            let read = BranchIDs.read(from: workspace.root, roots: { HistoryOptions.repositoryRoots(workspace: workspace, workdir: $0.workdir) }, linter: linter)
            taken.formUnion(read.holders.keys)
            taken.formUnion(read.everOnBranch ?? [])
            branchIDs = read
        }
        let root = source.workspace.root + "/" + (source.configuration.roots.first ?? "playbooks")
        let owner = squad ?? ""
        // A file already at a numbered id's path (one half written, so holding no id lint can read)
        // takes that id too: numbering goes on past it, rather than refusing the same id every run.
        func numbered(_ prefix: String, in folder: String, width: Int = 4) throws -> String {
            var skipped = taken
            while true {
                let candidate = try Self.nextID(prefix: prefix, in: skipped, width: width)
                guard Self.occupied("\(root)/\(folder)/\(candidate)") else { return candidate }
                skipped.insert(candidate)
            }
        }
        let (newID, folder, text): (String, String, String)
        switch what {
        case .hypothesis:
            folder = "hypotheses"
            newID = try numbered("HYP", in: folder)
            text = NewTemplates.hypothesis(id: newID, squad: owner, title: title)
        case .experiment:
            folder = "experiments"
            newID = try numbered("EXP", in: folder)
            text = NewTemplates.experiment(id: newID, squad: owner, title: title, context: context)
        case .objective:
            let period = quarter.flatMap(Quarter.init) ?? Today.utc().quarter
            folder = "okrs/\(period)"
            newID = try numbered("OKR-\(period.year)Q\(period.number)", in: folder, width: 1)
            text = NewTemplates.objective(id: newID, squad: owner, quarter: period, title: title, northStar: northStar)
        case .metric, .squad:
            newID = id ?? ""
            if let existing = byID[newID] {
                throw UsageError(description: "the id \"\(newID)\" is already used by a \(existing.kind.rawValue); choose another with --id")
            }
            folder = what == .metric ? "metrics" : "squads"
            text = what == .metric ? NewTemplates.metric(id: newID, owner: owner, title: title) : NewTemplates.squad(id: newID, title: title)
        }
        let path = "\(root)/\(folder)/\(newID).yml"
        // A root inside the git folder (`roots: [.git/playbooks]`), however reached, is written to by no command.
        if let refusal = WriteGuard(around: [path], cwd: source.workspace.root).gitFolderRefusal(path) {
            throw UsageError(description: "cannot write \(Inert.terminal(Workspace.display(path, root: source.workspace.displayBase))): \(refusal); set `roots` in .playbook.yml to a folder outside it")
        }
        do {
            let instead = what == .metric || what == .squad
                ? "choose another id with --id, or remove or rename that file"
                : "run `playbook new \(what.rawValue)` again for the next free id"
            try AtomicFile.write(text, to: path, within: source.workspace.root, shownFrom: source.workspace.displayBase, force: false,
                                 ifTaken: instead)
        } catch let refusal as AtomicFile.Refusal {
            throw UsageError(description: refusal.description)
        }
        Terminal.write(Inert.terminalPath(Workspace.display(path, root: source.workspace.displayBase)) + "\n")
        // Branch names come from refs: made inert like any other untrusted string.
        if let branchIDs { Terminal.writeError(Inert.terminal(Self.branchNote(branchIDs, chosen: newID, workingTree: ids)) + "\n") }
    }

    /// True when anything (a file, a folder, a link, dangling or not) is at `stem` + `.yml` or `.yaml`.
    static func occupied(_ stem: String) -> Bool {
        var info = stat()
        return lstat(stem + ".yml", &info) == 0 || lstat(stem + ".yaml", &info) == 0
    }

    /// Which branches were checked, and which ones held ids the working tree does not know.
    static func branchNote(_ branches: BranchIDs, chosen: String, workingTree: Set<String>) -> String {
        if let problem = branches.problem {
            return "\(chosen): only the working tree's ids were checked (no branches read: \(problem))"
        }
        let prefix = String(chosen[..<(chosen.lastIndex(of: "-") ?? chosen.endIndex)]) + "-"
        // Only ids of the numbered series (`OKR-2026Q3-2`, not `OKR-2026Q3-RETN-1`) take part in the numbering.
        func numbered(_ id: String) -> Bool {
            let tail = id.dropFirst(prefix.count)
            return id.hasPrefix(prefix) && !tail.isEmpty && tail.allSatisfy { $0.isASCII && $0.isNumber }
        }
        let elsewhere = branches.holders.filter { numbered($0.key) && !workingTree.contains($0.key) }
        if branches.branches.isEmpty {
            return "\(chosen): checked the working tree's ids (the repository has no branches yet)"
        }
        let history = branches.everOnBranch == nil ? "" : ", in this branch's history"
        var note = "\(chosen): checked the ids in the working tree\(history) and on \(branches.checked)"
        var skipped = elsewhere.keys.sorted().map { "\($0) on \(elsewhere[$0]?.joined(separator: ", ") ?? "")" }
        let removed = (branches.everOnBranch ?? []).filter { numbered($0) && !workingTree.contains($0) && elsewhere[$0] == nil }
        skipped += removed.sorted().map { "\($0) (removed earlier)" }
        // A few, then a count: hundreds of ids held on another branch made one line of thousands of characters.
        let shown = skipped.count > skippedShown + 1 ? skipped.prefix(skippedShown) + ["and \(skipped.count - skippedShown) more"] : skipped[...]
        if !shown.isEmpty { note += "; skipped \(shown.joined(separator: "; "))" }
        return note
    }

    /// How many skipped ids `branchNote` names before it counts the rest.
    static let skippedShown = 5

    /// `PREFIX-n` one past the highest number in use, zero-padded like the existing ids (at least `width` digits).
    /// An id whose number cannot be incremented (the largest an Int holds, or larger) is passed
    /// over: numbering goes on from the others, so one odd id on a branch never stops `new`.
    static func nextID(prefix: String, in ids: Set<String>, width: Int = 4) throws -> String {
        var highest = 0
        var digits = width
        var numbers: Set<Int> = []
        for id in ids where id.hasPrefix(prefix + "-") {
            let tail = id.dropFirst(prefix.count + 1)
            guard !tail.isEmpty, tail.allSatisfy(\.isNumber), let number = Int(tail) else { continue }
            numbers.insert(number)
            guard number < Int.max else { continue }
            highest = max(highest, number)
            digits = max(digits, tail.count)
        }
        let next = highest + 1
        if numbers.contains(next) {  // only when the one past the highest is Int.max itself, in use
            throw UsageError(description: "cannot number a new id after \(prefix)-\(highest): \(prefix)-\(next) is in use and no larger number fits; give the id with the largest number a smaller one")
        }
        let number = String(next)
        return prefix + "-" + String(repeating: "0", count: max(0, digits - number.count)) + number
    }
}
