import PlaybookModel

/// A clean metric for examples, with one line changed or added.
private func exampleMetric(_ replace: [String: String] = [:], extra: String = "") -> String {
    let lines = [("kind", "Metric"), ("id", "lessons-per-learner"), ("name", "Lessons per learner"), ("unit", "ratio"),
                 ("direction", "increase"), ("owner", "activation-emea")]
    return lines.compactMap { key, value in
        guard let replacement = replace[key] else { return "\(key): \(value)" }
        return replacement.isEmpty ? nil : replacement
    }.joined(separator: "\n") + (extra.isEmpty ? "" : "\n" + extra)
}

/// Descriptors of the rules the loader, the decoder and the repository checks apply.
enum BuiltinRules {
    static let cleanMetric = exampleMetric()

    static let yaml: [RuleDescriptor] = [
        RuleDescriptor(
            id: LintRuleID.yamlSyntax, severity: .error, summary: "The file is not valid YAML.",
            details: "The message carries libyaml's own reason and the position where it gave up.",
            triggering: [exampleMetric(["name": "name: Lessons per learner↓: weekly"])],
            passing: [cleanMetric]),
        RuleDescriptor(
            id: LintRuleID.yamlDuplicateKey, severity: .error,
            summary: "A mapping defines the same key twice; only the first would count.",
            triggering: [exampleMetric(extra: "↓name: Lessons finished per learner")],
            passing: [cleanMetric]),
        RuleDescriptor(
            id: LintRuleID.yamlTab, severity: .error, summary: "A tab character is used for indentation; YAML allows only spaces.",
            triggering: [exampleMetric(extra: "description:\n↓\tLessons finished per weekly active learner.")],
            passing: [exampleMetric(extra: "description:\n  Lessons finished\tper weekly active learner.")]),
        RuleDescriptor(
            id: LintRuleID.yamlAliasLimit, severity: .error,
            summary: "Anchors and aliases expand past the limit (a billion-laughs file).",
            details: "Each alias copies its anchor's nodes; past `limits.max_alias_nodes` (default 100,000) the file is refused before it can exhaust memory.",
            triggering: [billionLaughs],
            passing: [exampleMetric(extra: "description: &d Lessons finished per learner\n---\nkind: Metric\nid: lessons-per-member\nname: Lessons per member\nunit: ratio\ndirection: increase\nowner: activation-emea")]),
        RuleDescriptor(
            id: LintRuleID.yamlDepthLimit, severity: .error, summary: "Collections nest deeper than the limit.",
            details: "Past `limits.max_depth` (default 128) levels, counting the document's own mapping, the file is refused, so no input can exhaust the stack.",
            triggering: [exampleMetric(extra: "description: " + String(repeating: "[", count: 127) + "↓[x" + String(repeating: "]", count: 128))],
            passing: [cleanMetric]),
        RuleDescriptor(id: LintRuleID.yamlSizeLimit, severity: .error, summary: "The file is larger than the size limit (`limits.max_file_bytes`, default 8 MiB); it is not read."),
        RuleDescriptor(
            id: LintRuleID.yamlEncoding, severity: .error,
            summary: "The file is not UTF-8 text (invalid bytes, NUL bytes, UTF-16).",
            triggering: [exampleMetric(["name": "name: Lessons per learner↓\u{0}"])],
            passing: [exampleMetric(["name": "name: Lektionen pro Lernendem — ñ, 学习"])]),
        RuleDescriptor(
            id: LintRuleID.yamlTag, severity: .error,
            summary: "A node carries a tag other than YAML's core ones (`!ruby/object`, `!!binary`…); playbook files are plain data.",
            triggering: [exampleMetric(["name": "name: ↓!ruby/object:Name Lessons per learner"])],
            passing: [exampleMetric(["name": "name: !!str Lessons per learner"])]),
        RuleDescriptor(
            id: LintRuleID.yamlCommentInValue, severity: .warning,
            summary: "A `#` written straight before a word after a plain value or list item (`title: Screenshots #2 in DE`, `- bundle #2 sold best`) starts a comment, so the value is cut short; at the value's start (`exclusion_group: #store-q4`, `- #dach`), the value is read as empty.",
            details: "YAML reads a space and a `#` as the start of a comment, so the rest of the line is dropped without a word. A comment written `# …` (a space after the `#`) is left alone; quote the value to keep the `#`. A field that is not text (a number, date, id or choice: `budget: 4000 #EUR`) is read whole and is not said: quoted with its `#…` it would be text the field refuses. A value over lines is judged on each of its lines, and a line that would go on with the value but starts `#word` is its text read as a comment. Inside `[…]` or `{…}` the comment also hides the `]`, `}` or `,` after it on its line, and where a value's next line cannot go on after the comment, the file cannot be read: that is a `yaml-syntax` error, said at the `#`.",
            triggering: [exampleMetric(["name": "name: Lessons per learner ↓#2"]), exampleMetric(extra: "description: ↓#2 of the weekly lessons")],
            passing: [exampleMetric(["name": "name: \"Lessons per learner #2\""]), exampleMetric(["name": "name: Lessons per learner  # the weekly mean"]),
                      exampleMetric(extra: "north_star: false #not yet")]),
        RuleDescriptor(
            id: LintRuleID.fileEmpty, severity: .warning,
            summary: "A playbook file holds no document: it is empty or only comments.",
            details: "Most often an entity's file half written or emptied by mistake; nothing in it counts, and a reference to the id its name gives is not called missing while it stands. Write its entity (`playbook new` writes one) or remove the file.",
            triggering: ["↓# to be written"],
            passing: [cleanMetric]),
        RuleDescriptor(id: LintRuleID.fileUnreadable, severity: .error, summary: "The file could not be read (permissions, not a regular file, merge conflicts in the index)."),
    ]

    static let schema: [RuleDescriptor] = [
        RuleDescriptor(
            id: RuleID.kind, severity: .error,
            summary: "A document's `kind` is not Metric, Squad, Objective, Hypothesis or Experiment.",
            triggering: [exampleMetric(["kind": "kind: ↓Metrc"])], passing: [cleanMetric]),
        RuleDescriptor(
            id: RuleID.required, severity: .error, summary: "A required field is missing.",
            triggering: [exampleMetric(["kind": "↓kind: Metric", "direction": ""])], passing: [cleanMetric]),
        RuleDescriptor(
            id: RuleID.type, severity: .error, summary: "A field has the wrong type (text, number, list, mapping…).",
            triggering: [exampleMetric(["name": "name: ↓[Lessons, per, learner]"])], passing: [cleanMetric]),
        RuleDescriptor(
            id: RuleID.enumValue, severity: .error, summary: "A field's value is not one of the allowed values.",
            triggering: [exampleMetric(["unit": "unit: ↓ratios"])], passing: [exampleMetric(["unit": "unit: count"])]),
        RuleDescriptor(
            id: RuleID.date, severity: .error, summary: "A date is not a real calendar date written YYYY-MM-DD.",
            triggering: [exampleExperiment(["end": "↓2026-11-31"])], passing: [exampleExperiment(["end": "2026-11-30"])]),
        RuleDescriptor(
            id: RuleID.quarter, severity: .error, summary: "A quarter is not written YYYY-Qn.",
            triggering: ["kind: Objective\nid: OKR-2026Q4-ACT-2\nsquad: activation-emea\nquarter: ↓Q4 2026\ntitle: Habit\naligns_to: weekly-active-learners\nkey_results: [{id: KR-1, title: Up, metric: d1-retention, baseline: 31, target: 33}]"],
            passing: ["kind: Objective\nid: OKR-2026Q4-ACT-2\nsquad: activation-emea\nquarter: 2026-Q4\ntitle: Habit\naligns_to: weekly-active-learners\nkey_results: [{id: KR-1, title: Up, metric: d1-retention, baseline: 31, target: 33}]"]),
        RuleDescriptor(
            id: RuleID.idForm, severity: .error,
            summary: "An id, key-result reference or event name does not have the required form.",
            details: "Metrics and squads use kebab-case ids; objectives `OKR-…`, hypotheses `HYP-…`, experiments `EXP-…`; key results `KR-n`, referred to as `OKR-…/KR-n`; events are lowercase dotted names such as `user.signup`.",
            triggering: [exampleMetric(["id": "id: ↓Lessons_Per_Learner"])], passing: [cleanMetric]),
        RuleDescriptor(
            id: RuleID.unknownKey, severity: .error, summary: "A key is not part of the format (a typo must not pass silently).",
            triggering: [exampleMetric(extra: "↓descripton: Lessons finished per weekly active learner")],
            passing: [exampleMetric(extra: "description: Lessons finished per weekly active learner")]),
        RuleDescriptor(
            id: RuleID.range, severity: .error, summary: "A fraction (confidence, mde, power, alpha, p_value) is outside 0–1, or a count is outside its range (design.duration_days runs from 1 to 3,650 days).",
            triggering: [exampleExperiment(["design": "{mde: 0.02, power: ↓80, alpha: 0.05, sample_size: 12000}"])],
            passing: [exampleExperiment([:])]),
    ]

    static let placeholder = RuleDescriptor(
        id: LintRuleID.placeholderUnfilled, severity: .error,
        summary: "A value is still a `<…>` placeholder from `playbook new` (such as `<we believe that CHANGE>`).",
        details: "Any value written `<…>`, with no other angle bracket inside, is an unfilled placeholder; it is reported at its own line, and only as that (not also as a wrong type or an unknown reference).",
        triggering: [exampleMetric(["name": "name: ↓<human name>"], extra: "description: ↓<what it measures and how>")],
        passing: [exampleMetric(extra: "description: Lessons finished <per> weekly active learner, as <b>bold</b>")])

    static let repository: [RuleDescriptor] = [
        RuleDescriptor(
            id: LintRuleID.duplicateID, severity: .error, summary: "Two entities (or two key results of one objective) share an id.",
            details: "Both places are reported, each naming the other.",
            triggering: [exampleMetric(["id": "id: ↓lessons-per-learner"]) + "\n---\n" + exampleMetric(["id": "id: ↓lessons-per-learner"])],
            passing: [cleanMetric]),
        RuleDescriptor(
            id: LintRuleID.unresolvedReference, severity: .error,
            summary: "A reference names a squad, metric, objective, key result or hypothesis that does not exist.",
            details: "A \"did you mean\" names the closest id of that kind. An id that a file lint could not read or decode may define (the file's name, a document's `id`, the `id:` lines of a file YAML could not read or of the last committed version of a file in conflict) is not reported: that file's own error comes first, and nothing is called missing from the whole playbook (the North Star) while it stands.",
            triggering: [exampleExperiment(["hypothesis": "↓HYP-0009", "metrics": "{primary: ↓d1-retenton}"])],
            passing: [exampleExperiment([:])]),
        RuleDescriptor(
            id: LintRuleID.northStar, severity: .error, summary: "Exactly one metric must be marked `north_star: true`.",
            triggering: [exampleMetric(extra: "north_star: ↓true")], passing: [exampleMetric(extra: "north_star: false")]),
        RuleDescriptor(
            id: LintRuleID.alignment, severity: .error,
            summary: "An objective must align to the North Star metric, directly or through other objectives.",
            triggering: ["kind: Objective\nid: OKR-2026Q4-ACT-2\nsquad: activation-emea\nquarter: 2026-Q4\ntitle: Habit\naligns_to: ↓d1-retention\nkey_results: [{id: KR-1, title: Up, metric: d1-retention, baseline: 31, target: 33}]"],
            passing: ["kind: Objective\nid: OKR-2026Q4-ACT-2\nsquad: activation-emea\nquarter: 2026-Q4\ntitle: Habit\naligns_to: OKR-2026Q4-ACT-1\nkey_results: [{id: KR-1, title: Up, metric: d1-retention, baseline: 31, target: 33}]"]),
    ]

    static let suppression: [RuleDescriptor] = [
        RuleDescriptor(
            id: LintRuleID.suppressionUnused, severity: .warning,
            summary: "A `# playbook-disable…` comment suppresses nothing (the problem was fixed, or the rule named is wrong).",
            triggering: [exampleMetric(extra: "↓# playbook-disable-next-line schema-unknown-key\ndescription: Lessons finished per weekly active learner")],
            passing: [exampleMetric(extra: "# playbook-disable-next-line schema-unknown-key\ndescripton: Lessons finished per weekly active learner")]),
        RuleDescriptor(
            id: LintRuleID.suppressionUnknownRule, severity: .error,
            summary: "A `# playbook-disable…` comment names a rule that does not exist.",
            triggering: [exampleMetric(extra: "# playbook-disable-next-line ↓schema-unknown-keys\ndescription: Lessons")],
            passing: [exampleMetric(extra: "# playbook-disable schema-unknown-key\ndescripton: Lessons")]),
    ]

    /// Rules about `.playbook.yml` itself (its mistakes that stop a run are configuration errors, exit 2).
    static let configuration: [RuleDescriptor] = [
        RuleDescriptor(
            id: LintRuleID.configOverrideUnmatched, severity: .warning,
            summary: "A path pattern under `overrides:` in `.playbook.yml` matches no file of the playbook, so its rules apply nowhere.",
            details: "Reported at the pattern's line and column. A typo (`playbook/**` for `playbooks/**`) would otherwise leave the rules it meant to relax or tighten as they were, silently; a \"did you mean\" names a pattern that matches. Judged against every file of the playbook the run reads (the index's under `lint --staged`), not only those it reports on. A pattern kept for files yet to come can be turned off with `rules: {config-override-unmatched: off}`."),
    ]

    /// Rules only history can check; `playbook review` applies them to the commits of a change.
    static let history: [RuleDescriptor] = [
        RuleDescriptor(
            id: LintRuleID.historyStatusRegression, severity: .error,
            summary: "An experiment's status moves backwards (e.g. concluded → running, or out of abandoned).",
            details: "Statuses run draft → ready → running ⇄ paused → analyzing → concluded; concluded and abandoned are final. Start a new experiment instead of reopening one."),
        RuleDescriptor(
            id: LintRuleID.historyLockedField, severity: .error,
            summary: "An experiment's primary metric or hypothesis changes after it has been running.",
            details: "Changing what an experiment measures or tests once data has come in is hypothesising after the results are known."),
        RuleDescriptor(
            id: LintRuleID.historyResultEdit, severity: .error,
            summary: "A concluded experiment's `result` is edited without a note in the same change explaining why.",
            details: "Add an `approvals` entry with a `note` (who agreed, and why the result changed) in the same commit."),
        RuleDescriptor(
            id: LintRuleID.historyIDReuse, severity: .error,
            summary: "An id that was removed earlier is used again for a new entity.",
            details: "Reports and links follow entities by id; reusing one merges two histories. Take the next free id (`playbook new`)."),
        RuleDescriptor(
            id: LintRuleID.historyClosedQuarter, severity: .warning,
            summary: "A change edits a key result's `current` in an objective whose quarter has already closed (before or after the change), or moves an objective out of a closed quarter.",
            details: "A closed quarter's numbers are what its report said at the end. Record a new check-in on this quarter's objective; if the old number was wrong, say why in the PR. A quarter is closed once `--today` is in a later quarter."),
    ]

    /// Levels of ten aliases each: a hundred thousand nodes from a few lines.
    static let billionLaughs: String = {
        var lines = ["kind: Metric", "id: lessons-per-learner", "name: Lessons per learner", "unit: ratio",
                     "direction: increase", "owner: activation-emea", "description:", "  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        // 110 + 1,110 + 11,110 nodes from levels 1-3; at level 4 each alias adds 11,111,
        // so the eighth one crosses the 100,000 limit.
        for level in 1...4 {
            var aliases = Array(repeating: "*a\(level - 1)", count: 10)
            if level == 4 { aliases[7] = "↓" + aliases[7] }
            lines.append("  - &a\(level) [" + aliases.joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }()
}
