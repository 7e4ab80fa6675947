import ArgumentParser
import Foundation
import PlaybookEmbedding
import PlaybookGit
import PlaybookModel
import PlaybookSimilarity

/// Which similarity engine a command uses.
enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
    /// The sentence-embedding model when it is installed, else the lexical engine (said once on stderr).
    case auto
    /// The model, or exit 2 when it is missing.
    case model
    /// Stemmed, weighted word overlap only.
    case lexical
}

/// The sentence-embedding model as the commands find it (`PLAYBOOK_MODEL`, else the per-user
/// folder `scripts/setup` installs into). Nothing is downloaded.
enum EmbeddingEngine {
    /// The encoder to use, or nil for the lexical engine; with `.auto` and no model, says so once on stderr.
    static func encoder(for choice: EngineChoice) throws -> MiniLMEncoder? {
        switch choice {
        case .lexical:
            return nil
        case .model:
            switch ModelLocation.loadEncoder() {
            case let .success(encoder): return encoder
            case let .failure(error): throw UsageError(description: error.description)
            }
        case .auto:
            switch ModelLocation.loadEncoder() {
            case let .success(encoder):
                return encoder
            case let .failure(error):
                // The reason quotes PLAYBOOK_MODEL, which may hold anything: shown inert.
                Terminal.writeError("playbook: using the lexical similarity engine: \(Inert.terminal(error.description))\n")
                return nil
            }
        }
    }

    /// For lint: the model, read from disk only when a text is not in the repository's cache
    /// (a pre-commit run on unchanged texts never loads it); with `.auto` and no model, nil and
    /// the reason, which the caller says once in its summary.
    ///
    /// With `encodeLimit` (lint's `.auto`), a kind of entity whose texts not yet in the cache number
    /// more than that is compared by words instead (`CappedEncoder`, `OverlapDuplicate.defaultEncodeLimit`);
    /// `playbook overlaps` or `--engine model` encodes them once for every later run.
    static func lazyEncoder(for choice: EngineChoice, repositoryTop top: String, encodeLimit: Int? = nil)
        throws -> (encoder: (any SentenceEncoder)?, fallback: String?, model: DeferredEncoder?, capped: CappedEncoder?) {
        if choice == .lexical { return (nil, nil, nil, nil) }
        switch ModelLocation.deferredEncoder() {
        case let .success(model):
            let capped = choice == .auto ? encodeLimit.map { CappedEncoder(model: model, limit: $0) } : nil
            let used: any SentenceEncoder & TokenAligner = capped ?? model
            guard let cache = cache(repositoryTop: top) else { return (used, nil, model, capped) }
            return (CachedEncoder(model: used, cache: cache), nil, model, capped)
        case let .failure(error):
            if choice == .model { throw UsageError(description: error.description) }
            return (nil, Inert.terminal(error.description), nil, nil)
        }
    }


    /// After a run with `lazyEncoder`'s model: why its weights could not be read when a text needed
    /// them (the texts were then compared by words), shown inert; nil when it loaded or was not needed.
    /// With `--engine model` that is the usage error the option promises (exit 2), not a quiet fallback.
    static func failure(of model: DeferredEncoder?, choice: EngineChoice) throws -> String? {
        guard let reason = model?.loadFailure else { return nil }
        if choice == .model { throw UsageError(description: reason) }
        return Inert.terminal(reason)
    }

    /// Where vectors are kept between runs: the git folder of the repository holding `top` (as git
    /// finds it, so a worktree or submodule whose `.git` is a file has one too), else, for a playbook
    /// outside git, the per-user cache folder; nil when neither is known.
    static func cache(repositoryTop top: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> EmbeddingCache? {
        if let repository = try? Repository.discover(from: top) {
            return EmbeddingCache(gitDirectory: repository.gitDirectory)
        }
        guard let folder = ModelLocation.userCacheFolder(environment: environment) else { return nil }
        return EmbeddingCache(directory: folder + "/embeddings", creatingParents: true)
    }
}

/// The model, refusing to encode more than `limit` texts in one call: the embedding cache asks it
/// once per kind of entity for every text it does not hold, so a refusal leaves that kind to the
/// words (the duplicate finder's fallback when encoding fails). Token alignments pass through.
final class CappedEncoder: SentenceEncoder, TokenAligner, @unchecked Sendable {
    let model: DeferredEncoder
    let limit: Int
    private let lock = NSLock()
    private var refusedTexts = 0

    init(model: DeferredEncoder, limit: Int) {
        self.model = model
        self.limit = limit
    }

    var modelName: String { model.modelName }
    var dimension: Int { model.dimension }

    /// The texts this run left unencoded (0: every kind was compared by meaning).
    var refused: Int {
        lock.lock()
        defer { lock.unlock() }
        return refusedTexts
    }

    /// Why some duplicates were compared by words, for the run's summary; nil when none were.
    var reason: String? {
        let count = refused
        guard count > 0 else { return nil }
        return "\(count) texts are not in the embedding cache yet, more than lint encodes in a run (\(limit) per kind); "
            + "`playbook overlaps` or `playbook lint --engine model` encodes them once"
    }

    struct Refused: Error {}

    private func admit(_ count: Int) throws {
        guard count > limit else { return }
        lock.lock()
        refusedTexts += count
        lock.unlock()
        throw Refused()
    }

    func encode(_ texts: [String]) throws -> [[Float]] {
        try admit(texts.count)
        return try model.encode(texts)
    }

    func certainlyRefuses(distinctTexts count: Int) -> Bool { count > limit }

    func encode(_ texts: [String], into matrix: UnsafeMutableBufferPointer<Float>, rows: [Int]) throws -> Bool {
        try admit(texts.count)
        return try model.encode(texts, into: matrix, rows: rows)
    }

    func alignments(_ pairs: [(String, String)]) throws -> [Double] {
        try model.alignments(pairs)
    }
}
