/// How much a finding matters. Errors fail the run (exit code 1); warnings and notes do not.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case note, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        a.rank < b.rank
    }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}

/// One problem reported to the user, located in a file.
public struct Finding: Sendable, Hashable {
    /// Path relative to the repository root, with `/` separators.
    public var file: String
    public var line: Int
    public var column: Int
    public var rule: String
    public var severity: Severity
    public var message: String
    public var entity: String?
    public var related: [String]
    /// The field the finding is about, when the rule knows it (`design.mde`, `status`).
    public var field: String?
    /// What the rule measured, where more is worse (a quarter's budget total, a count of key
    /// results); nil for most rules. Not part of the finding's identity: a review compares it.
    public var amount: Double?
    /// The base's `amount` when a review finds this finding made worse by the change (`amount`
    /// is the head's); nil otherwise, and always in `lint`.
    public var worsenedFrom: Double?
    /// How far `amount` is over the rule's limit (`Diagnostic.excess`); nil where the rule measures nothing.
    public var excess: Double?

    public init(file: String, line: Int, column: Int, rule: String, severity: Severity, message: String,
                entity: String? = nil, related: [String] = [], field: String? = nil, amount: Double? = nil, excess: Double? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
        self.severity = severity
        self.message = message
        self.entity = entity
        self.related = related
        self.field = field
        self.amount = amount
        self.excess = excess
    }

    /// Findings are shown by file, then position, then rule.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        // (file, line, column, rule, message) in order, compared field by field without copying them.
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}

/// The outcome of one lint run.
public struct LintReport: Sendable {
    public var findings: [Finding]
    /// Files whose findings the report covers (every file read, unless paths were named).
    public var files: Int
    /// Every file read, when paths were named and the others were read for their references; nil when
    /// the report covers every file read.
    public var filesRead: Int?
    /// Entities decoded: of every file read, not only the covered ones.
    public var entities: Int
    /// The files whose findings the report covers, sorted.
    public var lintedFiles: [String]
    /// What duplicates were compared with (the model's name, or `lexical`: by words) and, when by words
    /// though the model was wanted, why; nil when the caller does not say (then not rendered).
    public var engine: (name: String, note: String?)?
    /// The hypotheses and experiments compared for duplicates whose texts do not read as English
    /// (`OverlapFinder.notEnglish`): looked for by words alone, and the run says so.
    public var notEnglish: [String] = []

    public init(findings: [Finding], files: Int, entities: Int, lintedFiles: [String] = [], filesRead: Int? = nil) {
        self.findings = findings
        self.files = files
        self.filesRead = filesRead
        self.entities = entities
        self.lintedFiles = lintedFiles
    }

    public var errors: Int { count(of: .error) }
    public var warnings: Int { count(of: .warning) }

    /// The findings of one severity, read in place: through `count(where:)` each finding was copied into the
    /// closure (a retain and a release of each of its fields; tens of thousands of findings, counted several times a run).
    private func count(of severity: Severity) -> Int {
        var count = 0
        for index in findings.indices where findings[index].severity == severity { count += 1 }
        return count
    }

    /// Overlaps a council has acknowledged, counted once per pair.
    public var acknowledgedOverlaps: Int {
        // Through the places: filtered whole, each of the tens of thousands of findings was copied
        // (a retain of each of its fields) to be asked its rule.
        var pairs = Set<[String]>()
        for index in findings.indices where findings[index].rule == OverlapAcknowledged.descriptor.id {
            pairs.insert(([findings[index].entity ?? ""] + findings[index].related).sorted())
        }
        return pairs.count
    }

    /// The notes `acknowledgedOverlaps` counts as pairs: one per side and rule (a pair that both collides
    /// and duplicates is four), what `--verbose` lists.
    public var acknowledgedOverlapNotes: Int {
        var count = 0
        for index in findings.indices where findings[index].rule == OverlapAcknowledged.descriptor.id { count += 1 }
        return count
    }

    /// The report a commit's author reads (`lint --staged`): every error, wherever it is (a change can
    /// break an unchanged file's reference), every finding in the `changed` files, and elsewhere every
    /// warning and note `before` (the commit's parent, linted alike) did not have, as many as it had of each key: by rule, file, entity,
    /// related entities and severity, not by wording (a score in a message moves with any text). Returns how
    /// many were left out; without any, the findings are shared, not copied.
    public func scoped(toChanged changed: Set<String>, before: LintReport)
        -> (report: LintReport, leftOutWarnings: Int, leftOutNotes: Int) {
        scoped(toChanged: changed, known: before.scopeKeys)
    }

    /// What `scoped` compares a finding by: rule, file, entity, related entities (sorted) and severity.
    /// `amount`: how far over its limit the rule measured it (`excess`: a budget total less the cap, so a cap lowered under
    /// an unchanged total is the commit's), else what it measured, as written back exactly (`Double.description`; "" where it measures
    /// nothing), so a finding HEAD had that the commit makes worse (a budget further over its cap, by an
    /// experiment that itself gets no finding) is not taken for the one HEAD had (review70b).
    public struct ScopeKey: Hashable, Sendable {
        public var rule: String, file: String, entity: String?, related: [String], severity: String, amount: String
        public init(_ finding: Finding) {
            (rule, file, entity, related, severity) = (finding.rule, finding.file, finding.entity, finding.related.sorted(), finding.severity.rawValue)
            amount = (finding.excess ?? finding.amount)?.description ?? ""
        }

        public init(rule: String, file: String, entity: String?, related: [String], severity: String, amount: String = "") {
            (self.rule, self.file, self.entity, self.related, self.severity, self.amount) = (rule, file, entity, related, severity, amount)
        }
    }

    /// The keys of this report's findings, each with how many findings have it: what a later `scoped` (its warnings
    /// and notes) and `errors(outside:before:)` (its errors) need of it (kept between runs). Counted, not a set: two
    /// findings can share a key (an experiment naming one missing id in two fields), and a commit that adds the second
    /// has not only what its parent had (small72).
    public var scopeKeys: [ScopeKey: Int] {
        var counts: [ScopeKey: Int] = [:]
        for finding in findings { counts[ScopeKey(finding), default: 0] += 1 }
        return counts
    }

    /// `scoped(toChanged:before:)` with the parent's warnings and notes given by their keys (and how many had each).
    public func scoped(toChanged changed: Set<String>, known: [ScopeKey: Int])
        -> (report: LintReport, leftOutWarnings: Int, leftOutNotes: Int) {
        // Acknowledged overlaps are kept: the summary counts them as such (and text leaves them out anyway).
        let acknowledged = OverlapAcknowledged.descriptor.id
        var remaining = known
        var leftOut = [Bool](repeating: false, count: findings.count)
        var warnings = 0
        var notes = 0
        for index in findings.indices {
            let finding = findings[index]
            guard finding.severity != .error, finding.rule != acknowledged, !changed.contains(finding.file),
                  Self.take(finding, from: &remaining) else { continue }
            leftOut[index] = true
            if finding.severity == .warning { warnings += 1 } else { notes += 1 }
        }
        guard warnings + notes > 0 else { return (self, 0, 0) }
        var scoped = self
        scoped.findings = findings.indices.filter { !leftOut[$0] }.map { findings[$0] }
        return (scoped, warnings, notes)
    }

    /// The errors in files outside `changed` that `known` (the commit's parent's keys) already had, as many as it had
    /// of each key, and their files in order: `lint --staged` lists them (errors block a commit wherever they are), and
    /// its summary says the commit neither made them nor changes their files (one committed with `--no-verify` would
    /// otherwise look like the next author's). An error the commit makes in an unchanged file (a reference it breaks,
    /// a second error with a key the parent had once) is its own.
    public func errors(outside changed: Set<String>, before known: [ScopeKey: Int]) -> (count: Int, files: [String]) {
        var remaining = known
        var count = 0
        var files: [String] = []
        var seen: Set<String> = []
        for finding in findings where finding.severity == .error && !changed.contains(finding.file) {
            guard Self.take(finding, from: &remaining) else { continue }
            count += 1
            if seen.insert(finding.file).inserted { files.append(finding.file) }
        }
        return (count, files)
    }

    /// Takes one of `finding`'s key from `remaining` (the parent's): the same key, else, for a rule that measures
    /// an amount where more is worse (a quarter's budget total), the same key with an amount at least as large: a
    /// commit that brings an over-cap total down is not refused for the total HEAD already had above it (review,
    /// 2026-12-05), one that raises it is (review70b). Whether one was there to take.
    private static func take(_ finding: Finding, from remaining: inout [ScopeKey: Int]) -> Bool {
        let key = ScopeKey(finding)
        if let left = remaining[key], left > 0 {
            remaining[key] = left - 1
            return true
        }
        guard let amount = finding.excess ?? finding.amount else { return false }
        let larger = remaining.keys.filter { known in
            guard let was = Double(known.amount), was >= amount, remaining[known, default: 0] > 0 else { return false }
            var same = known
            same.amount = key.amount
            return same == key
        }
        // The closest amount first, and among equals the first in order, so the same keys take the same one.
        guard let taken = larger.min(by: { (Double($0.amount) ?? 0, $0.amount) < (Double($1.amount) ?? 0, $1.amount) }) else { return false }
        remaining[taken, default: 1] -= 1
        return true
    }

    /// Whether an error is in a file outside `changed`: the parent's keys then tell whether it was there before.
    public func hasErrors(outside changed: Set<String>) -> Bool {
        findings.contains { $0.severity == .error && !changed.contains($0.file) }
    }

    /// Whether `scoped(toChanged:before:)` could leave anything out: a warning or note outside `changed`.
    public func hasFindings(outside changed: Set<String>) -> Bool {
        findings.contains { $0.severity != .error && $0.rule != OverlapAcknowledged.descriptor.id && !changed.contains($0.file) }
    }

    /// The report without acknowledged overlaps: reviewed work stays quiet on every unrelated commit.
    public func withoutAcknowledgedOverlaps() -> LintReport {
        // Without any, the findings are shared, not copied (tens of thousands of them).
        // (Through the places: handed to the closure, each finding was copied, a retain of each of its fields.)
        guard findings.indices.contains(where: { findings[$0].rule == OverlapAcknowledged.descriptor.id }) else { return self }
        var quiet = self
        quiet.findings.removeAll { $0.rule == OverlapAcknowledged.descriptor.id }
        return quiet
    }
}
