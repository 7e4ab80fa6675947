import PlaybookModel

/// One entity of a file, its fields read as the history reads them.
public struct FileEntity: Sendable {
    public var id: String
    public var kind: String
    public var state: EntityState
}

public enum FileEntities {
    /// The entities of one file's bytes, fields flattened as timelines hold them (so a state read
    /// here compares with a timeline's); nil when the file cannot be read as the history reads it.
    public static func read(_ bytes: [UInt8]) -> [FileEntity]? {
        guard case .entities(let versions, _) = ParsedFile.parse(bytes) else { return nil }
        return versions.map { FileEntity(id: $0.id, kind: $0.kind.rawValue, state: EntityState(fields: Array($0.fields))) }
    }
}
