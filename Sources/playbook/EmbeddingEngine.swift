import ArgumentParser
import Foundation
import PlaybookEmbedding

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
                Terminal.writeError("playbook: using the lexical similarity engine: \(error.description)\n")
                return nil
            }
        }
    }

    /// The embedding cache of the repository at `top`, when it has a `.git` folder.
    static func cache(repositoryTop top: String) -> EmbeddingCache? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: top + "/.git", isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return EmbeddingCache(gitDirectory: top + "/.git")
    }
}
