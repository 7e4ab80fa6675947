import ArgumentParser
import Foundation
import PlaybookLint
import PlaybookModel

/// Shell completion of entity ids: the shell runs `playbook` to ask, so the ids come from the
/// playbook of the folder the user is typing in. Anything that goes wrong completes nothing.
enum EntityCompletion {
    @Sendable static func all(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        ids(kinds: nil, prefix: prefix)
    }

    @Sendable static func squads(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        ids(kinds: [.squad], prefix: prefix)
    }

    @Sendable static func hypotheses(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        ids(kinds: [.hypothesis], prefix: prefix)
    }

    /// Rule ids are known without reading anything.
    static let rules = CompletionKind.list(RuleCatalog.all.map(\.id))

    static func ids(kinds: Set<Kind>?, prefix: String) -> [String] {
        guard let source = try? WorkingTreeSource(from: FileManager.default.currentDirectoryPath, configPath: nil),
              let files = try? source.files(for: []).files else { return [] }
        var ids: [String] = []
        for placed in Linter(configuration: source.configuration, today: Today.utc()).entities(in: files) {
            guard kinds?.contains(placed.entity.kind) ?? true else { continue }
            ids.append(placed.entity.id.value)
            // Key results are logged as OKR-…/KR-n.
            if kinds == nil, case .objective(let objective) = placed.entity {
                ids += objective.keyResults.compactMap { $0.id.map { "\(objective.id.value)/\($0.value)" } }
            }
        }
        return Array(Set(ids)).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
