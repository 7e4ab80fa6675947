import Foundation
internal import CLibGit2

/// Compares trees on their stored bytes (`MODE NAME\0` + 20-byte id per entry, sorted in git
/// order). Two versions of a large folder usually differ in one entry: the common prefix and
/// suffix are skipped with a word-wise compare, and only the entries between are parsed.
/// This avoids libgit2 parsing every entry of every tree version, which dominated long walks.
///
/// One reader serves a whole walk on one thread: the trees read for one commit are kept for
/// the next, whose parent they are, so each tree is inflated once. (Leaving that to libgit2's
/// object cache made it evict entries by scanning its whole map, over and over, once full.)
public final class TreeReader {
    let repository: Repository
    private let database: Owned<OpaquePointer>
    /// Reads packed trees and blobs faster than libgit2 does on a walk; nil without packs.
    let packs: PackReader?
    private var previous: [ObjectID: RawTree] = [:]
    private var current: [ObjectID: RawTree] = [:]
    /// The last few root folders found: (commit tree, path, folder there).
    private var folders: [(tree: ObjectID, path: String, folder: ObjectID?)] = []

    /// For a walk over a whole history, which reads each commit and tree version once and keeps
    /// what it needs itself: libgit2 caching them as well held about 60 MB on 50,000 commits.
    public static func stopCachingCommitsAndTrees() {
        _ = playbook_git_set_tree_cache_limit(0)
        _ = playbook_git_set_commit_cache_limit(0)
    }

    /// `scattered`: the reader reads objects out of the order they were packed in (the files of
    /// one tree, not a walk over commits): each read of a pack takes in less.
    public init(repository: Repository, scattered: Bool = false) throws {
        self.repository = repository
        Self.stopCachingCommitsAndTrees()
        database = try owned("opening the object database", borrowing: repository, release: git_odb_free) {
            git_repository_odb(&$0, repository.pointer)
        }
        // The objects of a linked worktree live in the main repository's git directory.
        packs = PackReader(gitDirectory: git_repository_commondir(repository.pointer)
            .map { Repository.withoutTrailingSlash(String(cString: $0)) } ?? repository.gitDirectory,
                           stretch: scattered ? PackWindow.scattered : PackWindow.walking)
    }

    /// The files under `roots` that differ between two trees, sorted by path, keeping only
    /// paths `include` accepts. A nil `old` tree means "empty" (a root commit); a root of
    /// "." or "" means the whole tree. Unchanged folders (same id) are never opened.
    public func changedFiles(
        from old: ObjectID?, to new: ObjectID?, under roots: [String], include: (String) -> Bool
    ) throws -> [FileChange] {
        swap(&previous, &current)
        current.removeAll(keepingCapacity: true)
        var changes: [FileChange] = []
        // The folder a root names, walking down one name at a time; nil when it is not a folder there.
        func folder(_ tree: ObjectID, _ path: String) throws -> ObjectID? {
            // A walk asks for each commit's tree twice (as the new side, then as the next one's old side).
            if let known = folders.first(where: { $0.tree == tree && $0.path == path }) { return known.folder }
            var here: ObjectID? = tree
            // Split on the byte `/`, as git stores names: a mark after a `/` joins it into one character.
            for name in path.utf8.split(separator: UInt8(ascii: "/")) {
                guard let id = here, let child = try child(of: id, named: String(decoding: name, as: UTF8.self)), child.isTree else {
                    here = nil
                    break
                }
                here = child.id
            }
            if folders.count >= 8 { folders.removeFirst() }
            folders.append((tree, path, here))
            return here
        }
        for root in roots {
            let prefix = Self.trimmed(root)
            let oldRoot = try old.flatMap { try folder($0, prefix) }
            let newRoot = try new.flatMap { try folder($0, prefix) }
            if oldRoot == newRoot { continue }
            try compare(oldRoot, newRoot, prefix: prefix.isEmpty ? "" : prefix + "/", include: include, into: &changes)
        }
        changes.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        // Overlapping roots (playbooks and playbooks/okrs) would list a file twice: sorted, the
        // second copy follows the first (no set of paths to hash for every commit).
        guard changes.count > 1 else { return changes }
        var kept = 1
        for index in 1..<changes.count where changes[index].path != changes[kept - 1].path {
            changes.swapAt(kept, index)
            kept += 1
        }
        changes.removeLast(changes.count - kept)
        return changes
    }

    static func trimmed(_ root: String) -> String {
        var text = Substring(root)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return text == "." ? "" : String(text)
    }

    /// A tree's bytes, kept alive by the odb object that lends them.
    final class RawTree {
        /// What keeps `bytes` alive: libgit2's object or the pack reader's buffer.
        private let owner: AnyObject
        let bytes: UnsafeRawBufferPointer

        init(packed: PackReader.Bytes) {
            owner = packed
            bytes = packed.buffer
        }

        init(object: Owned<OpaquePointer>) {
            owner = object
            let size = git_odb_object_size(object.pointer)
            if size > 0, let data = git_odb_object_data(object.pointer) {
                bytes = UnsafeRawBufferPointer(start: data, count: size)
            } else {
                bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            }
        }
    }

    func read(_ id: ObjectID) throws -> RawTree {
        if let known = current[id] { return known }
        if let known = previous[id] {
            current[id] = known
            return known
        }
        if let (kind, bytes) = packs?.read(id), kind == .tree {
            let tree = RawTree(packed: bytes)
            current[id] = tree
            return tree
        }
        var oid = id.oid
        let object = try owned("reading tree \(id)", borrowing: database, release: git_odb_object_free) {
            git_odb_read(&$0, database.pointer, &oid)
        }
        guard git_odb_object_type(object.pointer) == GIT_OBJECT_TREE else {
            throw GitError(code: .invalid, message: "\(id) is not a tree", operation: "reading a tree")
        }
        let tree = RawTree(object: object)
        current[id] = tree
        return tree
    }

    /// A blob's bytes, read straight from the object database: no libgit2 object, no trip
    /// through its object cache (which never keeps blobs anyway), one copy.
    public func blobData(_ id: ObjectID) throws -> [UInt8] {
        if let (kind, bytes) = packs?.read(id), kind == .blob {
            return Array(bytes.buffer)
        }
        var oid = id.oid
        let object = try owned("reading blob \(id)", borrowing: database, release: git_odb_object_free) {
            git_odb_read(&$0, database.pointer, &oid)
        }
        return try object.withPointer { object throws(GitError) -> [UInt8] in
            guard git_odb_object_type(object) == GIT_OBJECT_BLOB else {
                throw GitError(code: .invalid, message: "\(id) is not a blob", operation: "reading a blob")
            }
            let size = git_odb_object_size(object)
            guard size > 0, let data = git_odb_object_data(object) else { return [] }
            return Array(UnsafeRawBufferPointer(start: data, count: size))
        }
    }

    /// One parsed entry: where its name lies in the buffer, its id's offset, and its kind.
    struct Entry {
        var nameStart: Int
        var nameEnd: Int
        var idOffset: Int
        var end: Int
        var isTree: Bool
        var isBlob: Bool
        var isLink: Bool
    }

    /// Parses the entry starting at `offset`; nil for malformed data.
    static func entry(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Entry? {
        var position = offset
        var mode = 0
        // At most seven octal digits (git writes five or six): anything else is malformed, and
        // a run of junk must not overflow the mode.
        while position < bytes.count, bytes[position] != 0x20 {
            let digit = Int(bytes[position]) - 48
            guard (0...7).contains(digit), position - offset < 7 else { return nil }
            mode = mode * 8 + digit
            position += 1
        }
        guard position < bytes.count, position > offset else { return nil }
        position += 1
        let nameStart = position
        while position < bytes.count, bytes[position] != 0 { position += 1 }
        guard position + 21 <= bytes.count else { return nil }
        let kind = mode & 0o170000
        return Entry(nameStart: nameStart, nameEnd: position, idOffset: position + 1, end: position + 21,
                     isTree: kind == 0o040000, isBlob: kind == 0o100000 || kind == 0o120000, isLink: kind == 0o120000)
    }

    /// Where the entry starting at `offset` ends: past its name's NUL and the 20-byte id.
    static func entryEnd(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int? {
        guard offset < bytes.count, let base = bytes.baseAddress,
              let nul = memchr(base + offset, 0, bytes.count - offset) else { return nil }
        let end = base.distance(to: UnsafeRawPointer(nul)) + 21
        return end <= bytes.count ? end : nil
    }

    /// The id of the entry named `name` in a tree, with its kind.
    func child(of tree: ObjectID, named name: String) throws -> (id: ObjectID, isTree: Bool, isBlob: Bool)? {
        let raw = try read(tree)
        defer { withExtendedLifetime(raw) {} }
        let bytes = raw.bytes
        let wanted = Array(name.utf8)
        var offset = 0
        while offset < bytes.count, let entry = Self.entry(bytes, at: offset) {
            if entry.nameEnd - entry.nameStart == wanted.count,
               wanted.withUnsafeBytes({ memcmp(bytes.baseAddress! + entry.nameStart, $0.baseAddress!, wanted.count) == 0 }) {
                return (ObjectID(raw: bytes.baseAddress! + entry.idOffset), entry.isTree, entry.isBlob)
            }
            offset = entry.end
        }
        return nil
    }

    /// The id of the file at `path` in a tree, read as `changedFiles` reads trees; nil when there
    /// is none there, or it is a folder or a symbolic link (no file of the playbook).
    public func fileID(inTree tree: ObjectID, path: String) throws -> ObjectID? {
        var here = tree
        let names = path.utf8.split(separator: UInt8(ascii: "/")).map(Array.init)
        for (position, name) in names.enumerated() {
            let raw = try read(here)
            defer { withExtendedLifetime(raw) {} }
            let bytes = raw.bytes
            var offset = 0
            var found: Entry?
            while offset < bytes.count, let entry = Self.entry(bytes, at: offset) {
                if entry.nameEnd - entry.nameStart == name.count,
                   name.withUnsafeBytes({ memcmp(bytes.baseAddress! + entry.nameStart, $0.baseAddress!, name.count) == 0 }) {
                    found = entry
                    break
                }
                offset = entry.end
            }
            guard let found else { return nil }
            let id = ObjectID(raw: bytes.baseAddress! + found.idOffset)
            if position == names.count - 1 { return found.isBlob && !found.isLink ? id : nil }
            guard found.isTree else { return nil }
            here = id
        }
        return nil
    }

    /// The files that differ between two trees (either may be nil for "empty"), recursively.
    func compare(
        _ old: ObjectID?, _ new: ObjectID?, prefix: String, include: (String) -> Bool,
        into changes: inout [FileChange]
    ) throws {
        if old == new { return }
        let oldTree = try old.map { try read($0) }
        let newTree = try new.map { try read($0) }
        // The buffers are borrowed from the odb objects: keep those alive until the scan is done.
        defer { withExtendedLifetime((oldTree, newTree)) {} }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        let subtrees = Self.scan(oldTree?.bytes ?? empty, newTree?.bytes ?? empty, prefix: prefix, include: include,
                            changes: &changes)
        for (path, oldID, newID) in subtrees {
            try compare(oldID, newID, prefix: path + "/", include: include, into: &changes)
        }
    }

    /// The entries that differ between two raw tree buffers, one level deep (folders listed as
    /// changes too): the tree-entry parser and scan on their own, for fuzzing and for comparing
    /// with libgit2. Malformed bytes end the scan; they never crash it.
    public static func changedEntries(between old: [UInt8], and new: [UInt8]) -> [FileChange] {
        old.withUnsafeBytes { a in
            new.withUnsafeBytes { b in
                var changes: [FileChange] = []
                let subtrees = scan(a, b, prefix: "", include: { _ in true }, changes: &changes)
                return changes + subtrees.map { FileChange(path: $0.0 + "/", oldBlob: $0.1, newBlob: $0.2) }
            }
        }
    }

    /// One level: the changed files it holds go to `changes`; the changed folders are returned.
    private static func scan(
        _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, prefix: String, include: (String) -> Bool,
        changes: inout [FileChange]
    ) -> [(String, ObjectID?, ObjectID?)] {
        var subtrees: [(String, ObjectID?, ObjectID?)] = []
        // Identical bytes up to `same`: back up to the entry boundary before it.
        let same = Self.commonPrefix(a, b)
        var start = 0
        while start < same {
            guard let end = Self.entryEnd(a, at: start), end <= same else { break }
            start = end
        }
        let suffix = Self.commonSuffix(a, b, limit: min(a.count, b.count) - start)
        var i = start, j = start
        while i < a.count || j < b.count {
            // Equal remaining lengths within the common suffix: the rest is identical.
            if a.count - i == b.count - j && a.count - i <= suffix { break }
            let x = i < a.count ? Self.entry(a, at: i) : nil
            let y = j < b.count ? Self.entry(b, at: j) : nil
            if (i < a.count && x == nil) || (j < b.count && y == nil) { break }  // malformed: stop here
            if let x, let y {
                let order = Self.gitOrder(a, x, b, y)
                if order == 0 {
                    i = x.end
                    j = y.end
                    let sameID = memcmp(a.baseAddress! + x.idOffset, b.baseAddress! + y.idOffset, 20) == 0
                    if sameID && x.isTree == y.isTree && x.isBlob == y.isBlob { continue }
                    record(a, x, b, y, prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
                } else if order < 0 {
                    i = x.end
                    record(a, x, b, nil, prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
                } else {
                    j = y.end
                    record(a, nil, b, y, prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
                }
            } else if let x {
                i = x.end
                record(a, x, b, nil, prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
            } else if let y {
                j = y.end
                record(a, nil, b, y, prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
            } else {
                break
            }
        }
        return subtrees
    }

    private static func record(
        _ a: UnsafeRawBufferPointer, _ x: Entry?, _ b: UnsafeRawBufferPointer, _ y: Entry?,
        prefix: String, include: (String) -> Bool,
        subtrees: inout [(String, ObjectID?, ObjectID?)], changes: inout [FileChange]
    ) {
        let name: String
        if let y {
            name = String(decoding: UnsafeRawBufferPointer(rebasing: b[y.nameStart..<y.nameEnd]), as: UTF8.self)
        } else if let x {
            name = String(decoding: UnsafeRawBufferPointer(rebasing: a[x.nameStart..<x.nameEnd]), as: UTF8.self)
        } else {
            return
        }
        let path = prefix + name
        let oldID = x.map { ObjectID(raw: a.baseAddress! + $0.idOffset) }
        let newID = y.map { ObjectID(raw: b.baseAddress! + $0.idOffset) }
        let oldTree = x?.isTree == true ? oldID : nil
        let newTree = y?.isTree == true ? newID : nil
        if oldTree != nil || newTree != nil { subtrees.append((path, oldTree, newTree)) }
        let oldBlob = x?.isBlob == true ? oldID : nil
        let newBlob = y?.isBlob == true ? newID : nil
        if (oldBlob != nil || newBlob != nil) && oldBlob != newBlob && include(path) {
            var change = FileChange(path: path, oldBlob: oldBlob, newBlob: newBlob, newIsLink: y?.isLink == true, oldIsLink: x?.isLink == true)
            if let y {
                let raw = UnsafeRawBufferPointer(rebasing: b[y.nameStart..<y.nameEnd])
                change.nameIsUTF8 = !raw.contains(where: { $0 >= 0x80 }) || String(validating: raw, as: UTF8.self) != nil
            }
            changes.append(change)
        }
    }

    /// git's tree order: bytewise by name, a directory compared as if its name ended in "/".
    static func gitOrder(_ a: UnsafeRawBufferPointer, _ x: Entry, _ b: UnsafeRawBufferPointer, _ y: Entry) -> Int32 {
        let lengthA = x.nameEnd - x.nameStart, lengthB = y.nameEnd - y.nameStart
        let common = min(lengthA, lengthB)
        let order = memcmp(a.baseAddress! + x.nameStart, b.baseAddress! + y.nameStart, common)
        if order != 0 { return order }
        let nextA: UInt8 = lengthA > common ? a[x.nameStart + common] : (x.isTree ? UInt8(ascii: "/") : 0)
        let nextB: UInt8 = lengthB > common ? b[y.nameStart + common] : (y.isTree ? UInt8(ascii: "/") : 0)
        if nextA == nextB && lengthA == lengthB { return 0 }
        return Int32(nextA) - Int32(nextB)
    }

    static func commonPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let limit = min(a.count, b.count)
        var index = 0
        while index + 8 <= limit,
              a.loadUnaligned(fromByteOffset: index, as: UInt64.self) == b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
            index += 8
        }
        while index < limit, a[index] == b[index] { index += 1 }
        return index
    }

    static func commonSuffix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
        var length = 0
        while length + 8 <= limit,
              a.loadUnaligned(fromByteOffset: a.count - length - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: b.count - length - 8, as: UInt64.self) {
            length += 8
        }
        while length < limit, a[a.count - length - 1] == b[b.count - length - 1] { length += 1 }
        return length
    }
}

extension ObjectID {
    /// Copies 20 raw id bytes from memory.
    init(raw: UnsafeRawPointer) {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: 20)) }
        self.init(oid)
    }
}
