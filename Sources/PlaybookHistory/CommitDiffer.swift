import PlaybookGit
import PlaybookModel

/// A changed file, with its new version already parsed when the comparing thread did it.
struct ChangedFile: Sendable {
    var change: FileChange
    var newVersion: ParsedFile?
    /// The new version's bytes, read by the comparing thread when it left the parsing to this one
    /// (nil with no version either: this thread reads the blob itself).
    var newBytes: [UInt8]?
    /// A merge's file that equals another parent's version: brought in from a side branch.
    var inherited = false
    /// For a merge's file: the author of the side commit that made the version the merge holds,
    /// when not the merge's own (`MergeCredits`); nil credits the commit's author.
    var credit: Person?
    /// For a merge's file read with all parents that equals no parent's version (both lines edited
    /// it): the versions of the sides that changed it since they forked, to tell the values each
    /// side brought from those the merge made itself.
    var sides: [MergeSide] = []
}

/// A merged side's version of a file and the version the two lines forked from (nil: not there then).
struct MergeSide: Sendable {
    var blob: ObjectID
    var fork: ObjectID?
    /// The merge's parent on that side.
    var tip: ObjectID
}

/// Turns one commit into entity changes: the changed playbook files against the parent,
/// each blob parsed once, entities matched by id across files (so a move keeps its history).
struct CommitDiffer {
    let repository: Repository
    let mode: WalkMode
    /// Files whose latest version did not parse, with the last version that did: the next
    /// readable version is compared with that one, so a broken commit neither removes nor re-adds.
    var brokenPaths: [String: ObjectID]
    /// The files each entity id is defined in, as of the last commit read: a second file with
    /// an id that still lives elsewhere is a duplicate, not a creation or a restoration.
    var locations: [String: Set<String>]
    /// For an id defined in more than one file: the file whose versions the history follows
    /// (the one that had it first); when that file lets the id go, another takes over.
    var followed: [String: String]

    /// The latest parsed version per path: the old side of the next change there is usually it.
    private var latest: [String: (blob: ObjectID, file: ParsedFile)] = [:]
    private var others: [ObjectID: ParsedFile] = [:]
    /// Reads the blobs the comparing thread left to this one (packed ones without libgit2);
    /// opened on first use, so a walk over a cache with nothing new never opens the packs.
    private var blobs: TreeReader?
    private var blobsOpened = false
    /// Where each version this differ keeps as a file's latest is also left for the comparing thread.
    var shared: SharedVersions?

    init(repository: Repository, mode: WalkMode, brokenPaths: [String: ObjectID], locations: [String: Set<String>] = [:],
         followed: [String: String] = [:]) {
        self.repository = repository
        self.mode = mode
        self.brokenPaths = brokenPaths
        self.locations = locations
        self.followed = followed
    }

    /// The playbook files a commit changed against its first parent's tree. In a merge read with
    /// all parents, files that equal another parent's version, which that parent's line changed
    /// since it forked, are marked inherited: that line's commits are their events, while the
    /// merge still moves the main line's values. A file the merge takes back to the version both
    /// lines forked from (the side never touched it) is the merge's own change.
    static func changedFiles(
        _ repository: Repository, reader: TreeReader, for info: CommitInfo, parentTree: ObjectID?, roots: [String],
        mode: WalkMode
    ) throws -> [(change: FileChange, inherited: Bool, sides: [MergeSide])] {
        // (A committed symbolic link is no file of the playbook: lint reports it, and its target is never read.)
        let changes = try reader.changedFiles(
            from: parentTree, to: info.tree, under: roots, include: { PlaybookFiles.isPlaybookFile($0, roots: roots) }).compactMap(\.filesOnly)
        guard mode == .allParents, info.parents.count > 1, !changes.isEmpty else { return changes.map { ($0, false, []) } }
        var others: [(parent: ObjectID, tree: ObjectID)] = []
        for parent in info.parents.dropFirst() where repository.contains(parent) {
            others.append((parent, try repository.commitInfo(parent).tree))
        }
        // The tree each side line forked from, looked up once per merge and only when needed.
        var forkTrees: [ObjectID: ObjectID?] = [:]
        func forkTree(of parent: ObjectID) -> ObjectID? {
            if let known = forkTrees[parent] { return known }
            let base = (try? repository.mergeBase(info.parents[0], parent)) ?? nil
            let tree = base.flatMap { try? repository.commitInfo($0).tree }
            forkTrees[parent] = tree
            return tree
        }
        return try changes.map { change in
            var sides: [MergeSide] = []
            for other in others {
                let sideBlob = try repository.blobID(inTree: other.tree, path: change.path)
                // No file there on the side: the first parent's line moved it, and the side's edit
                // of its old path is what git merged into it (the side's commits are its events).
                if sideBlob == nil, let version = change.newBlob,
                   try MergeCredits.sidePath(of: version, inSide: other.tree, fork: forkTree(of: other.parent),
                                             repository: repository, roots: roots) != nil {
                    return (change, true, [])
                }
                // A side whose version is the first parent's brought nothing to this file.
                guard sideBlob == change.newBlob || (sideBlob != nil && sideBlob != change.oldBlob) else { continue }
                let fork = forkTree(of: other.parent)
                let forkBlob = try fork.flatMap { try repository.blobID(inTree: $0, path: change.path) }
                if sideBlob == change.newBlob {
                    // Without a fork point to compare with (unrelated or missing history), the side is credited.
                    guard fork != nil, forkBlob == change.newBlob else { return (change, true, []) }
                    continue
                }
                // A file the side made since the fork (a rename: `git mv` to a new id) that the merge holds with
                // the first parent's edits merged into it, where the first parent had none: the side's commits
                // made it, so they are its events (the merge's own values, if any, are read as what it resolved).
                if sideBlob != nil, fork != nil, forkBlob == nil, change.oldBlob == nil, change.newBlob != nil {
                    return (change, true, [])
                }
                // A side that changed the file too, into another version than the merge's.
                if let sideBlob, fork == nil || forkBlob != sideBlob {
                    sides.append(MergeSide(blob: sideBlob, fork: forkBlob, tip: other.parent))
                }
            }
            return (change, false, sides)
        }
    }

    /// The entity changes of one commit, given the files it changed.
    mutating func record(for info: CommitInfo, changes: [ChangedFile], mainLine: Bool = true) throws -> CommitRecord? {
        guard !changes.isEmpty else { return nil }
        if changes.count == 1, let edit = try recordEdit(for: info, changes[0], mainLine: mainLine) { return edit }

        var notes: [HistoryNote] = []
        let inheritedPaths = Set(changes.filter(\.inherited).map(\.change.path))
        // A merge's files made on the merged side, by who made them.
        var credits: [String: Person] = [:]
        for changed in changes { if let credit = changed.credit { credits[changed.change.path] = credit } }
        // A merge's files, for the values each merged side made (`byMaker`).
        var mergeFiles: [String: ChangedFile] = [:]
        if info.parents.count > 1 { for changed in changes { mergeFiles[changed.change.path] = changed } }
        var before: [String: (path: String, version: EntityVersion)] = [:]
        var after: [String: (path: String, version: EntityVersion)] = [:]
        // Which ids each readable changed file held before and holds after.
        var readPaths = Set<String>()
        var oldIDs: [String: [String]] = [:], newIDs: [String: [String]] = [:]
        for changed in changes {
            let change = changed.change
            var newEntities: [EntityVersion] = []
            if let blob = change.newBlob {
                switch try parsed(blob, path: change.path, given: changed.newVersion, bytes: changed.newBytes) {
                case .unreadable(let reason):
                    notes.append(HistoryNote(
                        commit: info.id, path: change.path,
                        message: "\(HistoryNote.skippedPrefix) (\(reason)); its entities keep their previous values"))
                    if brokenPaths[change.path] == nil, let old = change.oldBlob {
                        brokenPaths[change.path] = old
                    }
                    continue
                case .entities(let entities, _):
                    newEntities = entities
                    if let duplicate = entities.first?.duplicateKey {
                        notes.append(HistoryNote(
                            commit: info.id, path: change.path,
                            message: "\(HistoryNote.duplicateKeyPrefix) (\(duplicate)); its first value is read, as lint reads it"))
                    }
                }
            }
            let oldBlob = brokenPaths.removeValue(forKey: change.path) ?? change.oldBlob
            if let oldBlob, case .entities(let entities, _) = try parsed(oldBlob, path: change.path, remember: false) {
                for entity in entities { before[entity.id] = (change.path, entity) }
                oldIDs[change.path] = entities.map(\.id)
            }
            readPaths.insert(change.path)
            newIDs[change.path] = newEntities.map(\.id)
            for entity in newEntities {
                if after[entity.id] != nil {
                    notes.append(HistoryNote(
                        commit: info.id, path: change.path,
                        message: "\(entity.id) is defined in more than one file; the history follows the one in \(change.path)"))
                }
                after[entity.id] = (change.path, entity)
            }
        }

        // Files this commit did not touch that define an id, before the index moves on.
        func elsewhere(_ id: String) -> [String] {
            (locations[id] ?? []).subtracting(readPaths).sorted()
        }
        var duplicates = Set<String>(), remaining = Set<String>()
        for (id, new) in after where before[id] == nil {
            let others = elsewhere(id)
            if !others.isEmpty {
                duplicates.insert(id)
                notes.append(HistoryNote(
                    commit: info.id, path: new.path,
                    message: "\(id) is defined in more than one file (\(others.joined(separator: ", ")) and \(new.path)); "
                        + "the history follows the first"))
            }
        }
        for id in before.keys where after[id] == nil && !elsewhere(id).isEmpty { remaining.insert(id) }
        // The file the history followed lets the id go while another still defines it: from this
        // commit that file's version is the entity's (a copy left after the original's deletion).
        var takenOver: [String: (path: String, version: EntityVersion)] = [:]
        for id in remaining.sorted() {
            guard let old = before[id], old.path == followed[id] ?? old.path else { continue }
            for path in elsewhere(id) {
                guard let blob = try repository.blobID(inTree: info.tree, path: path),
                      case .entities(let entities, _) = try parsed(blob, path: path, remember: false),
                      let version = entities.first(where: { $0.id == id }) else { continue }
                takenOver[id] = (path, version)
                break
            }
        }
        for path in readPaths {
            // An id the file keeps stays located there (most commits edit a value): no removal and
            // re-insertion, which emptied and rebuilt its set for a file's only entity.
            let kept = newIDs[path] ?? []
            let keptSet: Set<String>? = kept.count > 8 ? Set(kept) : nil
            for id in oldIDs[path] ?? [] where !(keptSet?.contains(id) ?? kept.contains(id)) {
                locations[id]?.remove(path)
                if locations[id]?.isEmpty == true { locations[id] = nil }
            }
            for id in kept { locations[id, default: []].insert(path) }
        }
        // Which file the history follows, for each id this commit touched that lives in more than one.
        func follow(_ id: String) {
            guard let paths = locations[id], paths.count > 1 else {
                if followed[id] != nil { followed[id] = nil }
                return
            }
            if let taken = takenOver[id] {
                followed[id] = taken.path
            } else if duplicates.contains(id) {
                // A copy appeared: the history stays with the file that had it.
                if followed[id].map(paths.contains) != true { followed[id] = elsewhere(id).first ?? paths.min() }
            } else if followed[id].map(paths.contains) == true {
                // An edit of a copy leaves the history with the file it follows.
                return
            } else if let new = after[id], paths.contains(new.path) {
                followed[id] = new.path
            } else {
                followed[id] = before[id].map(\.path).flatMap { paths.contains($0) ? $0 : nil } ?? paths.min()
            }
        }
        for path in readPaths {
            for id in oldIDs[path] ?? [] { follow(id) }
            for id in newIDs[path] ?? [] { follow(id) }
        }

        var entityChanges: [EntityChange] = []
        for (id, new) in after.sorted(by: { $0.key < $1.key }) where !duplicates.contains(id) {
            if let old = before[id], old.path == new.path, let main = followed[id], main != new.path {
                // A copy edited while the file the history follows still defines the id.
                if !Self.difference(old.version.fields, new.version.fields).isEmpty {
                    notes.append(HistoryNote(
                        commit: info.id, path: new.path,
                        message: "\(id) is defined in more than one file; the history follows \(main), "
                            + "so this change to the copy is not part of it"))
                }
                continue
            }
            if let old = before[id] {
                let fields = Self.difference(old.version.fields, new.version.fields)
                let moved = old.path != new.path
                if fields.isEmpty && !moved { continue }
                // A merge that only moves the entity (a side moved its file while the first parent's
                // line edited it, and git merged the edit into the moved file) brings the side's move:
                // whoever took the old path away made it, and with all parents that commit is its event.
                let onlyMoved = moved && fields.isEmpty && info.parents.count > 1
                let change = EntityChange(
                    entity: id, kind: new.version.kind.rawValue, type: .changed, path: new.path,
                    previousPath: moved ? old.path : nil, fields: fields,
                    inherited: inheritedPaths.contains(new.path) || (onlyMoved && inheritedPaths.contains(old.path)),
                    author: onlyMoved ? credits[old.path] ?? credits[new.path] : credits[new.path])
                if !moved, !change.inherited, change.author == nil, let changed = mergeFiles[new.path] {
                    entityChanges += try byMaker(change, of: info, changed)
                } else if !moved, !change.inherited, let changed = mergeFiles[new.path] {
                    entityChanges += try sideMadeOnly(change, of: info, changed)
                } else {
                    entityChanges.append(change)
                }
            } else {
                let inherited = inheritedPaths.contains(new.path)
                var author = credits[new.path]
                if author != nil, !inherited, let changed = mergeFiles[new.path] {
                    author = try creatorOnSide(id, value: new.version.fields.all.first(where: { $0.path == "id" })?.value, path: new.path,
                                               blob: changed.change.newBlob, merge: info, credited: author)
                }
                entityChanges.append(EntityChange(
                    entity: id, kind: new.version.kind.rawValue, type: .added, path: new.path, previousPath: nil,
                    fields: new.version.fields.map { FieldChange(path: $0.path, old: nil, new: $0.value) },
                    inherited: inherited, author: author))
            }
        }
        for (id, taken) in takenOver.sorted(by: { $0.key < $1.key }) {
            guard let old = before[id] else { continue }
            entityChanges.append(EntityChange(
                entity: id, kind: taken.version.kind.rawValue, type: .changed, path: taken.path, previousPath: old.path,
                fields: Self.difference(old.version.fields, taken.version.fields),
                inherited: inheritedPaths.contains(old.path), author: credits[old.path]))
        }
        // An id leaving one file while another still defines it is no removal.
        for (id, old) in before.sorted(by: { $0.key < $1.key }) where after[id] == nil && !remaining.contains(id) {
            entityChanges.append(EntityChange(
                entity: id, kind: old.version.kind.rawValue, type: .removed, path: old.path, previousPath: nil,
                fields: old.version.fields.map { FieldChange(path: $0.path, old: $0.value, new: nil) },
                inherited: inheritedPaths.contains(old.path), author: credits[old.path]))
        }
        guard !entityChanges.isEmpty || !notes.isEmpty else { return nil }
        Self.markRenames(&entityChanges) { kind, path, atBase in
            // A side with no such file (added, or deleted by the commit) has no count.
            guard let ids = atBase ? oldIDs[path] : newIDs[path],
                  changes.contains(where: { $0.change.path == path && (atBase ? $0.change.oldBlob : $0.change.newBlob) != nil })
            else { return nil }
            return ids.count { id in (atBase ? before[id] : after[id])?.version.kind.rawValue == kind }
        }
        return try makeRecord(for: info, changes: entityChanges, notes: notes, mainLine: mainLine)
    }

    /// Marks the commit's renames (`RenamePairing`, the rule review lists them by, the title kept too unless
    /// every other field is: joining two timelines asks more than listing a rename): an added entity
    /// that is a removed one under a new id gets `renamedFrom`, the removal `renamedTo`. A squad is
    /// left as removed and added: the site finds squad renames by its own rule (`SquadRenames`).
    static func markRenames(_ changes: inout [EntityChange], count: (_ kind: String, _ path: String, _ atBase: Bool) -> Int?) {
        func candidates(_ type: ChangeType) -> [Int] {
            changes.indices.filter { changes[$0].type == type && changes[$0].kind != Kind.squad.rawValue }
        }
        let removed = candidates(.removed), added = candidates(.added)
        guard !removed.isEmpty, !added.isEmpty else { return }
        func candidate(_ index: Int, old: Bool) -> RenameCandidate {
            var values: [String: FieldValue] = [:]
            for field in changes[index].fields {
                if let value = old ? field.oldValue : field.newValue { values[field.path] = value }
            }
            return RenameCandidate(id: changes[index].entity, kind: changes[index].kind, path: changes[index].path, values: values)
        }
        let pairs = RenamePairing.pairs(removed: removed.map { candidate($0, old: true) }, added: added.map { candidate($0, old: false) },
                                        keepingTheName: true, count: count)
        for pair in pairs {
            let old = removed[pair.old], new = added[pair.new]
            changes[new].renamedFrom = changes[old].entity
            changes[old].renamedTo = changes[new].entity
            // A merge of a side that renamed the entity while the first parent's line edited it holds a version no
            // parent has under the new id: the rename is still whoever took the old id away (review: `log OLD` said
            // Bob renamed it and `log NEW` that whoever merged did).
            if changes[new].author == nil, let renamer = changes[old].author { changes[new].author = renamer }
        }
    }

    /// The record of a commit that changed one file holding one entity before and after under
    /// the same id (most commits: a check-in, a status), as `record` makes it, without the tables
    /// it builds for the general case; `.some(nil)` when no field changed, nil when the commit is
    /// not such an edit (the files it parsed are then at hand for `record`).
    private mutating func recordEdit(for info: CommitInfo, _ changed: ChangedFile, mainLine: Bool) throws -> CommitRecord?? {
        let change = changed.change
        guard let blob = change.newBlob, let oldBlob = change.oldBlob, brokenPaths[change.path] == nil,
              case .entities(let new, _) = try parsed(blob, path: change.path, given: changed.newVersion, bytes: changed.newBytes),
              // A version that writes a key twice is `record`'s, which notes it.
              new.count == 1, new[0].duplicateKey == nil,
              case .entities(let old, _) = try parsed(oldBlob, path: change.path, remember: false),
              old.count == 1, old[0].id == new[0].id,
              // A copy's edit (the history follows another file) is `record`'s to tell.
              followed[new[0].id].map({ $0 == change.path }) ?? true
        else { return nil }
        let id = new[0].id
        // The id stays located in this file, as `record` leaves it.
        locations[id, default: []].insert(change.path)
        let fields = Self.difference(old[0].fields, new[0].fields)
        guard !fields.isEmpty else { return .some(nil) }
        let edit = EntityChange(
            entity: id, kind: new[0].kind.rawValue, type: .changed, path: change.path, previousPath: nil, fields: fields,
            inherited: changed.inherited, author: changed.credit)
        let changes: [EntityChange]
        if info.parents.count > 1, !edit.inherited {
            changes = edit.author == nil ? try byMaker(edit, of: info, changed) : try sideMadeOnly(edit, of: info, changed)
        } else {
            changes = [edit]
        }
        return try makeRecord(for: info, changes: changes, notes: [], mainLine: mainLine)
    }

    /// A merge's change to an entity of a file whose merged version no parent holds (both lines
    /// edited it), split by who made each value. A field holding the value a merged side's version
    /// has, which the version the lines forked from does not, is that side's: credited to the side
    /// commit that made the value (found by walking the side back while the value stays), and read
    /// with all parents, inherited (that commit is its event). A value no parent had (a conflict
    /// resolved by hand), or one the first parent's line already held, stays the merge's own. One
    /// change per maker, the sides' first, in field order; `change` itself when the merge made all.
    private mutating func byMaker(_ change: EntityChange, of info: CommitInfo, _ changed: ChangedFile) throws -> [EntityChange] {
        let sides = try mergeSides(of: info, changed)
        guard !sides.isEmpty, !change.fields.isEmpty else { return [change] }
        var versions: [(side: [String: FieldValue], fork: [String: FieldValue], tip: ObjectID)] = []
        for side in sides {
            guard let values = try values(of: change.entity, in: side.blob, path: change.path) else { continue }
            versions.append((values, try side.fork.flatMap { try self.values(of: change.entity, in: $0, path: change.path) } ?? [:], side.tip))
        }
        // Each field's maker: nil for the merge itself, else the side commit's author (nil inside: the merge's author).
        let groups = try change.fields.grouped { field -> Person?? in
            guard let newValue = field.newValue,
                  let side = versions.first(where: { $0.side[field.path] == newValue && $0.fork[field.path] != newValue }),
                  let found = try madeOnSide(change.entity, field: field.path, value: newValue, path: change.path, tip: side.tip, merge: info)
            else { return nil }
            return .some(found)
        }
        guard groups.contains(where: { $0.maker != nil }) else { return [change] }
        // The sides' values first, the merge's own last: its event ends with the merge's values.
        let ordered = groups.filter { $0.maker != nil } + groups.filter { $0.maker == nil }
        return ordered.map { group in
            var part = change
            part.fields = group.fields
            if let maker = group.maker {
                part.author = maker
                part.inherited = mode == .allParents
            }
            return part
        }
    }

    /// A merge's change to an entity of a file it took whole from a merged side (credited to that
    /// side's commit), keeping the side's credit only for the fields the side changed since the lines
    /// forked: a field the merge takes back to the fork's value (the first parent's line changed it,
    /// the side never did) is the merge's own change, by its author. `change` itself when all are the side's.
    private mutating func sideMadeOnly(_ change: EntityChange, of info: CommitInfo, _ changed: ChangedFile) throws -> [EntityChange] {
        guard change.author != nil, let newBlob = changed.change.newBlob, !change.fields.isEmpty else { return [change] }
        for parent in info.parents.dropFirst() where repository.contains(parent) {
            guard try repository.blobID(inTree: try repository.commitInfo(parent).tree, path: change.path) == newBlob,
                  let fork = try repository.mergeBase(info.parents[0], parent) else { continue }
            // No file there when the lines forked: the side made every value.
            guard let forkBlob = try repository.blobID(inTree: try repository.commitInfo(fork).tree, path: change.path),
                  let forkValues = try values(of: change.entity, in: forkBlob, path: change.path) else { return [change] }
            let own = change.fields.filter { forkValues[$0.path] == $0.newValue }
            var side = change
            side.fields = change.fields.filter { field in !own.contains(where: { $0.path == field.path }) }
            var merge = change
            merge.fields = own
            merge.author = nil
            let sides = try byCommitOnSide(side, tip: parent, merge: info)
            return own.isEmpty ? sides : sides + [merge]
        }
        return [change]
    }

    /// A merge's change to an entity credited to a merged side (`change.author`), split by the side commit
    /// that made each value: a branch where Bob checked KR-1 in and Carol then KR-2 brings Bob's value and
    /// Carol's, not two of Carol's (review: the file's last commit was credited with every value in it). A
    /// field taken out, or whose maker is not found on the side, keeps the side's credit.
    private mutating func byCommitOnSide(_ change: EntityChange, tip: ObjectID, merge: CommitInfo) throws -> [EntityChange] {
        guard let credited = change.author, change.fields.count > 1 else { return change.fields.isEmpty ? [] : [change] }
        // nil: the merge's own author (a side commit by whoever merged).
        let groups = try change.fields.grouped { field -> Person? in
            guard let value = field.newValue,
                  let found = try madeOnSide(change.entity, field: field.path, value: value, path: change.path, tip: tip, merge: merge)
            else { return credited }
            return found
        }
        guard groups.count > 1 || groups.first?.maker != credited else { return [change] }
        return groups.map { group in
            var part = change
            part.fields = group.fields
            part.author = group.maker
            return part
        }
    }

    /// Who on a merged side created entity `id`, added by a merge that took its file from that side: the side
    /// commit that first held the id there (its file's last commit may be another's: review, an experiment Bob
    /// created and Carol concluded on one branch was "created" by Carol). `credited` when not found.
    private mutating func creatorOnSide(_ id: String, value: FieldValue?, path: String, blob: ObjectID?, merge: CommitInfo,
                                        credited: Person?) throws -> Person? {
        guard credited != nil, let value, let blob else { return credited }
        for parent in merge.parents.dropFirst() where repository.contains(parent) {
            guard try repository.blobID(inTree: try repository.commitInfo(parent).tree, path: path) == blob else { continue }
            // nil inside: the merge's own author made it.
            return try madeOnSide(id, field: "id", value: value, path: path, tip: parent, merge: merge) ?? credited
        }
        return credited
    }

    /// The merged sides whose version of a changed file is another than the merge's and than the
    /// first parent's, and changed since the lines forked (read with all parents, `changedFiles`
    /// found them already).
    private mutating func mergeSides(of info: CommitInfo, _ changed: ChangedFile) throws -> [MergeSide] {
        if mode == .allParents { return changed.sides }
        let change = changed.change
        guard let newBlob = change.newBlob else { return [] }
        var sides: [MergeSide] = []
        for parent in info.parents.dropFirst() where repository.contains(parent) {
            guard let sideBlob = try repository.blobID(inTree: try repository.commitInfo(parent).tree, path: change.path),
                  sideBlob != newBlob, sideBlob != change.oldBlob else { continue }
            let fork = try repository.mergeBase(info.parents[0], parent)
            let forkBlob = try fork.flatMap { try repository.blobID(inTree: try repository.commitInfo($0).tree, path: change.path) }
            if fork == nil || forkBlob != sideBlob { sides.append(MergeSide(blob: sideBlob, fork: forkBlob, tip: parent)) }
        }
        return sides
    }

    /// Who on a merged side made `value` of an entity's field, walking back from the side's tip
    /// while a parent on the side holds the same value: `.some(nil)` for the merge's own author,
    /// nil when a parent on the first parent's line held it already (or the side cannot be listed).
    private mutating func madeOnSide(_ id: String, field: String, value: FieldValue, path: String, tip: ObjectID,
                                     merge: CommitInfo) throws -> Person?? {
        guard let side = try? Set(repository.commits(from: tip, excluding: merge.parents[0])), side.contains(tip) else { return nil }
        var current = tip
        // Each step goes to a parent on the side: at most as many steps as the side has commits.
        while true {
            let commit = try repository.commitInfo(current)
            var same: ObjectID?
            var elsewhere = false
            for parent in commit.parents {
                // A parent that cannot be read (past a shallow clone's edge) is taken to hold another value.
                guard let tree = try? repository.commitInfo(parent).tree,
                      let blob = try repository.blobID(inTree: tree, path: path),
                      try values(of: id, in: blob, path: path)?[field] == value else { continue }
                if side.contains(parent) {
                    same = parent
                    break
                }
                elsewhere = true
            }
            guard let same else {
                if elsewhere { return nil }
                // The walk may have read the merge without its author (a skipped commit's neighbour).
                let merger = merge.author.name.isEmpty ? try repository.commitInfo(merge.id).author : merge.author
                let maker = Person(name: commit.author.name, email: commit.author.email)
                return maker == Person(name: merger.name, email: merger.email) ? .some(nil) : .some(maker)
            }
            current = same
        }
    }

    /// An entity's values by field path (a repeated path reads as its last value) in a file version;
    /// nil when the version does not parse or does not define the id.
    private mutating func values(of id: String, in blob: ObjectID, path: String) throws -> [String: FieldValue]? {
        guard case .entities(let entities, _) = try parsed(blob, path: path, remember: false),
              let entity = entities.last(where: { $0.id == id }) else { return nil }
        var values: [String: FieldValue] = [:]
        for field in entity.fields.all { values[field.path] = field.value }
        return values
    }

    private func makeRecord(for info: CommitInfo, changes: [EntityChange], notes: [HistoryNote], mainLine: Bool) throws -> CommitRecord {
        // The walk reads authors and messages; a commit it read without them (a skipped one's neighbour) is read again.
        let full = info.summary.isEmpty && info.author.name.isEmpty ? try repository.commitInfo(info.id) : info
        // The commit's own author; a merge's changes name the side commits' authors that made them.
        return CommitRecord(
            id: info.id, time: info.committer.time, author: Person(name: full.author.name, email: full.author.email),
            summary: full.summary, changes: changes, notes: notes, mainLine: mainLine)
    }

    /// Field-by-field difference of two versions; by their replaced values alone when one was read
    /// from the other by replacing values (the same list of paths).
    static func difference(_ old: FieldList, _ new: FieldList) -> [FieldChange] {
        FieldList.changes(from: old, to: new) ?? difference(old.all, new.all)
    }

    /// Field-by-field difference, in the new version's order, then the removed fields.
    static func difference(_ old: [Field], _ new: [Field]) -> [FieldChange] {
        // Most edits keep every field in place: compare side by side, no dictionary (by index,
        // without closures: this runs for every changed entity of a long history).
        if old.count == new.count {
            var samePaths = true
            for index in old.indices where old[index].path != new[index].path {
                samePaths = false
                break
            }
            if samePaths {
                var result: [FieldChange] = []
                for index in old.indices where old[index].value != new[index].value {
                    result.append(FieldChange(path: new[index].path, old: old[index].value, new: new[index].value))
                }
                return result
            }
        }
        // Otherwise each old path's last position (a repeated path reads as its last value), one
        // hash per old field; a new field at the same position under the same path needs none
        // when no old path repeats (then that position is the path's only one).
        var positions: [String: Int] = [:]
        positions.reserveCapacity(old.count)
        var repeats = false
        for index in old.indices where positions.updateValue(index, forKey: old[index].path) != nil {
            repeats = true
        }
        // Which old positions some new field names (a path's last position stands for the path).
        var named = [Bool](repeating: false, count: old.count)
        var result: [FieldChange] = []
        for index in new.indices {
            let field = new[index]
            let position = !repeats && index < old.count && old[index].path == field.path ? index : positions[field.path]
            var previous: FieldValue?
            if let position {
                named[position] = true
                previous = old[position].value
            }
            if previous != field.value { result.append(FieldChange(path: field.path, old: previous, new: field.value)) }
        }
        for index in old.indices where !named[repeats ? positions[old[index].path]! : index] {
            result.append(FieldChange(path: old[index].path, old: old[index].value, new: nil))
        }
        return result
    }

    private mutating func parsed(
        _ blob: ObjectID, path: String, remember: Bool = true, given: ParsedFile? = nil, bytes: [UInt8]? = nil
    ) throws -> ParsedFile {
        if let last = latest[path], last.blob == blob { return last.file }
        let file: ParsedFile
        if let given {
            file = given
        } else if let known = others[blob] {
            return known
        } else if let bytes = bytes ?? blobData(blob) {
            // Most commits change one value on one line of a file whose last version is at hand.
            file = ParsedFile.parse(bytes, after: latest[path]?.file)
        } else {
            file = ParsedFile.read(blob, from: repository)
        }
        if remember {
            if let previous = latest[path] { store(previous.blob, previous.file) }
            // Bounded too: a long history touches tens of thousands of paths once and never again;
            // a path dropped here only costs one parse of its old version if it changes later.
            if latest.count >= 4096, latest[path] == nil { latest.removeAll(keepingCapacity: true) }
            latest[path] = (blob, file)
            // What the comparing thread parsed itself it has already.
            if given == nil { shared?.set(path, blob: blob, file: file) }
        } else {
            store(blob, file)
        }
        return file
    }

    private mutating func blobData(_ blob: ObjectID) -> [UInt8]? {
        if !blobsOpened {
            blobsOpened = true
            blobs = try? TreeReader(repository: repository)
        }
        return (try? blobs?.blobData(blob)) ?? (try? repository.blobData(blob))
    }

    private mutating func store(_ blob: ObjectID, _ file: ParsedFile) {
        // Bounded: a long walk must not keep every version of every file.
        if others.count >= 512 { others.removeAll(keepingCapacity: true) }
        others[blob] = file
    }
}
