import PlaybookGit
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

    /// Reads and parses a blob; a blob the object database lacks (a partial clone) is unreadable, not fatal.
    static func read(_ blob: ObjectID, from repository: Repository) -> ParsedFile {
        do {
            return parse(try repository.blobData(blob))
        } catch {
            return .unreadable("blob \(blob) cannot be read (\(error)); a partial clone may lack it")
        }
    }

    /// Reads a blob's entities. A file whose YAML does not parse, or that has a document
    /// without a usable kind and id, is unreadable as a whole.
    static func parse(_ bytes: [UInt8]) -> ParsedFile {
        // Plain files are read straight from the parser's events; the rest (errors, anchors,
        // odd keys) through the loader, whose tree flattens to the same fields.
        let documents: [(index: Int, fields: [Field])]
        switch readFast(bytes) ?? readWithLoader(bytes) {
        case .failure(let reason): return .unreadable(reason.description)
        case .success(let read): documents = read
        }
        var entities: [EntityVersion] = []
        for document in documents {
            switch entity(document.fields, document: document.index) {
            case .success(let entity): entities.append(entity)
            case .failure(let reason): return .unreadable(reason.description)
            }
        }
        return .entities(entities)
    }

    /// Each document with content, as fields, read from libyaml's events; nil when the file
    /// needs the loader (see `FlatReader`).
    static func readFast(_ bytes: [UInt8]) -> Result<[(index: Int, fields: [Field])], Unusable>? {
        guard let documents = FlatReader.read(bytes) else { return nil }
        var result: [(index: Int, fields: [Field])] = []
        for (index, leaves) in documents.enumerated() {
            guard let leaves else { continue }
            var fields: [Field] = []
            fields.reserveCapacity(leaves.count)
            for leaf in leaves {
                switch leaf.value {
                case .scalar(let text, let style, let tag):
                    if let value = FieldFlattener.normalized(text, style: style, tag: tag) {
                        fields.append(Field(leaf.path, value))
                    }
                case .emptySequence: fields.append(Field(leaf.path, "[]"))
                case .emptyMapping: fields.append(Field(leaf.path, "{}"))
                }
            }
            result.append((index, fields))
        }
        return .success(result)
    }

    /// The same through the loader's tree: slower, but with the loader's limits and messages.
    static func readWithLoader(_ bytes: [UInt8]) -> Result<[(index: Int, fields: [Field])], Unusable> {
        let loaded = YAMLLoader.load(bytes)
        if let fatal = loaded.problems.first(where: \.isFatal) {
            return .failure(Unusable(description: "\(fatal.mark): \(fatal.message)"))
        }
        return .success(loaded.documents.compactMap { document in
            document.root.map { (document.index, FieldFlattener.fields(of: $0)) }
        })
    }

    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    /// A document's entity: only kind and id matter to history; the schema is lint's business.
    /// A document without a usable kind and id makes its file unreadable as a whole: reading
    /// half of it would make its other entities look removed.
    static func entity(_ fields: [Field], document index: Int) -> Result<EntityVersion, Unusable> {
        var kindText: String?
        var id: String?
        for field in fields {
            if field.path == "kind" { kindText = field.value }
            if field.path == "id" { id = field.value }
            if kindText != nil && id != nil { break }
        }
        guard let kindText, let kind = Kind(rawValue: kindText) else {
            return .failure(Unusable(description: "document \(index + 1): no known kind (expected one of "
                + Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
        }
        guard let id, !id.isEmpty else {
            return .failure(Unusable(description: "document \(index + 1): \(kind.rawValue) without an id"))
        }
        return .success(EntityVersion(id: id, kind: kind, fields: fields))
    }
}
