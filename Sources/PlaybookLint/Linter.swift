import Dispatch
import PlaybookModel
import PlaybookOverlaps
import PlaybookSimilarity
import PlaybookYAML

/// An entity with the file it was read from.
/// (The overlap finder's `SourcedEntity`: the overlap checks read the lint's entities as they are,
/// where each check copied all of them, a retain of every field of every entity, and freed the copy.)
public typealias PlacedEntity = SourcedEntity

/// What one file yielded: its entities, and the diagnostics of reading and decoding it.
struct ParsedFile: Sendable {
    var path: String
    var entities: [Entity] = []
    var diagnostics: [Diagnostic] = []
    var suppressions: [Suppression] = []
    /// Where unfilled `<…>` placeholders sit: other findings there would only repeat them.
    var placeholders: Set<Mark> = []
    /// Whether the file's bytes or YAML could not be read to the end.
    var unread = false
    /// Ids the file may define that no entity holds: see `UnreadDefinitions.ids`.
    var undecodedIDs: [String] = []
    /// The bytes of a file that had a problem when read (or the last committed version of one in
    /// conflict): what a field lint could not read may name (see `UnreadDefinitions.mayName`).
    var troubledText: [UInt8]?
    /// Whether the file could not be read and nothing it held is known.
    var textUnknown = false
    /// Experiments whose `exclusion_group: #…` YAML read as a comment: id → the comment.
    var groupsReadAsComments: [String: String] = [:]
}

/// Where a lint runs, which decides how an overlap with another squad's work counts.
public enum LintMode: Sendable, Hashable {
    /// `lint` and `review`: the change is about to merge.
    case standard
    /// `lint --staged`, the pre-commit hook: the work is still on its way to a PR the council reviews.
    case staged
}

/// Lints a set of files as one repository: each file on its own, then the checks across files.
public struct Linter: Sendable {
    public var configuration: Configuration
    /// The day time-based rules judge against (`--today`).
    public var today: Day
    /// Where it runs: under `.staged`, overlaps with other squads are gated by `Configuration.overlapGate`.
    public var mode: LintMode
    /// Compares hypotheses' changes by meaning for `overlap-duplicate`; nil: by words alone.
    public var encoder: (any SentenceEncoder)?

    public init(configuration: Configuration = Configuration(), today: Day, mode: LintMode = .standard,
                encoder: (any SentenceEncoder)? = nil) {
        self.configuration = configuration
        self.today = today
        self.mode = mode
        self.encoder = encoder
    }

    /// Lints `files` together. When `reportedFiles` is given, every file still takes part
    /// (so references resolve) but only findings in those files are reported.
    public func lint(_ files: [SourceFile], reportedFiles: Set<String>? = nil) -> LintReport {
        let (report, entities) = lintWithEntities(files, reportedFiles: reportedFiles)
        // Freed on another core: dropped here, the entities were a stretch of releases on this thread.
        Parting.release(consume entities)
        return report
    }

    /// Lints `files` and returns the entities they define too, from one parse.
    public func lintWithEntities(_ files: [SourceFile], reportedFiles: Set<String>? = nil)
        -> (report: LintReport, entities: [PlacedEntity]) {
        let parsed = parse(files)
        var located: [LocatedDiagnostic] = []
        var entities: [PlacedEntity] = []
        var placeholders: [String: Set<Mark>] = [:]
        var groupsReadAsComments: [String: String] = [:]
        located.reserveCapacity(parsed.reduce(0) { $0 + $1.diagnostics.count })
        entities.reserveCapacity(parsed.reduce(0) { $0 + $1.entities.count })
        for file in parsed {
            if !file.placeholders.isEmpty { placeholders[file.path] = file.placeholders }
            groupsReadAsComments.merge(file.groupsReadAsComments) { first, _ in first }
            located += file.diagnostics.map { LocatedDiagnostic(file: file.path, diagnostic: $0) }
            entities += file.entities.map { PlacedEntity(entity: $0, file: file.path) }
        }
        // Against every file read, not only the reported ones: a pattern matching an unreported file still applies.
        if !configuration.overrides.isEmpty { located += configuration.unmatchedOverrides(among: files.map(\.path)) }
        let index = RepositoryIndex(entities)
        let view = RepositoryView(entities, index: index)
        var checks: [@Sendable () -> [LocatedDiagnostic]] = []
        // Where a finding about the whole playbook goes when no metric can carry it: the first file;
        // with none, the configuration's `roots` (or the file itself), else the default root folder.
        let fallbackFile: (file: String, mark: Mark) = parsed.first.map { ($0.path, Mark(line: 1, column: 1)) }
            ?? configuration.file.map { ($0, configuration.rootMarks.first ?? Mark(line: 1, column: 1)) }
            ?? ((configuration.roots.first ?? ".") + "/", Mark(line: 1, column: 1))
        let placed = entities
        var unread = UnreadDefinitions()
        for file in parsed {
            if file.unread || !file.undecodedIDs.isEmpty {
                unread.incomplete = true
                unread.ids.formUnion(file.undecodedIDs)
            }
            if let text = file.troubledText { unread.addWords(of: text) }
            if file.textUnknown { unread.textUnknown = true }
        }
        checks.append { [unread] in
            RepositoryChecks.run(placed, index: index, fallbackFile: fallbackFile, unread: unread)
                .map { LocatedDiagnostic(file: $0.file, diagnostic: $0.diagnostic) }
        }
        var slowest: Int?
        let relatedID = OverlapRelated.descriptor.id
        let relatedOff = offEverywhere(relatedID)
        let perEntity = Int(configuration.options[relatedID]?["per_entity"] ?? Double(OverlapRelated.defaultPerEntity))
        let relatedPerEntity: Int? = relatedOff ? 0 : perEntity > 0 ? perEntity : nil
        for rule in RuleCatalog.repositoryRules {
            let descriptor = rule.descriptor
            // A rule turned off everywhere is not run at all (overlap detection is not free).
            if offEverywhere(descriptor.id) { continue }
            let context = RuleContext(
                entities: entities, index: index, view: view, today: today, mode: mode,
                options: configuration.options[descriptor.id] ?? [:], rule: descriptor, encoder: encoder,
                relatedPerEntity: relatedPerEntity, unread: unread)
            if rule == OverlapDuplicate.self { slowest = checks.count }
            checks.append { rule.check(context) }
        }
        // Said in the summary: texts in another language are compared for duplicates by words alone.
        let notEnglish = offEverywhere(OverlapDuplicate.descriptor.id) ? [] : OverlapFinder.notEnglish(entities)
        // The files' diagnostics, then each check's, as they came (not joined: a copy of tens of
        // thousands of diagnostics is a retain of each of their fields, twice over).
        var parts = [consume located] + Self.runSideBySide(checks, onThisThread: slowest)
        CommentInValueCheck.explainCollisions(&parts, groups: groupsReadAsComments)
        // The diagnostics kept (by part and place in `parts`) with their severity; the findings are built
        // once, in their final order (a finding is large to copy: building, then reordering, copied
        // each twice over).
        let suppressions = Dictionary(parsed.map { ($0.path, $0.suppressions) }, uniquingKeysWith: { a, _ in a })
        let read = parsed.map(\.path)
        Parting.release(consume parsed)
        // Only the files with suppressions looked up (most have none; a lookup hashes the path).
        let suppressing = suppressions.filter { !$0.value.isEmpty }
        let chosen = KeptDiagnostics(parts, read: read, reportedFiles: reportedFiles, placeholders: placeholders,
                                     suppressing: suppressing, configuration: configuration, mode: mode, index: index)
        let (kept, used) = (chosen.kept, chosen.used)
        let judged = suppressions.flatMap { file, list -> [Finding] in
            guard reportedFiles?.contains(file) ?? true else { return [] }
            let usedHere = used[file] ?? []
            return list.indices.flatMap { place in
                judge(list[place], used: Set(list[place].rules.indices.filter { usedHere.contains(Suppression.Use(suppression: place, rule: $0)) }), file: file)
            }
        }
        let order = Self.findingOrder(parts, chosen: chosen, judged: judged)
        let findings = Self.findings(moving: &parts, kept: kept, judged: judged, order: order)
        Parting.release(consume parts)
        let linted = files.map(\.path).filter { reportedFiles?.contains($0) ?? true }.sorted()
        var report = LintReport(findings: findings, files: linted.count, entities: entities.count, lintedFiles: linted,
                                filesRead: reportedFiles == nil ? nil : files.count)
        report.notEnglish = notEnglish
        return (report, entities)
    }

    /// Whether rule `id` is turned off everywhere (no severity, and no override giving it one).
    private func offEverywhere(_ id: String) -> Bool {
        configuration.severity(for: id) == nil && !configuration.overrides.contains(where: { $0.severities[id] != nil })
    }

    /// The order of the findings: the kept diagnostics (by their place in `chosen.kept`) and then the
    /// suppressions' findings (`judged`, from `chosen.kept.count` on), by `Finding.ordered`.
    /// (A function of its own: the closures that read `parts` are gone when it returns, so
    /// `findings(moving:)` finds the parts' storage unshared and takes the diagnostics over.)
    static func findingOrder(_ parts: [[LocatedDiagnostic]], chosen: KeptDiagnostics, judged: [Finding]) -> [Int] {
        let kept = chosen.kept
        // Sorted through their places, the kept diagnostics first and then the suppressions' findings
        // (as they were listed), by `Finding.ordered`'s (file, line, column, rule, message), each
        // file by its rank among the files (the ranks order the paths as comparing them does).
        let total = kept.count + judged.count
        let fileRanks = chosen.fileRanks + chosen.ranks(of: judged.map(\.file))
        let places = chosen.marks + judged.map { Mark(line: $0.line, column: $0.column) }
        // (file rank, line, column) as one number where they fit, as they do in any real playbook.
        let field = 21
        let fits = chosen.files.count < 1 << field && places.allSatisfy { (0..<(1 << field)).contains($0.line) && (0..<(1 << field)).contains($0.column) }
        func ruleThenMessage(_ a: Int, _ b: Int) -> Bool {
            let ra = a < kept.count ? parts[kept[a].part][kept[a].item].diagnostic.rule : judged[a - kept.count].rule
            let rb = b < kept.count ? parts[kept[b].part][kept[b].item].diagnostic.rule : judged[b - kept.count].rule
            if ra != rb { return ra < rb }
            let ma = a < kept.count ? parts[kept[a].part][kept[a].item].diagnostic.message : judged[a - kept.count].message
            let mb = b < kept.count ? parts[kept[b].part][kept[b].item].diagnostic.message : judged[b - kept.count].message
            return ma < mb
        }
        // A run of one place sorted on its rules and messages read once each, as (rule, message, listed
        // place): through `ruleThenMessage` each comparison read both diagnostics out of `parts` again
        // (retains of the lists and strings), and one entity's place can hold hundreds of overlap
        // findings (their number grows faster than the playbook's). The listed place last, so that equal
        // ones keep their order, as the stable sort on `ruleThenMessage` kept it.
        @Sendable func sortByRuleThenMessage(_ order: UnsafeMutableBufferPointer<Int>, _ run: Range<Int>) {
            func key(_ k: Int) -> (rule: String, message: String) {
                k < kept.count
                    ? (parts[kept[k].part][kept[k].item].diagnostic.rule, parts[kept[k].part][kept[k].item].diagnostic.message)
                    : (judged[k - kept.count].rule, judged[k - kept.count].message)
            }
            // Most runs are in order already (an experiment's collisions come by the other's id, and so
            // do their messages): read once, in order, they need no sorting.
            var previous = key(order[run.lowerBound])
            var inOrder = true
            for place in run.dropFirst() {
                let next = key(order[place])
                if next < previous {
                    inOrder = false
                    break
                }
                previous = next
            }
            if inOrder { return }
            var keyed = order[run].map { k in (rule: key(k).rule, message: key(k).message, k) }
            keyed.sort { a, b in
                if a.rule != b.rule { return a.rule < b.rule }
                if a.message != b.message { return a.message < b.message }
                return a.2 < b.2
            }
            for (offset, element) in keyed.enumerated() { order[run.lowerBound + offset] = element.2 }
        }
        var order: [Int]
        if fits {
            // (packed place, listed place) pairs sorted as plain numbers: the stable order of the places
            // with no closure to call (a comparison through the captured lists was a retain or two
            // each, on the one thread that runs here), then each run of one place by rule and message,
            // as the sort's stability leaves it: the same order as sorting on all four at once.
            var keyed = (0..<total).map { (UInt64(fileRanks[$0]) << (2 * field) | UInt64(places[$0].line) << field | UInt64(places[$0].column), $0) }
            keyed.sort { $0 < $1 }
            order = keyed.map(\.1)
            var runs: [Range<Int>] = []
            var start = 0
            while start < total {
                var end = start + 1
                while end < total, keyed[end].0 == keyed[start].0 { end += 1 }
                if end - start > 1 { runs.append(start..<end) }
                start = end
            }
            // The runs sorted side by side over the cores, each in its own stretch of `order`.
            let runsOfPlaces = runs
            order.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let output = buffer
                let chunk = 256
                DispatchQueue.concurrentPerform(iterations: (runsOfPlaces.count + chunk - 1) / chunk) { c in
                    for run in runsOfPlaces[(c * chunk)..<min(runsOfPlaces.count, (c + 1) * chunk)] { sortByRuleThenMessage(output, run) }
                }
            }
        } else {
            order = (0..<total).sorted { a, b in
                if fileRanks[a] != fileRanks[b] { return fileRanks[a] < fileRanks[b] }
                if places[a].line != places[b].line { return places[a].line < places[b].line }
                if places[a].column != places[b].column { return places[a].column < places[b].column }
                return ruleThenMessage(a, b)
            }
        }
        return order
    }

    /// What a diagnostic taken over by a finding leaves in its part: nothing to free.
    private static let vacated = LocatedDiagnostic(file: "", diagnostic: Diagnostic(rule: "", mark: Mark(line: 0, column: 0), message: ""))

    /// The findings in `order` (as `findingOrder` gives it): each kept diagnostic moved out of
    /// `parts` into its finding, leaving `vacated` behind. Copied, each was a retain of every
    /// field (half a million findings on a busy playbook) and, when the parts were freed, a release.
    /// Built part by part, each in chunks over the cores: read in file order, the diagnostics lie
    /// all over memory (most reads miss the cache), and this was the longest stretch of a large
    /// lint's end on one thread.
    static func findings(moving parts: inout [[LocatedDiagnostic]], kept: [(part: Int, item: Int, severity: Severity)],
                         judged: [Finding], order: [Int]) -> [Finding] {
        let total = order.count
        var place = [Int](repeating: 0, count: total)
        for (at, k) in order.enumerated() { place[k] = at }
        let places = place
        return [Finding](unsafeUninitializedCapacity: total) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            // `kept` lists each part's diagnostics together, in the parts' order.
            var start = 0
            while start < kept.count {
                let part = kept[start].part
                var end = start + 1
                while end < kept.count, kept[end].part == part { end += 1 }
                let run = start..<end
                parts[part].withUnsafeMutableBufferPointer { diagnostics in
                    nonisolated(unsafe) let diagnostics = diagnostics
                    let chunk = 2048
                    DispatchQueue.concurrentPerform(iterations: (run.count + chunk - 1) / chunk) { c in
                        for k in (run.lowerBound + c * chunk)..<min(run.upperBound, run.lowerBound + (c + 1) * chunk) {
                            let slot = diagnostics.baseAddress! + kept[k].item
                            let located = slot.move()
                            slot.initialize(to: vacated)
                            let diagnostic = located.diagnostic
                            (output.baseAddress! + places[k]).initialize(to: Finding(
                                file: located.file, line: diagnostic.mark.line, column: diagnostic.mark.column,
                                rule: diagnostic.rule, severity: kept[k].severity, message: diagnostic.message,
                                entity: diagnostic.entity, related: diagnostic.related, field: diagnostic.field,
                                amount: diagnostic.amount, excess: diagnostic.excess))
                        }
                    }
                }
                start = end
            }
            for j in judged.indices { (output.baseAddress! + places[kept.count + j]).initialize(to: judged[j]) }
            initialized = total
        }
    }

    /// The checks across files, side by side over the cores (the overlap checks take long and
    /// the rest little), their findings in the order the checks are listed. The check `onThisThread`
    /// (the slowest) runs on the calling thread, which would otherwise only wait: on Linux the global
    /// queue has one thread per core, and a job that waits for its own jobs holds one of them idle
    /// (the duplicate search's two kinds then ran one after the other, each on one core).
    static func runSideBySide(_ checks: [@Sendable () -> [LocatedDiagnostic]], onThisThread: Int? = nil) -> [[LocatedDiagnostic]] {
        var results = [[LocatedDiagnostic]](repeating: [], count: checks.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            // Each check a job of its own, not `concurrentPerform`: within an apply, libdispatch runs
            // a nested apply on the calling thread alone, so the overlap checks' own spreading over
            // the cores did nothing and one core idled for most of a large playbook's lint.
            // The last checks listed are the overlap checks, the slowest: started first.
            let group = DispatchGroup()
            for turn in checks.indices where checks.count - 1 - turn != onThisThread {
                let index = checks.count - 1 - turn
                DispatchQueue.global().async(group: group) { output[index] = checks[index]() }
            }
            if let onThisThread { output[onThisThread] = checks[onThisThread]() }
            group.wait()
        }
        return results
    }

    /// A suppression that names no rule, an unknown rule, or suppresses nothing is itself a finding;
    /// `used` are the places in its `rules` of the rules that silenced something. A finding about
    /// one rule of it points at that rule; one about the whole comment, at the comment.
    private func judge(_ suppression: Suppression, used: Set<Int>, file: String) -> [Finding] {
        var out: [Finding] = []
        func add(_ rule: String, _ message: String, column: Int? = nil) {
            guard let severity = configuration.severity(for: rule, file: file) else { return }
            out.append(Finding(file: file, line: suppression.mark.line, column: column ?? suppression.mark.column,
                               rule: rule, severity: severity, message: message))
        }
        if suppression.trailing {
            add(LintRuleID.suppressionUnused, "this suppression comes after a value on its line, so it suppresses nothing: "
                + "a `# playbook-disable…` comment counts only on a line of its own (above the line it is for); move it there")
            return out
        }
        let unknown = suppression.rules.indices.filter { RuleCatalog.rule(suppression.rules[$0]) == nil }
        for place in unknown {
            let id = suppression.rules[place]
            let hint = Suggestion.phrase(Suggestion.closest(to: id, in: RuleCatalog.all.map(\.id)))
            add(LintRuleID.suppressionUnknownRule, "the suppression names rule \"\(id)\", which does not exist\(hint)",
                column: suppression.column(ofRuleAt: place))
        }
        if suppression.rules.isEmpty {
            add(LintRuleID.suppressionUnknownRule, "the suppression names no rule; name the rules to turn off, such as `# playbook-disable-next-line schema-unknown-key`")
            return out
        }
        // Known rules that are on and silenced nothing (a rule turned off has nothing to silence).
        let idle = suppression.rules.indices.filter {
            !used.contains($0) && !unknown.contains($0) && configuration.severity(for: suppression.rules[$0], file: file) != nil
        }
        if used.isEmpty {
            if unknown.count < suppression.rules.count, !idle.isEmpty {
                add(LintRuleID.suppressionUnused, "this suppression of \(suppression.rules.joined(separator: ", ")) suppresses nothing; remove it")
            }
        } else {
            // Some of its rules silence something: each idle one is reported where it is named.
            for place in idle {
                let id = suppression.rules[place]
                add(LintRuleID.suppressionUnused, "this suppression of \(id) suppresses nothing; remove \(id) from it",
                    column: suppression.column(ofRuleAt: place))
            }
        }
        return out
    }

    /// The entities the files define (for commands that need ids, such as `playbook new`).
    public func entities(in files: [SourceFile]) -> [PlacedEntity] {
        parse(files).flatMap { file in file.entities.map { PlacedEntity(entity: $0, file: file.path) } }
    }

    /// Reads and decodes every file, spread over the machine's cores.
    func parse(_ files: [SourceFile]) -> [ParsedFile] {
        let limits = configuration.limits
        var results = [ParsedFile](repeating: ParsedFile(path: ""), count: files.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let chunk = 64
            let chunks = (files.count + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for index in (c * chunk)..<min(files.count, (c + 1) * chunk) {
                    output[index] = Linter.parse(files[index], limits: limits)
                }
            }
        }
        return results
    }

    static func parse(_ file: SourceFile, limits: Limits) -> ParsedFile {
        var parsed = ParsedFile(path: file.path)
        switch file.content {
        case .unreadable(let reason):
            parsed.diagnostics.append(Diagnostic(
                rule: LintRuleID.fileUnreadable, mark: Mark(line: 1, column: 1), message: "cannot read the file: \(reason)"))
            parsed.unread = true
            if let earlier = file.earlier { parsed.undecodedIDs += UnreadDefinitions.idLines(earlier) }
            parsed.troubledText = file.earlier
            parsed.textUnknown = file.earlier == nil
        case .tooLarge(let size):
            parsed.unread = true
            parsed.textUnknown = true
            parsed.diagnostics.append(Diagnostic(
                rule: LintRuleID.yamlSizeLimit, mark: Mark(line: 1, column: 1),
                message: "the file is \(size) bytes, more than the limit of \(limits.maxBytes) bytes (limits.max_file_bytes in .playbook.yml)"))
        case .bytes(let bytes):
            let loaded = YAMLLoader.load(bytes, limits: limits)
            parsed.diagnostics += loaded.problems.map { problem in
                Diagnostic(rule: rule(for: problem.kind), mark: problem.mark, message: problem.message)
            }
            parsed.unread = loaded.problems.contains { UnreadDefinitions.stopsReading($0.kind) }
                || (loaded.documents.isEmpty && !loaded.problems.isEmpty)
            // A file YAML read with a problem (two documents run together without `---`) may define more than it decoded.
            if !loaded.problems.isEmpty { parsed.undecodedIDs += UnreadDefinitions.idLines(bytes) }
            parsed.suppressions = Suppression.scan(
                bytes, documentStarts: loaded.documents.map(\.start.line), multilineScalars: loaded.multilineScalars)
            // Each walk over the tree only where the bytes allow a finding: most files have neither.
            let (mayHoldTags, mayHoldPlaceholders) = Self.mayHold(bytes)
            let mayHoldCutValue = CommentInValueCheck.mayHold(bytes)
            for document in loaded.documents {
                // Decoded first, so that the comment's findings name the entity.
                let decoded = EntityDecoder.decode(document)
                var emptied: [Mark: String] = [:]
                if mayHoldCutValue {
                    let found = CommentInValueCheck.diagnostics(document.root, bytes: bytes, entity: decoded.entity?.id.value)
                    parsed.diagnostics += found.diagnostics
                    emptied = found.emptied
                    if let id = decoded.entity?.id.value, decoded.entity?.kind == .experiment, let group = found.emptiedFields["exclusion_group"] {
                        parsed.groupsReadAsComments[id] = group
                    }
                }
                if mayHoldTags { parsed.diagnostics += TagCheck.diagnostics(document.root) }
                if mayHoldPlaceholders {
                    let unfilled = PlaceholderCheck.diagnostics(document.root)
                    parsed.diagnostics += unfilled
                    parsed.placeholders.formUnion(unfilled.map(\.mark))
                }
                parsed.diagnostics += CommentInValueCheck.explaining(decoded.diagnostics, emptied)
                if let entity = decoded.entity {
                    parsed.entities.append(entity)
                    // An id written wrongly (`hyp-0001` in HYP-0001.yml): references to the file's name wait for it.
                    if decoded.diagnostics.contains(where: { $0.rule == RuleID.idForm }) {
                        parsed.undecodedIDs.append(PlaybookFiles.stem(of: file.path))
                    }
                } else if document.root != nil {
                    if let id = UnreadDefinitions.writtenID(document) { parsed.undecodedIDs.append(id) }
                    parsed.undecodedIDs.append(PlaybookFiles.stem(of: file.path))
                }
            }
            // A file with no document (empty, or only comments) is a half-written entity, not nothing.
            if loaded.problems.isEmpty, !loaded.documents.contains(where: { $0.root != nil }) {
                parsed.diagnostics.append(Diagnostic(
                    rule: LintRuleID.fileEmpty, mark: Mark(line: 1, column: 1),
                    message: "the file holds no playbook document (it is empty or only comments); write its entity (`playbook new` writes one) or remove the file"))
                parsed.undecodedIDs.append(PlaybookFiles.stem(of: file.path))
            }
            if !parsed.diagnostics.isEmpty || !parsed.undecodedIDs.isEmpty { parsed.troubledText = bytes }
        }
        if parsed.unread { parsed.undecodedIDs.append(PlaybookFiles.stem(of: file.path)) }
        return parsed
    }

    /// Whether a file's bytes could hold a tag (every tag is written with a `!`) and a placeholder
    /// (a `<`, or an escape in a double-quoted scalar, `\x3c`, that makes one). Read in one pass
    /// without branches, which the compiler vectorises: walking the trees for both cost more than
    /// reading every file's bytes once.
    static func mayHold(_ bytes: [UInt8]) -> (tags: Bool, placeholders: Bool) {
        var bang: UInt8 = 0
        var angle: UInt8 = 0
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                bang |= byte == UInt8(ascii: "!") ? 1 : 0
                angle |= byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\\") ? 1 : 0
            }
        }
        return (bang != 0, angle != 0)
    }

    static func rule(for kind: YAMLProblem.Kind) -> String {
        switch kind {
        case .syntax: LintRuleID.yamlSyntax
        case .duplicateKey: LintRuleID.yamlDuplicateKey
        case .tab: LintRuleID.yamlTab
        case .aliasLimit: LintRuleID.yamlAliasLimit
        case .depthLimit: LintRuleID.yamlDepthLimit
        case .sizeLimit: LintRuleID.yamlSizeLimit
        case .encoding: LintRuleID.yamlEncoding
        }
    }
}
