import ArgumentParser
import Foundation
import PlaybookEmbedding
import PlaybookModel
import PlaybookSearch

/// How `playbook search` prints.
enum SearchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find prior art: the hypotheses and experiments of every squad closest to an idea.",
        discussion: """
        Ranks the playbook's hypotheses (title, change, outcome) and experiments (title, with \\
        their hypothesis's change and outcome) by similarity to free text, and prints each with \\
        its squad, status, outcome, lift and learnings — for a hypothesis, those of the last \\
        experiment that tested it. Run it before writing a hypothesis.

        With the sentence-embedding model installed (scripts/setup; or PLAYBOOK_MODEL naming its \\
        folder) texts are compared by meaning, their vectors cached under .git/playbook; without \\
        it by weighted word overlap, which is said once on standard error.

        --format json prints {"version": 1, "query", "engine", "results": [{"id", "kind", \\
        "score", "squad", "status", "outcome", "lift", "title", "learnings", "file"}]}.

        Examples:
          playbook search "one-field signup form"
          playbook search "streak reminders for lapsed learners" --limit 5 --format markdown
        """
    )

    @Argument(help: "The idea, in your own words.")
    var query: String

    @Option(parsing: .unconditional, help: "How many results to show at most.")
    var limit = 10

    @Option(help: "Output format: text, json or markdown.")
    var format: SearchFormat = .text

    @Option(help: "Similarity engine: auto (the model when installed), model, or lexical.")
    var engine: EngineChoice = .auto

    @Option(help: "Configuration file to use instead of .playbook.yml at the repository top.")
    var config: String?

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, such as 10") }
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("the query is empty; describe the idea, such as \"one-field signup form\"")
        }
    }

    func run() throws {
        let source = try WorkingTreeSource(from: FileManager.default.currentDirectoryPath, configPath: config)
        let files = try source.files(for: []).files
        let (entities, unread) = EntityReading.entities(of: files, limits: source.configuration.limits)
        let items = PriorArtSearch.items(entities.map { (entity: $0.entity, file: $0.file) })

        let scoring: SearchScoring
        if let encoder = try EmbeddingEngine.encoder(for: engine) {
            let texts = items.map(\.text)
            let vectors: [[Float]]
            if let cache = EmbeddingEngine.cache(repositoryTop: source.workspace.displayBase) {
                vectors = try cache.cachedVectors(for: texts, encoder: encoder)
            } else {
                vectors = try encoder.encode(texts)
            }
            let queryVector = try encoder.encode([query])[0]
            scoring = .vectors(query: queryVector, items: vectors, model: encoder.modelName)
        } else {
            scoring = .lexical
        }
        if let note = EntityReading.note(unread, leaving: "searched") {
            Terminal.writeError(note)
        }
        let hits = PriorArtSearch.rank(query, items: items, scoring: scoring, limit: limit)
        switch format {
        case .text: Terminal.write(SearchRendering.text(hits, query: query, engine: scoring.engineName) + EntityReading.incomplete(unread, leaving: "searched"))
        case .json: Terminal.write(SearchRendering.json(hits, query: query, engine: scoring.engineName, unread: unread))
        case .markdown: Terminal.write(SearchRendering.markdown(hits, query: query, engine: scoring.engineName,
                                                                incomplete: EntityReading.incomplete(unread, leaving: "searched")))
        }
        // A file not read in full is an error to `lint` (exit 1): the results leave out what it holds.
        if !unread.isEmpty { throw ExitCode(1) }
    }
}
