import PlaybookGit
import PlaybookModel

/// Turns one commit into entity changes: the changed playbook files against the parent,
/// each blob parsed once, entities matched by id across files (so a move keeps its history).
struct CommitDiffer {
    let repository: Repository
    let roots: [String]
    let mode: WalkMode
    /// Files whose latest version did not parse, with the last version that did: the next
    /// readable version is compared with that one, so a broken commit neither removes nor re-adds.
    var brokenPaths: [String: ObjectID]

    /// The latest parsed version per path: the old side of the next change there is usually it.
    private var latest: [String: (blob: ObjectID, file: ParsedFile)] = [:]
    private var others: [ObjectID: ParsedFile] = [:]

    init(repository: Repository, roots: [String], mode: WalkMode, brokenPaths: [String: ObjectID]) {
        self.repository = repository
        self.roots = roots
        self.mode = mode
        self.brokenPaths = brokenPaths
    }

    static func isPlaybookFile(_ path: String) -> Bool {
        path.hasSuffix(".yml") || path.hasSuffix(".yaml")
    }

    mutating func record(for info: CommitInfo, parentTree: ObjectID?) throws -> CommitRecord? {
        var changes = try repository.changedFiles(
            from: parentTree, to: info.tree, under: roots, include: Self.isPlaybookFile)
        if mode == .allParents, info.parents.count > 1 {
            changes = try changes.filter { try !cameFromOtherParent($0, parents: info.parents.dropFirst()) }
        }
        guard !changes.isEmpty else { return nil }

        var notes: [HistoryNote] = []
        var before: [String: (path: String, version: EntityVersion)] = [:]
        var after: [String: (path: String, version: EntityVersion)] = [:]
        for change in changes {
            var newEntities: [EntityVersion] = []
            if let blob = change.newBlob {
                switch try parsed(blob, path: change.path) {
                case .unreadable(let reason):
                    notes.append(HistoryNote(
                        commit: info.id, path: change.path,
                        message: "skipped: the file does not parse (\(reason)); its entities keep their previous values"))
                    if brokenPaths[change.path] == nil, let old = change.oldBlob {
                        brokenPaths[change.path] = old
                    }
                    continue
                case .entities(let entities):
                    newEntities = entities
                }
            }
            let oldBlob = brokenPaths.removeValue(forKey: change.path) ?? change.oldBlob
            if let oldBlob, case .entities(let entities) = try parsed(oldBlob, path: change.path, remember: false) {
                for entity in entities { before[entity.id] = (change.path, entity) }
            }
            for entity in newEntities {
                if after[entity.id] != nil {
                    notes.append(HistoryNote(
                        commit: info.id, path: change.path,
                        message: "\(entity.id) is defined in more than one file; the history follows the one in \(change.path)"))
                }
                after[entity.id] = (change.path, entity)
            }
        }

        var entityChanges: [EntityChange] = []
        for (id, new) in after.sorted(by: { $0.key < $1.key }) {
            if let old = before[id] {
                let fields = Self.difference(old.version.fields, new.version.fields)
                let moved = old.path != new.path
                if fields.isEmpty && !moved { continue }
                entityChanges.append(EntityChange(
                    entity: id, kind: new.version.kind.rawValue, type: .changed, path: new.path,
                    previousPath: moved ? old.path : nil, fields: fields))
            } else {
                entityChanges.append(EntityChange(
                    entity: id, kind: new.version.kind.rawValue, type: .added, path: new.path, previousPath: nil,
                    fields: new.version.fields.map { FieldChange(path: $0.path, old: nil, new: $0.value) }))
            }
        }
        for (id, old) in before.sorted(by: { $0.key < $1.key }) where after[id] == nil {
            entityChanges.append(EntityChange(
                entity: id, kind: old.version.kind.rawValue, type: .removed, path: old.path, previousPath: nil,
                fields: old.version.fields.map { FieldChange(path: $0.path, old: $0.value, new: nil) }))
        }
        guard !entityChanges.isEmpty || !notes.isEmpty else { return nil }
        return CommitRecord(
            id: info.id, time: info.committer.time,
            author: Person(name: info.author.name, email: info.author.email),
            summary: info.summary, changes: entityChanges, notes: notes)
    }

    /// Field-by-field difference, in the new version's order, then the removed fields.
    static func difference(_ old: [Field], _ new: [Field]) -> [FieldChange] {
        var oldValues: [String: String] = [:]
        for field in old { oldValues[field.path] = field.value }
        var result: [FieldChange] = []
        var seen = Set<String>()
        for field in new {
            seen.insert(field.path)
            let previous = oldValues[field.path]
            if previous != field.value { result.append(FieldChange(path: field.path, old: previous, new: field.value)) }
        }
        for field in old where !seen.contains(field.path) {
            result.append(FieldChange(path: field.path, old: field.value, new: nil))
        }
        return result
    }

    /// In a merge, a file whose result equals another parent's version was changed on that
    /// line: its commits already carry the change.
    private func cameFromOtherParent(_ change: FileChange, parents: ArraySlice<ObjectID>) throws -> Bool {
        for parent in parents where repository.contains(parent) {
            let tree = try repository.commitInfo(parent).tree
            if try repository.blobID(inTree: tree, path: change.path) == change.newBlob { return true }
        }
        return false
    }

    private mutating func parsed(_ blob: ObjectID, path: String, remember: Bool = true) throws -> ParsedFile {
        if let last = latest[path], last.blob == blob { return last.file }
        if let known = others[blob] { return known }
        let file = ParsedFile.parse(try repository.blobData(blob))
        if remember {
            if let previous = latest[path] { store(previous.blob, previous.file) }
            latest[path] = (blob, file)
        } else {
            store(blob, file)
        }
        return file
    }

    private mutating func store(_ blob: ObjectID, _ file: ParsedFile) {
        // Bounded: a long walk must not keep every version of every file.
        if others.count >= 4096 { others.removeAll(keepingCapacity: true) }
        others[blob] = file
    }
}
