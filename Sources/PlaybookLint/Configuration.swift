import PlaybookModel
import PlaybookYAML

/// A problem in `.playbook.yml`: the tool cannot run (exit code 2).
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var mark: Mark
    public var message: String

    public init(file: String, mark: Mark, message: String) {
        self.file = file
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(file):\(mark.line):\(mark.column): \(message)" }
}

/// A default root that cannot be used (no configuration line to point at): exit code 2.
public struct RootError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Repository-wide settings from `.playbook.yml`; a missing file means these defaults.
public struct Configuration: Sendable {
    public static let fileName = ".playbook.yml"

    /// Folders (relative to the repository root) whose `*.yml` / `*.yaml` files are linted.
    public var roots: [String] = ["playbooks"]
    /// Where each of `roots` is written in the configuration file (empty for the default), so a
    /// root that is missing, a file or a symbolic link is reported at its line.
    public var rootMarks: [Mark] = []
    /// The configuration file as shown in messages; nil for the defaults.
    public var file: String?
    /// Severity per rule id where the configuration overrides the default; nil turns a rule off.
    public var severities: [String: Severity?] = [:]
    /// Option values per rule id, where the configuration sets them.
    public var options: [String: [String: Double]] = [:]
    /// Severities that apply only to some paths; later overrides win.
    public var overrides: [Override] = []
    /// Bounds for reading YAML.
    public var limits: Limits = .standard
    /// How unacknowledged overlaps with other squads' work count under `lint --staged` and `review`.
    public var overlapGate = OverlapGate()
    /// How reports judge a key result's progress against the time elapsed (`reports:`).
    public var keyResultStatus = KeyResultStatusThresholds()

    /// Rule severities for the files matching any of `paths`.
    public struct Override: Sendable {
        public var paths: [String]
        public var severities: [String: Severity?]
        /// Where each of `paths` is written in the configuration file (empty when built in code).
        public var pathMarks: [Mark] = []
        var globs: [Glob] { paths.map(Glob.init) }
    }

    public init() {}

    /// A problem with root `index` (missing, a file, a symbolic link), located at its line of the
    /// configuration when it was configured there.
    public func rootError(_ index: Int, _ message: String) -> any Error {
        if let file, index < rootMarks.count {
            return ConfigurationError(file: file, mark: rootMarks[index], message: message)
        }
        return RootError(description: message)
    }

    /// The severity a rule's findings get, or nil when the rule is off.
    public func severity(for rule: String) -> Severity? {
        if let configured = severities[rule] { return configured }
        return RuleCatalog.rule(rule)?.severity ?? .error
    }

    /// Whether an `overrides:` path pattern matches `path` (as the overrides match files).
    public static func pathPattern(_ pattern: String, matches path: String) -> Bool { Glob(pattern).matches(path) }

    /// The severity a rule's findings get in one file, overrides included.
    public func severity(for rule: String, file: String) -> Severity? {
        for override in overrides.reversed() {
            if let configured = override.severities[rule], override.globs.contains(where: { $0.matches(file) }) {
                return configured
            }
        }
        return severity(for: rule)
    }

    /// Reads a configuration file; every mistake is a located `ConfigurationError`.
    ///
    /// ```yaml
    /// roots: [playbooks]
    /// rules:
    ///   schema-unknown-key: warning
    ///   reference-unresolved: off
    ///   okr-key-results: {severity: warning, max: 5}
    /// overrides:
    ///   - paths: ["playbooks/archive/**"]
    ///     rules: {experiment-power: off}
    /// overlaps:
    ///   staged: warning     # lint --staged (the pre-commit hook)
    ///   review: rule        # lint and review: each rule's own severity
    /// reports:             # a key result's status: progress against the time elapsed
    ///   on_track: 0.9      # progress ≥ 0.9 × elapsed fraction of the quarter
    ///   at_risk: 0.6       # progress ≥ 0.6 × elapsed; below that, off track
    /// limits:                     # hard ceilings: 67108864, 256, 1000000
    ///   max_file_bytes: 8388608
    ///   max_depth: 128
    ///   max_alias_nodes: 100000
    /// ```
    public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError) -> Configuration {
        let loaded = YAMLLoader.load(bytes)
        if let problem = loaded.problems.first {
            throw ConfigurationError(file: file, mark: problem.mark, message: problem.message)
        }
        var configuration = Configuration()
        configuration.file = file
        guard let root = loaded.documents.first?.root else { return configuration }
        if loaded.documents.count > 1 {
            throw ConfigurationError(file: file, mark: loaded.documents[1].start, message: "the configuration must be a single YAML document")
        }
        let pairs = try mapping(root, "the configuration", file: file)
        for pair in pairs {
            let key = try scalar(pair.key, "a key", file: file)
            switch key {
            case "roots":
                (configuration.roots, configuration.rootMarks) = try roots(pair.value, file: file)
            case "rules":
                let (severities, options) = try rules(pair.value, file: file, allowOptions: true)
                configuration.severities = severities
                configuration.options = options
            case "overrides":
                configuration.overrides = try overrides(pair.value, file: file)
            case "limits":
                configuration.limits = try limits(pair.value, file: file)
            case "overlaps":
                configuration.overlapGate = try overlapGate(pair.value, file: file)
            case "reports":
                configuration.keyResultStatus = try reports(pair.value, file: file)
            default:
                let hint = Suggestion.phrase(Suggestion.closest(to: key, in: ["roots", "rules", "overrides", "limits", "overlaps", "reports"]))
                throw ConfigurationError(file: file, mark: pair.key.mark, message: "unknown key \"\(key)\" in the configuration\(hint)")
            }
        }
        return configuration
    }

    private static func rules(_ node: Node, file: String, allowOptions: Bool) throws(ConfigurationError)
        -> (severities: [String: Severity?], options: [String: [String: Double]]) {
        var severities: [String: Severity?] = [:]
        var options: [String: [String: Double]] = [:]
        for entry in try mapping(node, "\"rules\"", file: file) {
            let id = try scalar(entry.key, "a rule id", file: file)
            guard let rule = RuleCatalog.rule(id) else {
                let hint = Suggestion.phrase(Suggestion.closest(to: id, in: RuleCatalog.all.map(\.id)))
                throw ConfigurationError(file: file, mark: entry.key.mark, message: "unknown rule \"\(id)\"\(hint) (`playbook rules` lists them)")
            }
            guard case .mapping(let settings) = entry.value.value else {
                severities[id] = try severity(entry.value, file: file)
                continue
            }
            for setting in settings {
                let name = try scalar(setting.key, "a setting", file: file)
                if name == "severity" {
                    severities[id] = try severity(setting.value, file: file)
                    continue
                }
                guard allowOptions, let option = rule.options.first(where: { $0.name == name }) else {
                    let known = ["severity"] + (allowOptions ? rule.options.map(\.name) : [])
                    let aside = takes(known.joined(separator: ", "), suggesting: Suggestion.closest(to: name, in: known))
                    throw ConfigurationError(file: file, mark: setting.key.mark, message: "rule \(id) has no setting \"\(name)\"\(aside)")
                }
                let text = try scalar(setting.value, option.isSwitch ? "true or false" : "a number", file: file)
                if option.isSwitch, case .scalar(let word, .plain) = setting.value.value, word == "true" || word == "false" {
                    options[id, default: [:]][name] = word == "true" ? 1 : 0
                    continue
                }
                guard let value = wholeNumber(setting.value), option.range.contains(value) else {
                    let wanted = option.isSwitch ? "true or false"
                        : "a whole number from \(option.range.lowerBound) to \(option.range.upperBound)"
                    throw ConfigurationError(
                        file: file, mark: setting.value.mark,
                        message: "\"\(id).\(name)\" must be \(wanted), found \(found(setting.value, text))")
                }
                options[id, default: [:]][name] = Double(value)
            }
        }
        return (severities, options)
    }

    private static func overrides(_ node: Node, file: String) throws(ConfigurationError) -> [Override] {
        guard case .sequence(let items) = node.value else {
            throw ConfigurationError(file: file, mark: node.mark, message: "\"overrides\" must be a list of {paths: [...], rules: {...}}")
        }
        var result: [Override] = []
        for item in items {
            var paths: [String]?
            var severities: [String: Severity?]?
            var marks: [Mark] = []
            for pair in try mapping(item, "an override", file: file) {
                switch try scalar(pair.key, "a key", file: file) {
                case "paths":
                    guard case .sequence(let patterns) = pair.value.value, !patterns.isEmpty else {
                        throw ConfigurationError(file: file, mark: pair.value.mark, message: "\"paths\" must be a non-empty list of path patterns such as playbooks/archive/**")
                    }
                    var list: [String] = []
                    for pattern in patterns { list.append(try pathPattern(pattern, file: file)) }
                    paths = list
                    marks = patterns.map(\.mark)
                case "rules":
                    severities = try rules(pair.value, file: file, allowOptions: false).severities
                default:
                    throw ConfigurationError(file: file, mark: pair.key.mark, message: "an override takes \"paths\" and \"rules\" only")
                }
            }
            guard let paths, let severities else {
                throw ConfigurationError(file: file, mark: item.mark, message: "an override needs both \"paths\" and \"rules\"")
            }
            result.append(Override(paths: paths, severities: severities, pathMarks: marks))
        }
        return result
    }

    private static func roots(_ node: Node, file: String) throws(ConfigurationError) -> ([String], [Mark]) {
        guard case .sequence(let items) = node.value, !items.isEmpty else {
            throw ConfigurationError(file: file, mark: node.mark, message: "\"roots\" must be a non-empty list of folders, such as [playbooks]")
        }
        var roots: [String] = []
        var marks: [Mark] = []
        for item in items {
            let root = try scalar(item, "a root folder", file: file)
            // Split on the byte `/`, as the file system does (`PathSpelling`): `..` hides from no check.
            let parts = PathSpelling.components(root).filter { !PathSpelling.isCurrent($0) }
            let trimmed = parts.joined(separator: "/")
            if PathSpelling.isAbsolute(root) || parts.contains(where: PathSpelling.isParent) {
                throw ConfigurationError(file: file, mark: item.mark, message: "root \"\(root)\" must be a folder inside the repository, written relative to its top")
            }
            roots.append(trimmed.isEmpty ? "." : trimmed)
            marks.append(item.mark)
        }
        return (roots, marks)
    }

    private static func severity(_ node: Node, file: String) throws(ConfigurationError) -> Severity? {
        let text = try scalar(node, "a severity", file: file)
        switch text {
        case "off", "false": return nil
        case "warning": return .warning
        case "error": return .error
        case "note": return .note
        default:
            throw ConfigurationError(file: file, mark: node.mark, message: "a rule's severity must be off, note, warning or error; found \"\(text)\"")
        }
    }

    private static func overlapGate(_ node: Node, file: String) throws(ConfigurationError) -> OverlapGate {
        var gate = OverlapGate()
        for pair in try mapping(node, "\"overlaps\"", file: file) {
            let key = try scalar(pair.key, "a key", file: file)
            let text = try scalar(pair.value, "a severity", file: file)
            let severity: Severity?
            switch text {
            case "rule": severity = nil
            case "note": severity = .note
            case "warning": severity = .warning
            case "error": severity = .error
            default:
                throw ConfigurationError(file: file, mark: pair.value.mark, message: "\"overlaps.\(key)\" must be note, warning, error or rule (the rule's own severity); found \"\(text)\"")
            }
            switch key {
            case "staged": gate.staged = severity
            case "review": gate.review = severity
            default:
                let aside = takes("staged, for lint --staged, and review, for lint and review", suggesting: Suggestion.closest(to: key, in: ["staged", "review"]))
                throw ConfigurationError(file: file, mark: pair.key.mark, message: "unknown key \"overlaps.\(key)\"\(aside)")
            }
        }
        return gate
    }

    /// What a key or setting takes, after the one written wrong, with the closest as a question:
    /// ` (did you mean "max"? it takes severity, max)`.
    static func takes(_ known: String, suggesting suggestion: String?) -> String {
        " (" + (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "it takes \(known))"
    }

    private static func reports(_ node: Node, file: String) throws(ConfigurationError) -> KeyResultStatusThresholds {
        var thresholds = KeyResultStatusThresholds()
        var atRiskMark: Mark?
        for pair in try mapping(node, "\"reports\"", file: file) {
            let key = try scalar(pair.key, "a key", file: file)
            guard key == "on_track" || key == "at_risk" else {
                let aside = takes("on_track and at_risk", suggesting: Suggestion.closest(to: key, in: ["on_track", "at_risk"]))
                throw ConfigurationError(file: file, mark: pair.key.mark, message: "unknown key \"reports.\(Inert.terminal(key))\"\(aside)")
            }
            let text = try scalar(pair.value, "a number", file: file)
            guard case .scalar(_, .plain) = pair.value.value, let value = Double(text), value.isFinite, value >= 0, value <= 2 else {
                throw ConfigurationError(
                    file: file, mark: pair.value.mark,
                    message: "\"reports.\(key)\" must be a number from 0 to 2 (a share of the time elapsed, such as 0.9), found \(found(pair.value, Inert.terminal(text)))")
            }
            if key == "on_track" { thresholds.onTrack = value } else { thresholds.atRisk = value; atRiskMark = pair.value.mark }
        }
        if thresholds.atRisk > thresholds.onTrack {
            throw ConfigurationError(file: file, mark: atRiskMark ?? node.mark,
                                     message: "\"reports.at_risk\" (\(thresholds.atRisk)) must not exceed \"reports.on_track\" (\(thresholds.onTrack))")
        }
        return thresholds
    }

    /// Each limit must lie between 1 and its hard ceiling (`Limits.ceiling`); a value past the
    /// ceiling is a configuration error at its line rather than silently lowered, so what the
    /// file says is what runs.
    private static func limits(_ node: Node, file: String) throws(ConfigurationError) -> Limits {
        var limits = Limits.standard
        let ceiling = Limits.ceiling
        let ceilings = [("max_file_bytes", ceiling.maxBytes), ("max_depth", ceiling.maxDepth), ("max_alias_nodes", ceiling.maxAliasExpansion)]
        for pair in try mapping(node, "\"limits\"", file: file) {
            let key = try scalar(pair.key, "a key", file: file)
            guard let highest = ceilings.first(where: { $0.0 == key })?.1 else {
                let hint = Suggestion.phrase(Suggestion.closest(to: key, in: ceilings.map { $0.0 }))
                throw ConfigurationError(file: file, mark: pair.key.mark, message: "unknown key \"limits.\(Inert.terminal(key))\"\(hint)")
            }
            let text = try scalar(pair.value, "a number", file: file)
            guard let value = wholeNumber(pair.value), (1...highest).contains(value) else {
                throw ConfigurationError(
                    file: file, mark: pair.value.mark,
                    message: "\"limits.\(key)\" must be a whole number from 1 to \(highest) (its hard ceiling), found \(found(pair.value, Inert.terminal(text)))")
            }
            switch key {
            case "max_file_bytes": limits.maxBytes = value
            case "max_depth": limits.maxDepth = value
            default: limits.maxAliasExpansion = value
            }
        }
        return limits
    }

    private static func mapping(_ node: Node, _ what: String, file: String) throws(ConfigurationError) -> [Pair] {
        guard case .mapping(let pairs) = node.value else {
            throw ConfigurationError(file: file, mark: node.mark, message: "\(what) must be a mapping of keys to values")
        }
        return pairs
    }

    /// A whole number written as one (plain, unquoted): a quoted "0" is a string here as it is in
    /// the playbook files (`current: "47000"` is refused there), as `2.5` is no whole number.
    private static func wholeNumber(_ node: Node) -> Int? {
        guard case .scalar(let text, .plain) = node.value else { return nil }
        return Int(text)
    }

    /// What a refused number was, as the messages say it: `"2.5"`, or `the string "0"` when quoted.
    private static func found(_ node: Node, _ text: String) -> String {
        if case .scalar(_, let style) = node.value, style != .plain { return "the string \"\(text)\" (write the number without quotes)" }
        return "\"\(text)\""
    }

    /// A path pattern playbook's overrides can match with: `*`, `?` and `**` are its wildcards;
    /// the brackets and braces of other glob syntaxes would match only themselves, silently.
    private static func pathPattern(_ node: Node, file: String) throws(ConfigurationError) -> String {
        let pattern = try scalar(node, "a path pattern", file: file)
        if pattern.isEmpty {
            throw ConfigurationError(file: file, mark: node.mark, message: "a path pattern is empty; write one such as playbooks/archive/**")
        }
        if let odd = pattern.first(where: { "[]{}".contains($0) }) {
            throw ConfigurationError(
                file: file, mark: node.mark,
                message: "the path pattern \"\(Inert.terminal(pattern))\" holds \"\(odd)\": patterns take * (within a folder name), "
                    + "? (one character) and ** (any folders), not [...] or {...}; list each path instead")
        }
        // Linted files are named relative to the repository's top, split on the byte `/`
        // (`PathSpelling`): a pattern from `/` or through `..` could never match one.
        let parts = PathSpelling.components(pattern)
        if PathSpelling.isAbsolute(pattern) || parts.contains(where: PathSpelling.isParent) {
            let relative = parts.contains(where: PathSpelling.isParent) ? "playbooks/archive/**" : parts.joined(separator: "/")
            throw ConfigurationError(
                file: file, mark: node.mark,
                message: "the path pattern \"\(Inert.terminal(pattern))\" must be inside the repository, written relative to its top "
                    + "as the linted files are named, such as \(Inert.terminal(relative))")
        }
        // `./playbooks/**` means `playbooks/**` (a `.` folder name would match no file).
        let kept = parts.filter { !PathSpelling.isCurrent($0) }
        return kept.count == parts.count ? pattern : kept.joined(separator: "/")
    }

    private static func scalar(_ node: Node, _ what: String, file: String) throws(ConfigurationError) -> String {
        guard case .scalar(let text, _) = node.value else {
            throw ConfigurationError(file: file, mark: node.mark, message: "expected \(what), found a \(node.isSequence ? "list" : "mapping")")
        }
        return text
    }
}

extension Node {
    fileprivate var isSequence: Bool {
        if case .sequence = value { return true }
        return false
    }
}
