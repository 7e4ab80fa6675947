import ArgumentParser
import Foundation
import PlaybookLint
import PlaybookModel

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new experiment, hypothesis or objective with the next free id.",
        discussion: """
        Writes one file under the first configured root, atomically, never replacing one. \
        Every <…> in it is a placeholder to fill in; once filled, the file lints clean.

        Examples:
          playbook new hypothesis --squad activation-emea --title "Shorter first lesson"
          playbook new experiment --squad activation-emea --hypothesis HYP-0041
          playbook new objective --squad activation-emea --quarter 2027-Q1
        """
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case experiment, hypothesis, objective
    }

    @Argument(help: "experiment, hypothesis or objective")
    var what: What

    @Option(help: "The owning squad's id.")
    var squad: String

    @Option(help: "A one-line title (default: a placeholder).")
    var title: String?

    @Option(help: "For an experiment: the hypothesis it tests.")
    var hypothesis: String?

    @Option(help: "For an objective: its quarter, YYYY-Qn (default: the current quarter).")
    var quarter: String?

    func validate() throws {
        if let quarter, Quarter(quarter) == nil { throw ValidationError("--quarter must be YYYY-Qn, such as 2027-Q1; got \"\(quarter)\"") }
        if hypothesis != nil, what != .experiment { throw ValidationError("--hypothesis applies to experiments only") }
        if quarter != nil, what != .objective { throw ValidationError("--quarter applies to objectives only") }
    }

    func run() throws {
        let source = try WorkingTreeSource(from: FileManager.default.currentDirectoryPath, configPath: nil)
        let files = try source.files(for: []).files
        let entities = Linter(configuration: source.configuration, today: Today.utc()).entities(in: files)
        let ids = Set(entities.map(\.entity.id.value))
        let squads = entities.filter { $0.entity.kind == .squad }.map(\.entity.id.value)
        guard squads.contains(squad) else {
            let hint = Suggestion.phrase(Suggestion.closest(to: squad, in: squads))
            throw UsageError(description: "no squad \"\(squad)\" in this playbook\(hint)")
        }
        if let hypothesis, !ids.contains(hypothesis) {
            throw UsageError(description: "no hypothesis \"\(hypothesis)\" in this playbook")
        }
        let northStar = entities.compactMap { placed -> String? in
            if case .metric(let metric) = placed.entity, metric.northStar?.value == true { return metric.id.value }
            return nil
        }.first
        let root = source.workspace.root + "/" + (source.configuration.roots.first ?? "playbooks")
        let (id, folder, text): (String, String, String)
        switch what {
        case .hypothesis:
            id = Self.nextID(prefix: "HYP", in: ids)
            folder = "hypotheses"
            text = NewTemplates.hypothesis(id: id, squad: squad, title: title)
        case .experiment:
            id = Self.nextID(prefix: "EXP", in: ids)
            folder = "experiments"
            text = NewTemplates.experiment(id: id, squad: squad, title: title, hypothesis: hypothesis)
        case .objective:
            let period = quarter.flatMap(Quarter.init) ?? Today.utc().quarter
            id = Self.nextID(prefix: "OKR-\(period.year)Q\(period.number)", in: ids, width: 1)
            folder = "okrs/\(period)"
            text = NewTemplates.objective(id: id, squad: squad, quarter: period, title: title, northStar: northStar)
        }
        let path = "\(root)/\(folder)/\(id).yml"
        do {
            try AtomicFile.write(text, to: path, force: false)
        } catch let refusal as AtomicFile.Refusal {
            throw UsageError(description: refusal.description)
        }
        Terminal.write(Workspace.display(path, root: source.workspace.displayBase) + "\n")
    }

    /// `PREFIX-n` one past the highest number in use, zero-padded like the existing ids (at least `width` digits).
    static func nextID(prefix: String, in ids: Set<String>, width: Int = 4) -> String {
        var highest = 0
        var digits = width
        for id in ids where id.hasPrefix(prefix + "-") {
            let tail = id.dropFirst(prefix.count + 1)
            guard !tail.isEmpty, tail.allSatisfy(\.isNumber), let number = Int(tail) else { continue }
            highest = max(highest, number)
            digits = max(digits, tail.count)
        }
        let number = String(highest + 1)
        return prefix + "-" + String(repeating: "0", count: max(0, digits - number.count)) + number
    }
}

/// The files `playbook new` writes; `<…>` marks what the author must fill in.
enum NewTemplates {
    static let header = "# Replace every <…> placeholder, then run `playbook lint`."

    static func title(_ title: String?, _ placeholder: String) -> String {
        title.map(Templates.quoted) ?? placeholder
    }

    static func hypothesis(id: String, squad: String, title: String?) -> String {
        """
        \(header)
        kind: Hypothesis
        id: \(id)
        squad: \(squad)
        title: \(self.title(title, "<the idea in one line>"))
        statement:
          change: <we believe that CHANGE>
          audience: <for AUDIENCE>
          outcome: <will OUTCOME>
          rationale: <because RATIONALE, the evidence behind it>
        metric: <metric-id it moves>
        expected_lift: <fraction such as 0.03>
        ice: {impact: <1-10>, confidence: <1-10>, ease: <1-10>}
        status: backlog

        """
    }

    static func experiment(id: String, squad: String, title: String?, hypothesis: String?) -> String {
        """
        \(header)
        kind: Experiment
        id: \(id)
        squad: \(squad)
        title: \(self.title(title, "<what changes for whom in one line>"))
        hypothesis: \(hypothesis ?? "<HYP-id it tests>")
        status: draft
        metrics:
          primary: <metric-id it decides on>
          guardrails: []
        surface: <where the change lives such as web/home/banner>
        variants:
          - {id: control, allocation: 50}
          - {id: treatment, allocation: 50}
        design: {mde: <fraction such as 0.02>, power: 0.8, alpha: 0.05, sample_size: <from the power calculation>}
        start: <planned start YYYY-MM-DD>
        end: <planned end YYYY-MM-DD>

        """
    }

    static func objective(id: String, squad: String, quarter: Quarter, title: String?, northStar: String?) -> String {
        """
        \(header)
        kind: Objective
        id: \(id)
        squad: \(squad)
        quarter: \(quarter)
        title: \(self.title(title, "<the qualitative goal>"))
        aligns_to: \(northStar ?? "<the North Star metric id>")
        key_results:
          - id: KR-1
            title: <the measurable result>
            metric: <metric-id>
            baseline: <value now>
            target: <value aimed for>

        """
    }
}
