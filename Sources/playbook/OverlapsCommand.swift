import ArgumentParser
import Dispatch
import Foundation
import PlaybookLint
import PlaybookModel
import PlaybookEmbedding
import PlaybookOverlaps
import PlaybookSimilarity
import PlaybookYAML

/// How `playbook overlaps` prints.
enum OverlapFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

struct Overlaps: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find duplicate hypotheses and experiments across squads, and colliding experiments.",
        discussion: """
        Duplicates: hypotheses of different squads that make the same change (title and change \
        score at least the threshold, 0–1; default \(OverlapOptions.defaultThreshold), or \
        rules.overlap-duplicate.threshold_percent ÷ 100 in .playbook.yml), the same way, toward \
        the same metric (same id, or the same event in the catalog), for audiences that can \
        overlap; experiments likewise on title, primary metric, surface and audience. A similar \
        pair that differs in direction, metric, platform, region, surface or segment is listed \
        as related work, naming what differs. Collisions: running, paused and \
        ready experiments live at the same time on the same or a nested surface for overlapping \
        audiences and not in one exclusion_group. An approval naming the other entity in \
        `overlaps` marks a pair as acknowledged.

        Text output groups pairs into clusters (--format markdown the same clusters, for a pull-request \
        comment or a wiki page); --format json prints one entry per pair:
          {"version": 1, "engine", "overlaps": [{"kind", "entities", "squads", "score", "reason", …}]}
        (engine: the model's name, or lexical when compared by words; kind: duplicate, related or \
        collision). An experiment that collides with more than \
        rules.overlap-collision.per_experiment others (default \(OverlapCollision.defaultPerExperiment); 0: no limit) \
        gets one collision entry instead of one per pair: its entities are it and its first partner, \
        "partners" the first \(OverlapCollision.listed) it collides with, and "more" counts the others.

        Examples:
          playbook overlaps
          playbook overlaps --threshold 0.6 --same-squad
          playbook overlaps --engine lexical
          playbook overlaps --format json > overlaps.json
          playbook overlaps --format markdown > overlaps.md

        Exit codes: 0 no unacknowledged overlap at error severity (collisions are errors, \
        duplicates warnings, related work notes, as in `playbook lint`) and every playbook file read, \
        1 otherwise (a file that could not be read in full is named on standard error), 2 the tool could not run.
        """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Duplicate score threshold, 0–1 (default: the configuration's, else \(OverlapOptions.defaultThreshold)).", valueName: "score"))
    var threshold: Double?

    @Flag(help: "Also report duplicates within one squad.")
    var sameSquad = false

    @Option(help: "Output format: text, json or markdown.")
    var format: OverlapFormat = .text

    @Option(help: "Similarity engine for duplicates: auto (the model when installed), model, or lexical.")
    var engine: EngineChoice = .auto

    @Option(help: "Configuration file to use instead of .playbook.yml at the repository top.")
    var config: String?

    @Option(help: ArgumentHelp("The date to judge running experiments against, YYYY-MM-DD (default: today, UTC).", valueName: "date"), transform: Today.parse)
    var today: Day?

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) {
            throw ValidationError("--threshold must lie between 0 and 1, such as 0.5")
        }
    }

    func run() throws {
        let source = try WorkingTreeSource(from: FileManager.default.currentDirectoryPath, configPath: config)
        let configuration = source.configuration
        let files = try source.files(for: []).files
        let (entities, unread, groupsReadAsComments) = EntityReading.entities(of: files, limits: configuration.limits, groupsReadAsComments: true)

        let duplicateRule = OverlapDuplicate.descriptor.id
        let configured = configuration.options[duplicateRule] ?? [:]
        let options = OverlapOptions(
            threshold: threshold ?? configured["threshold_percent"].map { $0 / 100 } ?? OverlapOptions.defaultThreshold,
            sameSquad: sameSquad || (configured["same_squad"] ?? 0) != 0,
            // As lint bounds its findings: past this many, an experiment's collisions are one entry.
            collisionsPerExperiment: Int(configuration.options[OverlapCollision.descriptor.id]?["per_experiment"]
                                         ?? Double(OverlapCollision.defaultPerExperiment)),
            meaningMap: (configured["meaning_map"] ?? 1) != 0)
        // The model's weights are read only when a text is not in the embedding cache.
        let compared = try EmbeddingEngine.lazyEncoder(for: engine, repositoryTop: source.workspace.displayBase)
        if let fallback = compared.fallback { Terminal.writeError("playbook: using the lexical similarity engine: \(fallback)\n") }
        // Read before the entities are handed over: texts in another language are compared by words alone.
        let notEnglish = OverlapFinder.notEnglish(entities)
        // The entities handed over: let go once read, before the texts are encoded.
        var overlaps = OverlapFinder.find(consume entities, options: options, today: today ?? Today.utc(), encoder: compared.encoder)
        // A pair that wrote one group as `exclusion_group: #…` hears why it shares none, as lint's finding says.
        if !groupsReadAsComments.isEmpty {
            for index in overlaps.indices where overlaps[index].kind == .collision && overlaps[index].crowd == nil {
                overlaps[index].reason = ExclusionGroupComments.explaining(overlaps[index].reason, ids: overlaps[index].ids, groups: groupsReadAsComments)
            }
        }
        // A model whose files are there but whose weights would not load: said like a missing one.
        let failure = try EmbeddingEngine.failure(of: compared.model, choice: engine)
        if let failure {
            Terminal.writeError("playbook: using the lexical similarity engine: \(failure)\n")
        }
        let engineName = failure == nil ? compared.encoder?.modelName ?? "lexical" : "lexical"

        if let note = EntityReading.note(unread, leaving: "compared") {
            Terminal.writeError(note)
        }
        if let note = OverlapFinder.notEnglishNote(notEnglish) { Terminal.writeError("playbook: \(Inert.terminal(note))\n") }
        switch format {
        case .text: Terminal.write(OverlapRendering.text(overlaps) + EntityReading.incomplete(unread, leaving: "compared"))
        case .json: Terminal.write(OverlapRendering.json(overlaps, unread: unread, engine: engineName, notEnglish: notEnglish))
        case .markdown: Terminal.write(OverlapRendering.markdown(overlaps, unread: unread, notEnglish: notEnglish))
        }
        // A file not read in full is an error to `lint` (exit 1): the pairs above are not all there are.
        if !unread.isEmpty { throw ExitCode(1) }
        let failing = overlaps.contains { overlap in
            guard !overlap.isAcknowledged else { return false }
            let rule = [OverlapKind.collision: OverlapCollision.descriptor.id, .related: OverlapRelated.descriptor.id][overlap.kind] ?? duplicateRule
            return overlap.sides.contains { configuration.severity(for: rule, file: $0.file) == .error }
        }
        if failing { throw ExitCode(1) }
    }
}

/// The model's vectors through the repository's embedding cache. A run asks it several times (each
/// kind's texts, then the rationales the duplicate finder's second view reads): the calls take turns, so
/// none writes the file over another's new entries, and the cache's bound grows to twice the texts the
/// run has asked for, so that a run needing more texts than the bound does not push out its own.
struct CachedEncoder: SentenceEncoder {
    var model: any SentenceEncoder
    var cache: EmbeddingCache
    private let run = RunTexts()
    var modelName: String { model.modelName }
    var dimension: Int { model.dimension }

    init(model: any SentenceEncoder, cache: EmbeddingCache) {
        self.model = model
        self.cache = cache
    }

    /// The texts asked for so far in this run, and the lock the calls take turns with.
    private final class RunTexts: @unchecked Sendable {
        let lock = NSLock()
        var asked = 0
    }

    /// `body` with the cache bounded for this run's texts so far and `texts`, one call at a time.
    private func turn<T>(_ texts: [String], _ body: (EmbeddingCache) throws -> T) rethrows -> T {
        run.lock.lock()
        defer { run.lock.unlock() }
        run.asked += texts.count
        return try body(cache.bounded(atLeast: 2 * run.asked))
    }

    func encode(_ texts: [String]) throws -> [[Float]] {
        try turn(texts) { try $0.cachedVectors(for: texts, encoder: model) }
    }

    func encodeMatrix(_ texts: [String]) throws -> (matrix: [Float], width: Int)? {
        try turn(texts) { try $0.cachedMatrix(for: texts, encoder: model) }
    }

    /// Certain only with no cache file at all: one present is not read to tell.
    func certainlyRefuses(distinctTexts count: Int) -> Bool {
        model.certainlyRefuses(distinctTexts: count) && cache.certainlyEmpty
    }
}

/// Files → entities, spread over the cores; problems in the files are `playbook lint`'s business,
/// but a file not read in full is named (`unread`), so a command does not pass it over in silence.
enum EntityReading {
    /// The entities of `files`, and why each file that could not be read in full could not
    /// ("playbooks/a.yml: 4:30: invalid UTF-8 byte 0xE9 …"); with `groupsReadAsComments`, also the experiments
    /// whose `exclusion_group: #…` YAML read as a comment (id → the comment; see `ExclusionGroupComments`).
    static func entities(of files: [SourceFile], limits: Limits, groupsReadAsComments: Bool = false)
        -> (entities: [SourcedEntity], unread: [String], groupsReadAsComments: [String: String]) {
        var results = [FileEntities](repeating: FileEntities(), count: files.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let chunk = 64
            DispatchQueue.concurrentPerform(iterations: (files.count + chunk - 1) / chunk) { c in
                for index in (c * chunk)..<min(files.count, (c + 1) * chunk) {
                    output[index] = read(files[index], limits: limits, groupsReadAsComments: groupsReadAsComments)
                }
            }
        }
        return (Array(results.lazy.map(\.entities).joined()),
                zip(files, results).compactMap { file, result in result.problem.map { "\(file.path): \($0)" } },
                results.reduce(into: [:]) { groups, result in groups.merge(result.groupsReadAsComments) { first, _ in first } })
    }

    /// What one file yielded.
    private struct FileEntities {
        var entities: [SourcedEntity] = []
        var problem: String?
        var groupsReadAsComments: [String: String] = [:]
    }

    /// The entities of one file, in document order.
    static func entities(in file: SourceFile, limits: Limits) -> [SourcedEntity] {
        read(file, limits: limits).entities
    }

    /// The entities of one file, why it could not be read in full, if it could not, and (when asked) its
    /// experiments' groups read as comments.
    private static func read(_ file: SourceFile, limits: Limits, groupsReadAsComments: Bool = false) -> FileEntities {
        switch file.content {
        case .unreadable(let reason): return FileEntities(problem: reason)
        case .tooLarge(let size): return FileEntities(problem: "\(size) bytes, over the configured size limit")
        case .bytes(let bytes):
            let loaded = YAMLLoader.load(bytes, limits: limits)
            let decoded = loaded.documents.map { (document: $0, entity: EntityDecoder.decode($0).entity) }
            return FileEntities(
                entities: decoded.compactMap { $0.entity.map { SourcedEntity(entity: $0, file: file.path) } },
                problem: loaded.problems.first(where: \.isFatal).map(\.description),
                groupsReadAsComments: groupsReadAsComments ? ExclusionGroupComments.groups(in: bytes, decoded) : [:])
        }
    }

    /// The text output's closing line when files could not be read in full (they make the command
    /// exit 1, as `lint` does), or "" when it read them all.
    static func incomplete(_ unread: [String], leaving what: String) -> String {
        guard !unread.isEmpty else { return "" }
        let one = unread.count == 1
        return "Incomplete: \(one ? "1 file" : "\(unread.count) files") could not be read in full, so what \(one ? "it holds" : "they hold") was not \(what) (named on standard error).\n"
    }

    /// The standard-error note for the files `entities(of:)` could not read in full ("… so what it
    /// holds is not compared"), or nil when it read them all.
    static func note(_ unread: [String], leaving what: String) -> String? {
        guard !unread.isEmpty else { return nil }
        let one = unread.count == 1
        return "playbook: note: \(one ? "a file" : "\(unread.count) files") could not be read in full, so what \(one ? "it holds" : "they hold") "
            + "is not \(what) (`playbook lint` reports \(one ? "it" : "them")):\n" + unread.map { "  \($0)\n" }.joined()
    }
}

/// Token alignments through the repository's alignment cache (beside the embedding cache), from the
/// model when a pair is not in it.
extension CachedEncoder: TokenAligner {
    func alignments(_ pairs: [(String, String)]) throws -> [Double] {
        guard let aligner = model as? any TokenAligner else { throw NoTokenAlignment() }
        return try TokenAlignmentCache(cache: cache.sibling(named: "alignment-cache"), aligner: aligner, modelName: model.modelName)
            .alignments(pairs)
    }

    /// A model that has no token states: the duplicate finder goes without alignments.
    struct NoTokenAlignment: Error {}
}
