import ArgumentParser
import PlaybookLint
import PlaybookModel

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the lint rules, or show one with its examples.",
        discussion: """
        Examples:
          playbook rules                       # every rule: id, default severity, summary
          playbook rules experiment-power      # one rule: why, options, examples
          playbook rules --format markdown     # the table in the README
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @Argument(help: "A rule id.", completion: EntityCompletion.rules)
    var id: String?

    @Option(help: "Output format: text or markdown.")
    var format: Format = .text

    func validate() throws {
        if let id, RuleCatalog.rule(id) == nil {
            let ids = RuleCatalog.all.map(\.id)
            let hint = Suggestion.closest(to: id, in: ids).map { "; did you mean \"\($0)\"?" }
                ?? Suggestion.nearest(to: id, in: ids).map { "; the nearest rule id is \"\($0)\"" } ?? ""
            throw ValidationError("unknown rule \"\(id)\"\(hint) (`playbook rules` lists them)")
        }
    }

    func run() throws {
        if let id, let rule = RuleCatalog.rule(id) {
            Terminal.write(RuleReference.detail(rule))
        } else {
            Terminal.write(format == .markdown ? RuleReference.markdown() : RuleReference.list())
        }
    }
}
