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

    /// Loads a blob with the project's own loader. A file whose YAML does not
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
            // Only kind and id matter to history; the schema is lint's business, and a full
            // decode of every version was a tenth of a long walk.
            let fields = FieldFlattener.fields(of: root)
            var kindText: String?
            var id: String?
            for field in fields {
                if field.path == "kind" { kindText = field.value }
                if field.path == "id" { id = field.value }
                if kindText != nil && id != nil { break }
            }
            guard let kindText, let kind = Kind(rawValue: kindText) else {
                return .unreadable("document \(document.index + 1): no known kind (expected one of "
                    + Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            guard let id, !id.isEmpty else {
                return .unreadable("document \(document.index + 1): \(kind.rawValue) without an id")
            }
            entities.append(EntityVersion(id: id, kind: kind, fields: fields))
        }
        return .entities(entities)
    }
}
