import PlaybookLint

/// A rule the change's `.playbook.yml` switches off or lowers against the base's: findings it
/// no longer reports (or no longer fails on) are not the change being clean.
public struct RuleRelaxation: Sendable, Hashable {
    public var rule: String
    /// The playbook files the relaxation applies to (an `overrides:` entry); nil for every file.
    public var files: [String]?
    /// The `overrides:` path patterns it applies to where no playbook file shows it (a folder
    /// with no file yet): the next change's files there are silenced unseen; nil otherwise.
    public var paths: [String]? = nil
    /// The severity at the base and at the head; nil is off.
    public var before: Severity?
    public var after: Severity?

    /// "off", "note", "warning" or "error".
    public static func name(_ severity: Severity?) -> String { severity?.rawValue ?? "off" }

    /// `experiment-power: error → off` (`… in a.yml, b.yml` for some files only, `… for paths
    /// matching playbooks/archive/**` for a pattern no file shows).
    public var summary: String {
        "\(rule): \(Self.name(before)) → \(Self.name(after))" + (files.map { " in " + Self.list($0) } ?? "")
            + (paths.map { " for paths matching " + Self.list($0) } ?? "")
    }

    static func list(_ files: [String]) -> String {
        files.count <= 3 ? files.joined(separator: ", ") : files.prefix(3).joined(separator: ", ") + " and \(files.count - 3) more"
    }

    /// The rules `head` turns off or lowers against `base`: per rule, where it is lowered
    /// everywhere (`rules:`), else in the `files` whose severity it lowers (`overrides:`), and
    /// for the override patterns (of either side) that lower it where none of those files shows it.
    public static func between(base: Configuration, head: Configuration, files: [String]) -> [RuleRelaxation] {
        func rank(_ severity: Severity?) -> Int {
            switch severity {
            case nil: 0
            case .note?: 1
            case .warning?: 2
            case .error?: 3
            }
        }
        var out: [RuleRelaxation] = []
        for rule in RuleCatalog.all.map(\.id).sorted() {
            let (before, after) = (base.severity(for: rule), head.severity(for: rule))
            let everywhere = rank(after) < rank(before)
            if everywhere { out.append(RuleRelaxation(rule: rule, files: nil, before: before, after: after)) }
            // Files an override relaxes beyond what the change does to the rule everywhere.
            var some: [RuleRelaxation] = []
            for file in files.sorted() {
                let (was, now) = (base.severity(for: rule, file: file), head.severity(for: rule, file: file))
                guard rank(now) < rank(was), !(everywhere && was == before && now == after) else { continue }
                if let index = some.firstIndex(where: { $0.before == was && $0.after == now }) {
                    some[index].files?.append(file)
                } else {
                    some.append(RuleRelaxation(rule: rule, files: [file], before: was, after: now))
                }
            }
            // A pattern is judged as a path of its own (its wildcards match themselves): what a
            // file to come there would get, where no relaxed file already shows it.
            // Only the patterns of overrides that set this rule (on either side) can be what relaxed it.
            let shown = some.flatMap { $0.files ?? [] }
            var unseen: [RuleRelaxation] = []
            let patterns = Set((base.overrides + head.overrides).filter { $0.severities.keys.contains(rule) }.flatMap(\.paths)).sorted()
            for pattern in patterns where !shown.contains(where: { Configuration.pathPattern(pattern, matches: $0) }) {
                let file = sampleFile(of: pattern)
                let (was, now) = (base.severity(for: rule, file: file), head.severity(for: rule, file: file))
                guard rank(now) < rank(was), !(everywhere && was == before && now == after) else { continue }
                if let index = unseen.firstIndex(where: { $0.before == was && $0.after == now }) {
                    unseen[index].paths?.append(pattern)
                } else {
                    unseen.append(RuleRelaxation(rule: rule, files: nil, paths: [pattern], before: was, after: now))
                }
            }
            out += some + unseen
        }
        return out
    }

    /// A playbook file a pattern matches, to judge what a file to come there would get: its
    /// wildcards spelt `x`, and a file below it where it names a folder (`playbooks/archive`).
    static func sampleFile(of pattern: String) -> String {
        let spelt = pattern.replacingOccurrences(of: "**", with: "x").replacingOccurrences(of: "*", with: "x")
            .replacingOccurrences(of: "?", with: "x")
        let below = (spelt.hasSuffix("/") ? spelt : spelt + "/") + "x.yml"
        if Configuration.pathPattern(pattern, matches: below) { return below }
        return Configuration.pathPattern(pattern, matches: spelt) ? spelt : pattern
    }
}

/// A rule option (`rules: {overlap-duplicate: {threshold_percent: 90}}`) the change's
/// `.playbook.yml` sets to another value than the base's: a threshold raised far enough silences
/// a rule as surely as `off` does, so the review names every such change, either way.
public struct RuleOptionChange: Sendable, Hashable {
    public var rule: String
    public var option: String
    /// The value in effect at the base and at the head (the option's default where unset).
    public var before: Double
    public var after: Double

    /// `overlap-duplicate threshold_percent: 40 → 90`.
    public var summary: String { "\(rule) \(option): \(Self.number(before)) → \(Self.number(after))" }

    /// A whole number without a decimal point, others as written shortest.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// The options whose value in effect differs between `base` and `head`, by rule and option name.
    public static func between(base: Configuration, head: Configuration) -> [RuleOptionChange] {
        var out: [RuleOptionChange] = []
        for rule in RuleCatalog.all.sorted(by: { $0.id < $1.id }) {
            for option in rule.options.sorted(by: { $0.name < $1.name }) {
                let before = base.options[rule.id]?[option.name] ?? option.defaultValue
                let after = head.options[rule.id]?[option.name] ?? option.defaultValue
                if before != after { out.append(RuleOptionChange(rule: rule.id, option: option.name, before: before, after: after)) }
            }
        }
        return out
    }
}

/// A setting of `.playbook.yml` outside `rules:` that the change sets to another value than the
/// base's: the playbook's folders (`roots:`, which take files out of the playbook or bring them in), the `overlaps:` gate (`overlaps.review: note` lets every unacknowledged collision
/// through) and the `limits:` (a raised `limits.max_file_bytes` lets larger files be read). Like
/// a rule option, each is named either way, since both decide what the change's findings are.
public struct SettingChange: Sendable, Hashable {
    /// `roots`, `overlaps.staged`, `overlaps.review`, `limits.max_file_bytes`, `limits.max_depth` or `limits.max_alias_nodes`.
    public var setting: String
    /// The value in effect at the base and at the head (the default where unset): `rule`, `note`,
    /// `warning` or `error` for the gate, a whole number for a limit, `[playbooks, teams]` for the folders.
    public var before: String
    public var after: String

    /// `overlaps.review: rule → note`.
    public var summary: String { "\(setting): \(before) → \(after)" }

    /// The gate's value as `.playbook.yml` writes it (`rule` keeps each rule's own severity).
    public static func gate(_ severity: Severity?) -> String { severity?.rawValue ?? "rule" }

    /// The settings whose value in effect differs between `base` and `head`, folders first, then the gate.
    public static func between(base: Configuration, head: Configuration) -> [SettingChange] {
        let values: [(String, (Configuration) -> String)] = [
            ("roots", { "[" + $0.roots.joined(separator: ", ") + "]" }),
            ("overlaps.staged", { gate($0.overlapGate.staged) }),
            ("overlaps.review", { gate($0.overlapGate.review) }),
            ("limits.max_file_bytes", { String($0.limits.maxBytes) }),
            ("limits.max_depth", { String($0.limits.maxDepth) }),
            ("limits.max_alias_nodes", { String($0.limits.maxAliasExpansion) }),
        ]
        return values.compactMap { setting, value in
            let (before, after) = (value(base), value(head))
            return before == after ? nil : SettingChange(setting: setting, before: before, after: after)
        }
    }
}
