import PlaybookModel
import PlaybookYAML

/// One entity as read from one version of a file.
struct EntityVersion: Sendable, Hashable {
    var id: String
    var kind: Kind
    var fields: [Field]
}

/// What one blob held: its entities, or why it could not be read.
enum ParsedFile: Sendable {
    case entities([EntityVersion])
    case unreadable(String)

    /// Loads a blob with the project's own loader and decoder. A file whose YAML does not
    /// parse, or that has a document without a usable kind and id, is unreadable as a whole:
    /// reading half of it would make its other entities look removed.
    static func parse(_ bytes: [UInt8]) -> ParsedFile {
        let loaded = YAMLLoader.load(bytes)
        if let fatal = loaded.problems.first(where: \.isFatal) {
            return .unreadable("\(fatal.mark): \(fatal.message)")
        }
        var entities: [EntityVersion] = []
        for document in loaded.documents {
            guard let root = document.root else { continue }
            let decoded = EntityDecoder.decode(document)
            guard let entity = decoded.entity else {
                let reason = decoded.diagnostics.first.map { "\($0.mark): \($0.message)" } ?? "no kind and id"
                return .unreadable("document \(document.index + 1): \(reason)")
            }
            entities.append(EntityVersion(id: entity.id.value, kind: entity.kind, fields: FieldFlattener.fields(of: root)))
        }
        return .entities(entities)
    }
}
