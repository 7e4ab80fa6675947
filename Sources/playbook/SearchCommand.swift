import ArgumentParser
import Foundation
import PlaybookEmbedding
import PlaybookModel
import PlaybookSearch
import PlaybookSimilarity

/// How `playbook search` prints.
enum SearchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find prior art: the hypotheses and experiments of every squad closest to an idea.",
        discussion: """
        Ranks the playbook's ideas by how close they come to free text and prints each with its \
        squad, status, outcome, lift and learnings: a hypothesis with the experiments that tested \
        it under it (--limit counts ideas), an experiment alone when its hypothesis is not in the \
        playbook. Words count from every field (title and statement most, then learnings, then \
        audience, rationale, metric, squad, surface and segment), each weighed by how rare it is; \
        an id (HYP-0022, exp-0019) finds its idea first. Run it before writing a hypothesis.

        With the sentence-embedding model installed (scripts/setup; or PLAYBOOK_MODEL naming its \
        folder) the title and statement are also compared by meaning, their vectors cached under \
        .git/playbook, and either evidence counts; without it words alone, which is said once on \
        standard error. The output says which ranked.

        --format json prints {"version": 1, "query", "engine", "results": [{"id", "kind", \
        "score", "squad", "status", "outcome", "lift", "title", "learnings", "file", \
        "tested_by" (a hypothesis's experiments), "hypothesis" (an experiment listed alone)}]}.

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
        let (entities, unread, _) = EntityReading.entities(of: files, limits: source.configuration.limits)
        let items = PriorArtSearch.items(entities.map { (entity: $0.entity, file: $0.file) })

        let scoring: SearchScoring
        // The model reads English: a query in another language is ranked by its words (as the texts are written).
        let english = TextLanguage.readsAsEnglish(query)
        if !english {
            Terminal.writeError("playbook: the query does not read as English: the model reads English, so "
                                + (engine == .model ? "its ranking by meaning may mislead\n" : "results are ranked by words alone\n"))
        }
        if english || engine == .model, let encoder = try EmbeddingEngine.encoder(for: engine) {
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
