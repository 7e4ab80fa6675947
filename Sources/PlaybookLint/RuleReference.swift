/// The rule catalog as text for people: `playbook rules`, `playbook rules ID`, and the
/// README's rule reference (generated, so it cannot drift from the code).
public enum RuleReference {
    /// One line per rule: id, default severity, summary.
    public static func list() -> String {
        let width = RuleCatalog.all.map(\.id.count).max() ?? 0
        return RuleCatalog.all.map { rule in
            rule.id.padding(to: width) + "  " + rule.severity.rawValue.padding(to: 7) + "  " + rule.summary
        }.joined(separator: "\n") + "\n"
    }

    /// Everything about one rule, with its examples (markers removed).
    public static func detail(_ rule: RuleDescriptor) -> String {
        var out = "\(rule.id) (default severity: \(rule.severity.rawValue))\n\n\(rule.summary)\n"
        if !rule.details.isEmpty { out += "\n\(rule.details)\n" }
        if !rule.options.isEmpty {
            out += "\nOptions (in .playbook.yml: `rules: {\(rule.id): {NAME: VALUE}}`):\n"
            for option in rule.options {
                out += "  \(option.name) = \(option.shownDefault)  \(option.summary)\n"
            }
        }
        for (index, example) in rule.triggering.enumerated() {
            out += "\nTriggers (example \(index + 1); ↓ marks where the finding points):\n" + indent(example) + "\n"
        }
        for (index, example) in rule.passing.enumerated() {
            out += "\nDoes not trigger (example \(index + 1)):\n" + indent(example) + "\n"
        }
        return out
    }

    /// The README's rule reference: a Markdown table of every rule.
    public static func markdown() -> String {
        var out = "| rule | default | what it finds |\n| --- | --- | --- |\n"
        for rule in RuleCatalog.all {
            var summary = rule.summary
            if !rule.options.isEmpty {
                summary += " Options: " + rule.options.map { "`\($0.name)` (default \($0.shownDefault))" }.joined(separator: ", ") + "."
            }
            out += "| `\(rule.id)` | \(rule.severity.rawValue) | \(summary.replacing("|", with: "\\|")) |\n"
        }
        return out
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
