import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel

/// One entity's change between the merge base and the head.
public struct EntityDelta: Sendable, Hashable {
    public enum Change: String, Sendable, Hashable {
        /// `renamed`: the entity under a new id (`renamedFrom`), its other fields as for `changed`.
        case added, changed, renamed, removed
    }

    public var id: String
    public var kind: String
    public var change: Change
    /// Its file at the head (at the base, when removed).
    public var path: String
    /// Field by field, base value → head value (nil where absent).
    public var fields: [FieldChange]
    /// The id the base had, for a `renamed` entity.
    public var renamedFrom: String?
}

/// What `playbook review` found: the change's entities and every finding about it.
public struct ReviewReport: Sendable {
    public var base: ObjectID
    public var head: ObjectID
    public var mergeBase: ObjectID?
    public var commits: Int
    public var deltas: [EntityDelta]
    /// The change's new findings: lint of the merged playbook (overlaps included) that the base
    /// does not have, or has with a smaller measured amount (made worse), then the history rules.
    public var findings: [Finding]
    /// Findings in the changed files that the base already had: listed, never failing the review;
    /// an overlap once per pair, as among the new findings.
    public var existing: [Finding]
    /// Findings the base had (in any file, at the base's file and line) that the change leaves none of
    /// the same identity of: credited, never counted. A finding only made less bad is not among them.
    public var fixed: [Finding] = []
    /// The playbook files the change adds or changes (those it holds); the findings' files.
    public var changedFiles: [String]
    /// The base's playbook files the change removes (a rename's old path among them).
    public var removedFiles: [String] = []
    /// The head asked for, when it was GitHub's test merge: `head` is its PR head.
    public var testMerge: ObjectID?
    /// Rules the change's `.playbook.yml` turns off or lowers against the base's.
    public var relaxedRules: [RuleRelaxation] = []
    /// Rule options the change's `.playbook.yml` sets to another value than the base's.
    public var changedOptions: [RuleOptionChange] = []
    /// `overlaps:` gate and `limits:` settings the change's `.playbook.yml` sets to another value than the base's.
    public var changedSettings: [SettingChange] = []

    /// Errors among the change's new findings (existing ones do not count).
    public var errors: Int { findings.count(where: { $0.severity == .error }) }
    public var warnings: Int { findings.count(where: { $0.severity == .warning }) }

    /// Every file the change touches (added, changed or removed; a rename is its two paths), sorted:
    /// what the summaries count in every format.
    public var touchedFiles: [String] { Array(Set(changedFiles).union(removedFiles)).sorted() }

    /// The findings as a lint report, for the formats lint already speaks.
    public var lintReport: LintReport {
        LintReport(findings: findings, files: touchedFiles.count, entities: deltas.count, lintedFiles: changedFiles)
    }
}

/// Everything a review reads, gathered by the caller from git.
public struct ReviewInput: Sendable {
    public var base: ObjectID
    public var head: ObjectID
    public var mergeBase: ObjectID?
    /// The playbook files as they will be once merged (the head, plus the base's later changes
    /// to files the change leaves alone).
    public var headFiles: [SourceFile]
    /// The playbook files at the base's tip: findings already there are not the change's.
    public var baseFiles: [SourceFile]
    /// The playbook files that differ between the merge base and the head.
    public var changedFiles: [String]
    /// The base's playbook files the change removes (they are in `baseFiles`, not in `headFiles`).
    public var removedFiles: [String] = []
    /// The commits of the change (`mergeBase..head`).
    public var commits: Set<ObjectID>
    /// The history up to the head.
    public var history: History
    /// `headFiles` and `changedFiles` are the clean merge of the head into the base (not the
    /// head plus the base's changes to files the change leaves alone): the history rules judge
    /// what that merge brings to the base too.
    public var judgedOnMerge = false
    /// The head asked for, when it was GitHub's test merge of the change into the base: `head`
    /// is then its PR head (the merge's second parent), the change judged.
    public var testMerge: ObjectID?
    /// The head's bytes of the files the merge holds otherwise (the base's changes merged in):
    /// findings in them are given the head's line numbers, as the PR's checkout and GitHub show them.
    public var headVersions: [String: [UInt8]] = [:]
    /// The settings the playbook is judged by once merged, when the reader took them from git.
    public var configuration: Configuration?
    /// The settings the change starts from (at the merge base), when the caller read them: the
    /// rules the linter's settings turn off or lower against them are named in the report.
    public var baseConfiguration: Configuration?

    public init(base: ObjectID, head: ObjectID, mergeBase: ObjectID?, headFiles: [SourceFile], baseFiles: [SourceFile],
                changedFiles: [String], commits: Set<ObjectID>, history: History) {
        self.base = base
        self.head = head
        self.mergeBase = mergeBase
        self.headFiles = headFiles
        self.baseFiles = baseFiles
        self.changedFiles = changedFiles
        self.commits = commits
        self.history = history
    }
}

public enum Reviewer {
    public static func review(_ input: ReviewInput, linter: Linter) -> ReviewReport {
        // Apart: review pairs renames itself, across the change's commits.
        let timelines = Timelines(input.history, followingRenames: false)
        // Once merged, the change is what the merge brings to the base's tip; else the net of its commits.
        let (baseEntities, mergedEntities) = input.judgedOnMerge ? PlacedEntities.differing(input.baseFiles, input.headFiles) : (nil, nil)
        let listed = if let baseEntities, let mergedEntities {
            netDeltas(from: baseEntities, to: mergedEntities)
        } else {
            deltas(input.history, range: input.commits, timelines: timelines)
        }
        // An id renamed is one entity: its base findings are matched under the new id.
        let (paired, pairedRenames) = EntityRenames.paired(listed) { kind, path, atBase in
            guard let file = (atBase ? input.baseFiles : input.headFiles).first(where: { $0.path == path }) else { return nil }
            guard case .bytes(let bytes) = file.content, let entities = FileEntities.read(bytes) else { return 0 }
            return entities.count(where: { $0.kind == kind })
        }
        // Two ids swapped are two entities renamed, not two changed into each other.
        let atBase = baseEntities.map { Dictionary($0.all.map { ($0.entity.id, $0.entity.state) }, uniquingKeysWith: { a, _ in a }) }
        let atMerge = mergedEntities.map { Dictionary($0.all.map { ($0.entity.id, $0.entity.state) }, uniquingKeysWith: { a, _ in a }) }
        // The change's swaps are its commits' (`IDsTakenOver.find`) composed, not base and head matched again.
        let takenOver = IDsTakenOver.find(timelines, range: input.commits)
        let given = IDsTakenOver.given(timelines, range: input.commits)
        // Each commit's place in the walk: what the commits do is composed in this order, never by committer time.
        let order = Dictionary(input.history.records.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let (deltas, composed) = IDsTakenOver.swapped(paired, renames: pairedRenames,
                                                      origins: IDsTakenOver.origins(takenOver, given: given, renames: EntityRenames.moves(timelines, range: input.commits),
                                                                                    order: order)) { id in
            guard let atBase, let atMerge else { return IDsTakenOver.ends(of: timelines[id], range: input.commits) }
            return (atBase[id], atMerge[id])
        }
        let renames = composed.sorted { ($0.kind, $0.to) < ($1.kind, $1.to) }
        let newIDs = Dictionary(renames.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })
        // The renames commit by commit (a swap's own mapping applies from its commit on, in `HistoryRules`).
        let renamedIDs = Dictionary(pairedRenames.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })

        // Lint the merged playbook as a whole (one parse, which also yields its entities) so
        // references and overlaps resolve. A finding is the change's when the base does not have
        // one of the same identity (a removed squad breaks references in files the change never
        // touched, too); the base's own findings in the changed files are listed apart.
        let changed = Set(input.changedFiles)
        let (headReport, entities) = linter.lintWithEntities(input.headFiles)
        // The base's findings by identity (each with what its rule measured, where it measures); those
        // left unmatched by the head's are the ones the change fixes.
        // A file moved with its content carries the base's findings of no entity along.
        let moved = MovedFiles(base: input.baseFiles, head: input.headFiles, removed: input.removedFiles)
        var baseFindings: [FindingIdentity: [Finding]] = [:]
        for finding in linter.lint(input.baseFiles).findings {
            baseFindings[FindingIdentity(finding, renamed: newIDs, moved: moved.moved, written: moved.baseLine(of: finding)), default: []]
                .append(finding)
        }
        var findings: [Finding] = []
        var existing: [Finding] = []
        for finding in headReport.findings {
            let identity = FindingIdentity(finding, written: moved.headLine(of: finding))
            if var matched = baseFindings[identity], !matched.isEmpty {
                // Among several of one identity (two unknown keys), the one that reads the same, else the first.
                let was = matched.remove(at: matched.firstIndex { $0.message == finding.message } ?? 0).amount
                baseFindings[identity] = matched
                if let worse = worsened(finding, was: was) {
                    findings.append(worse)
                } else if changed.contains(finding.file) {
                    existing.append(finding)
                }
            } else {
                findings.append(Self.sayingTheRename(finding, newIDs))
            }
        }

        let byID = Dictionary(entities.map { ($0.entity.id.value, $0) }, uniquingKeysWith: { a, _ in a })
        // The ids a renamed entity had within the change: its findings under them are placed on it.
        // With the old ids the head no longer has: a finding under one is named by it and by the new id too.
        var links = HistoryRules.links(pairedRenames, timelines: timelines, range: input.commits)
        for rename in pairedRenames where byID[rename.from] == nil && links[rename.from] == nil { links[rename.from] = rename.to }
        var violations = HistoryRules.check(timelines, range: input.commits, today: linter.today, renamed: renamedIDs, now: links,
                                            takenOver: takenOver, given: given, order: order)
        if !pairedRenames.isEmpty {
            // A renamed entity is one entity across the commits: its history does not start again.
            let found = Set(violations.map { [$0.rule, $0.entity, $0.field] })
            violations += HistoryRules.checkRenamed(pairedRenames, timelines: timelines, range: input.commits, today: linter.today,
                                                   takenOver: takenOver, given: given)
                .filter { !found.contains([$0.rule, $0.entity, $0.field]) }
        }
        if let baseEntities, let mergedEntities {
            // What the merge brings to the base's tip, where the branch's own commits do not say it
            // (under any id the entity had within the change).
            let found = Set(violations.map { [$0.rule, $0.now ?? links[$0.entity] ?? $0.entity, $0.field] })
            violations += HistoryRules.checkMerged(base: baseEntities.all.map(\.entity), merged: mergedEntities.all.map(\.entity),
                                                   timelines: timelines, head: input.head, renamed: newIDs,
                                                   reused: Set(takenOver.flatMap { [$0.key] + $0.value.values })
                                                       .union(violations.filter { $0.rule == LintRuleID.historyIDReuse }.map(\.entity)),
                                                   today: linter.today)
                .filter { !found.contains([$0.rule, $0.entity, $0.field]) }
        }
        for violation in violations {
            // On the entity as the head has it: under the id it has now, when another.
            let placed = violation.now.flatMap { byID[$0] } ?? byID[violation.entity] ?? links[violation.entity].flatMap { byID[$0] }
            guard let severity = linter.configuration.severity(for: violation.rule, file: placed?.file ?? "") else { continue }
            let file: String
            let mark: (line: Int, column: Int)
            if let placed {
                var at = HistoryRules.mark(of: violation.place ?? violation.field, in: placed.entity)
                if let place = violation.place, let source = input.headFiles.first(where: { $0.path == placed.file }),
                   case .bytes(let bytes) = source.content,
                   let written = HistoryRules.writtenMark(of: place, entity: placed.entity.id.value, in: bytes, limits: linter.configuration.limits) {
                    at = written
                }
                (file, mark) = (placed.file, (at.line, at.column))
            } else {
                (file, mark) = (timelines[violation.entity]?.events.last?.path ?? "", (1, 1))
            }
            findings.append(Finding(
                file: file, line: mark.line, column: mark.column, rule: violation.rule, severity: severity,
                message: violation.message, entity: placed?.entity.id.value ?? violation.entity, related: [violation.commit.description],
                field: violation.field))
        }
        // The base's own overlaps in the changed files once per pair too, by the same choice of side.
        let touched = Set(deltas.filter { $0.change != .removed }.map(\.id))
        findings = onePerPair(findings, changed: changed, entities: touched)
        existing = onePerPair(existing, changed: changed, entities: touched)
        if !input.headVersions.isEmpty {
            let lines = HeadLines(input)
            findings = findings.map(lines.placed)
            existing = existing.map(lines.placed)
        }
        findings.sort(by: Finding.ordered)
        var report = ReviewReport(
            base: input.base, head: input.head, mergeBase: input.mergeBase, commits: input.commits.count,
            deltas: deltas, findings: findings, existing: existing.sorted(by: Finding.ordered), changedFiles: input.changedFiles)
        report.fixed = fixedFindings(baseFindings.values.flatMap { $0 }, head: headReport.findings, deltas: deltas, renamed: newIDs,
                                     present: Set(byID.keys), broken: Set(findings.filter { $0.entity == nil }.map(\.file)), changed: changed)
        report.testMerge = input.testMerge
        report.removedFiles = input.removedFiles
        if let baseConfiguration = input.baseConfiguration {
            report.relaxedRules = RuleRelaxation.between(base: baseConfiguration, head: linter.configuration,
                                                         files: input.headFiles.map(\.path))
            report.changedOptions = RuleOptionChange.between(base: baseConfiguration, head: linter.configuration)
            report.changedSettings = SettingChange.between(base: baseConfiguration, head: linter.configuration)
        }
        return report
    }

    /// A merged file's lines as the head has them, for the files the merge holds otherwise than the head.
    final class HeadLines {
        let merged: [String: [UInt8]]
        let head: [String: [UInt8]]
        var hunks: [String: [LineHunk]] = [:]

        init(_ input: ReviewInput) {
            head = input.headVersions
            var merged: [String: [UInt8]] = [:]
            for file in input.headFiles where input.headVersions[file.path] != nil {
                if case .bytes(let bytes) = file.content { merged[file.path] = bytes }
            }
            self.merged = merged
        }

        /// The finding on the head's line: a line only the merge has (the base's change) goes to
        /// the nearest line the head has there, else line 1.
        func placed(_ finding: Finding) -> Finding {
            var moved = finding
            moved.message = placed(in: finding.message)
            guard let fileHunks = hunks(of: finding.file) else { return moved }
            moved.line = LineDiff.line(finding.line, through: fileHunks)
            return moved
        }

        /// The hunks from the merged file to the head's; nil for a file the merge holds as the head does.
        private func hunks(of path: String) -> [LineHunk]? {
            if let known = hunks[path] { return known }
            guard let head = head[path], let merged = merged[path],
                  let found = try? LineDiff.hunks(from: merged, to: head) else { return nil }
            hunks[path] = found
            return found
        }

        /// A message's `FILE:LINE` (another place it names, as "also used … at FILE:LINE") on the
        /// head's lines too, for the files the merge holds otherwise than the head.
        private func placed(in message: String) -> String {
            var text = message
            for path in merged.keys.sorted() where text.contains(path + ":") {
                guard let fileHunks = hunks(of: path) else { continue }
                var out = ""
                var rest = Substring(text)
                while let found = rest.range(of: path + ":") {
                    // The whole path, not the end of a longer one (`old/playbooks/HYP-1.yml`).
                    let before = found.lowerBound == rest.startIndex ? (out.last ?? " ") : rest[rest.index(before: found.lowerBound)]
                    let whole = !(before.isLetter || before.isNumber || "/._-".contains(before))
                    out += rest[..<found.upperBound]
                    rest = rest[found.upperBound...]
                    guard whole else { continue }
                    let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
                    if let line = Int(digits), !digits.isEmpty {
                        out += String(LineDiff.line(line, through: fileHunks))
                        rest = rest[digits.endIndex...]
                    }
                }
                text = out + rest
            }
            return text
        }
    }

    /// A reference to an id this change renames, left pointing at the old id: says where the entity went
    /// (review74: "names hypothesis HYP-0019, which does not exist" did not say the change renamed it HYP-0041).
    static func sayingTheRename(_ finding: Finding, _ newIDs: [String: String]) -> Finding {
        guard finding.rule == LintRuleID.unresolvedReference, let old = finding.related.first, let new = newIDs[old] else { return finding }
        var said = finding
        said.message += " (this change renames \(old) to \(new))"
        return said
    }

    /// A finding the base had too, made worse by the change (a budget total or a count its rule
    /// measures went up): the change's, its message saying by how much; nil when not worse.
    static func worsened(_ finding: Finding, was: Double?) -> Finding? {
        guard let now = finding.amount, let was, now > was else { return nil }
        var worse = finding
        worse.message += " (made worse by this change: now \(RuleOptionChange.number(now)), was \(RuleOptionChange.number(was)))"
        worse.worsenedFrom = was
        return worse
    }

    /// The overlap rules, which report a pair once from each side (related work too).
    static let pairRules: Set<String> = [
        OverlapDuplicate.descriptor.id, OverlapCollision.descriptor.id, OverlapAcknowledged.descriptor.id,
        OverlapRelated.descriptor.id,
    ]

    /// An overlap once per pair, not once per side: the side of an entity the change adds or
    /// changes is kept, else the side in a changed file (its message names where the change's
    /// approval goes); between equals, the first in file order.
    static func onePerPair(_ findings: [Finding], changed: Set<String>, entities: Set<String> = []) -> [Finding] {
        func rank(_ finding: Finding) -> Int {
            (finding.entity.map(entities.contains) == true ? 2 : 0) + (changed.contains(finding.file) ? 1 : 0)
        }
        var kept: [[String]: Int] = [:]
        var out: [Finding] = []
        for finding in findings.sorted(by: Finding.ordered) {
            guard pairRules.contains(finding.rule), let entity = finding.entity else {
                out.append(finding)
                continue
            }
            let key = [finding.rule] + ([entity] + finding.related).sorted()
            if let index = kept[key] {
                if rank(finding) > rank(out[index]) { out[index] = finding }
            } else {
                kept[key] = out.count
                out.append(finding)
            }
        }
        return out
    }

    /// The entities of a set of files, each with its file, as the history reads them.
    struct PlacedEntities {
        var all: [(path: String, entity: FileEntity)] = []
        /// Files the history cannot read (broken YAML): their entities are unknown, not gone.
        var unreadable: Set<String> = []

        /// The entities of the files that differ between `base` and `merged` (a file the same on
        /// both sides holds the same entities: not read).
        static func differing(_ base: [SourceFile], _ merged: [SourceFile]) -> (PlacedEntities, PlacedEntities) {
            func bytes(_ file: SourceFile) -> [UInt8]? {
                if case .bytes(let bytes) = file.content { return bytes }
                return nil
            }
            let old = Dictionary(base.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            let new = Dictionary(merged.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            let same = { (file: SourceFile, other: SourceFile?) in other.map { bytes($0) != nil && bytes($0) == bytes(file) } ?? false }
            return (PlacedEntities(base.filter { !same($0, new[$0.path]) }), PlacedEntities(merged.filter { !same($0, old[$0.path]) }))
        }

        init(_ files: [SourceFile]) {
            for file in files {
                guard case .bytes(let bytes) = file.content, let entities = FileEntities.read(bytes) else {
                    unreadable.insert(file.path)
                    continue
                }
                all += entities.map { (file.path, $0) }
            }
        }
    }

    /// Entities the merge adds, changes or removes on the base's tip, with their field changes.
    static func netDeltas(from base: PlacedEntities, to merged: PlacedEntities) -> [EntityDelta] {
        let old = Dictionary(base.all.map { ($0.entity.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(merged.all.map { ($0.entity.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [EntityDelta] = []
        for id in Set(old.keys).union(new.keys) {
            switch (old[id], new[id]) {
            case (nil, let added?):
                out.append(EntityDelta(id: id, kind: added.entity.kind, change: .added, path: added.path,
                                       fields: HistoryRules.difference(from: EntityState(), to: added.entity.state)))
            case (let removed?, nil):
                // A file the merge breaks hides its entities: they are not removed.
                guard !merged.unreadable.contains(removed.path) else { continue }
                out.append(EntityDelta(id: id, kind: removed.entity.kind, change: .removed, path: removed.path,
                                       fields: HistoryRules.difference(from: removed.entity.state, to: EntityState())))
            case (let before?, let after?):
                let fields = approvalsAligned(HistoryRules.difference(from: before.entity.state, to: after.entity.state),
                                              from: before.entity.state, to: after.entity.state)
                guard !fields.isEmpty else { continue }  // moved, or unchanged
                out.append(EntityDelta(id: id, kind: after.entity.kind, change: .changed, path: after.path, fields: fields))
            default:
                continue
            }
        }
        return out.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
    }

    /// Approvals compared as approvals, not by place: one inserted at the top is that approval
    /// added, not every later one changing into the one before it.
    static func approvalsAligned(_ fields: [FieldChange], timeline: Timeline, range: Set<ObjectID>) -> [FieldChange] {
        guard fields.contains(where: { $0.path.hasPrefix("approvals[") }) else { return fields }
        var start: EntityState?
        var end: EntityState?
        var seen = false
        var previous: EntityState?
        for event in timeline.events {
            if range.contains(event.commit) {
                if !seen { (start, seen) = (previous, true) }
                end = event.type == .removed ? nil : event.state
            }
            previous = event.type == .removed ? nil : event.state
        }
        guard seen else { return fields }
        return approvalsAligned(fields, from: start, to: end)
    }

    /// `fields` with the approvals' changes replaced by those of the approvals aligned from `start` to `end`.
    static func approvalsAligned(_ fields: [FieldChange], from start: EntityState?, to end: EntityState?) -> [FieldChange] {
        let isApproval = { (path: String) in path.hasPrefix("approvals[") }
        guard let first = fields.firstIndex(where: { isApproval($0.path) }) else { return fields }
        var out = fields.filter { !isApproval($0.path) }
        out.insert(contentsOf: ListItems.changes("approvals", from: start, to: end), at: min(first, out.count))
        return out
    }

    /// Entities added, changed or removed by the commits of the change, with their net field changes.
    static func deltas(_ history: History, range: Set<ObjectID>, timelines: Timelines? = nil) -> [EntityDelta] {
        var order: [String] = []
        var first: [String: (type: ChangeType, kind: String)] = [:]
        var last: [String: (type: ChangeType, path: String)] = [:]
        var oldValues: [String: [String: FieldValue?]] = [:]
        var newValues: [String: [String: FieldValue?]] = [:]
        var fieldOrder: [String: [String]] = [:]
        for record in history.records where range.contains(record.id) {
            for change in record.changes {
                let id = change.entity
                if first[id] == nil {
                    order.append(id)
                    first[id] = (change.type, change.kind)
                }
                last[id] = (change.type, change.path)
                for field in change.fields {
                    if oldValues[id, default: [:]][field.path] == nil {
                        oldValues[id, default: [:]][field.path] = .some(field.oldValue)
                        fieldOrder[id, default: []].append(field.path)
                    }
                    newValues[id, default: [:]][field.path] = .some(field.newValue)
                }
            }
        }
        return order.compactMap { id -> EntityDelta? in
            guard let start = first[id], let end = last[id] else { return nil }
            let change: EntityDelta.Change
            switch (start.type, end.type) {
            case (.added, .removed): return nil // came and went within the change
            case (.added, _): change = .added
            case (_, .removed): change = .removed
            default: change = .changed
            }
            var fields = (fieldOrder[id] ?? []).compactMap { path -> FieldChange? in
                let old = oldValues[id]?[path] ?? nil
                let new = newValues[id]?[path] ?? nil
                return old == new ? nil : FieldChange(path: path, old: old, new: new)
            }
            if let timeline = timelines?.byID[id] {
                fields = approvalsAligned(fields, timeline: timeline, range: range)
            }
            if change == .changed, fields.isEmpty { return nil } // moved or reverted
            return EntityDelta(id: id, kind: start.kind, change: change, path: end.path, fields: fields)
        }.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
    }
}
