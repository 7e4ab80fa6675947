import Foundation
import PlaybookGit

/// What a cache was built for: a cache of another walk mode or other roots is not reused.
struct CacheKey: Hashable {
    var mode: WalkMode
    var roots: [String]
}

/// The walk's results up to a commit, as stored between runs. Authors are kept as recorded
/// (the mailmap is applied on every run, so editing `.mailmap` needs no rebuild).
struct CachedHistory {
    var key: CacheKey
    var tip: ObjectID
    /// Every commit already read, in walk order.
    var commits: [ObjectID]
    var records: [CommitRecord]
    var brokenPaths: [String: ObjectID]
    /// Commits placed later than their committer date (dated before their first parent's place),
    /// with the time they are placed at; every other commit is placed at its committer date.
    var placedLater: [ObjectID: Int64] = [:]
    /// The files each id was defined in at the tip.
    var locations: [String: Set<String>] = [:]
    /// For ids in more than one file, the one the history follows (`CommitDiffer.followed`):
    /// written first on its `located` line.
    var followed: [String: String] = [:]
    /// The author of record `index` as the commit has it, where `records` holds the name the
    /// mailmap gives: the cache keeps authors as recorded.
    var recordedAuthors: [Int: Person] = [:]
    /// The same for changes' own authors (`EntityChange.author`), by record index and change index.
    var recordedChangeAuthors: [Int: [Int: Person]] = [:]
    /// Set when the cache was read for the commit it was written at (`HistoryCache.load(at:)`):
    /// nothing is left to walk, so `commits` holds that commit only and `locations` nothing (both
    /// serve only a walk, and reading them was a seventh of the first thread's share); this is
    /// how many commits the cache had read.
    var commitsUpToTip: Int?
}

/// What reading the cache came to.
enum CacheLoad {
    /// No cache yet, or one kept for another walk (other roots): read everything, say nothing.
    case absent
    case loaded(CachedHistory)
    /// A cache that is damaged, of another version, or in a place that cannot be trusted:
    /// ignored (and rebuilt where it may be), with the reason for a note.
    case rejected(String)
}

/// The incremental cache under `.git/playbook/`: an optimisation only. A file that is missing,
/// of another format or meaning version, for another walk, or unreadable in any way is ignored,
/// and the history is read from git again; deleting it changes no number.
///
/// The first line names the version, which covers both the layout and the meaning of the values
/// (bump it whenever the way a stored value is computed changes, e.g. how scalars resolve).
/// The last line carries a checksum of everything before it, so a torn or edited file is
/// refused before any of it is believed, and every count is bounded by the bytes left, so no
/// count can make the reader allocate more than the file could hold.
public enum HistoryCache {
    /// Version 4: values keep their resolved type (`FieldValue`: a quoted "47000" is a string, not
    /// the number 47000); scalars resolved by the core schema with numbers as exact decimals; checksummed;
    /// records say whether they are on the first-parent line, changes whether a merge inherited them;
    /// the files each id lives in are kept, so a duplicate id is told from a restored one.
    /// Version 5: the same lines; the checksum runs four lanes over 32-byte blocks (`Checksum`).
    /// Version 6: the same lines; a merge's change is inherited only when the side line changed that
    /// file since it forked (a merge taking a file back is the merge's own change).
    /// Version 7: the same lines; a committed symbolic link is no file (its target was read as one).
    /// Version 8: a change line ends with the change's own author (a merge's change, credited to
    /// the side commit that made the file's version), "-" "-" for the commit's author; a `located`
    /// line of an id in more than one file names the file the history follows first.
    /// Version 9: the same lines; with all parents, a merge's change to a file both lines edited is
    /// inherited when every value it changed came from a merged side.
    /// Version 10: the same lines; a merge's file that the first parent's line moved and a merged
    /// side edited under its old path is credited to (and, with all parents, inherited from) that side.
    /// Version 11: the same lines; a key written twice in a version has its first value (it had
    /// both), and the authors and summaries of commits with an `encoding` header are converted to UTF-8.
    /// Version 12: the same lines; a version that writes a key twice gets a note naming it.
    /// Version 13: the same lines; a merge's change to an entity of a file both lines edited is split
    /// by who made each value: the values a merged side brought are credited to the side commit that
    /// made them (and, with all parents, inherited), in either walk; a value no parent had stays the merge's.
    /// Version 14: the same lines; a file in a hidden folder below a root (`playbooks/.archive/`) is no
    /// longer read, as lint's walk, `--staged` and review never read it.
    /// Version 15: the same lines; a merge that took a file whole from a side credits the side only
    /// with the fields it changed since the lines forked (a field put back to the fork's value is the merge's).
    /// Version 16: a `later` list after `broken`: commits dated before their first parent are placed
    /// at its place, and a record's time is where it is placed (it was the commit's own date).
    /// Version 17: the same lines; a commit dated before a parent that has no commit before it (the first
    /// commit, a shallow clone's edge) keeps its date when that parent is out of line (dated after now, or after
    /// a commit that follows in line): its children were all placed at a root dated in the future.
    static let header = "playbook-history-cache 17"

    /// With `head`: when the cache was written at that commit, the commit list and the files each
    /// id lives in are stepped over, not read (see `CachedHistory.commitsUpToTip`).
    static func load(from path: String, key: CacheKey, at head: ObjectID? = nil) -> CacheLoad {
        let directory = (path as NSString).deletingLastPathComponent
        if let problem = untrustedLocation(directory: directory, file: path) { return .rejected(problem) }
        // Mapped, not copied: the file is tens of megabytes, read once, and only ever replaced by a
        // rename (never rewritten in place), so the mapping keeps the version it opened.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return .absent }
        return data.withUnsafeBytes { raw -> CacheLoad in
            decode(raw.bindMemory(to: UInt8.self), key: key, at: head)
        }
    }

    /// Whether `bytes` decode as a cache for `roots` and `mode`; for fuzzing the reader.
    public static func accepts(_ bytes: [UInt8], roots: [String], mode: WalkMode) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            if case .loaded = decode(buffer, key: CacheKey(mode: mode, roots: roots)) { return true }
            return false
        }
    }

    /// `body` followed by the `end` line with its checksum: a well-formed seal, so a fuzzer can
    /// reach the parser behind the checksum.
    public static func sealed(_ body: [UInt8]) -> [UInt8] {
        var bytes = body
        seal(&bytes)
        return bytes
    }

    /// Appends the `end` line in place (the cache can be tens of megabytes: no copy).
    static func seal(_ bytes: inout [UInt8]) {
        let sum = bytes.withUnsafeBufferPointer { checksum($0) }
        bytes.append(contentsOf: "end\t\(String(sum, radix: 16))\n".utf8)
    }

    /// Why the cache directory or file must not be used: a symbolic link (which would make
    /// reads and writes land outside `.git`), or something that is not a directory / regular file.
    /// Nil when it is fine or does not exist yet.
    static func untrustedLocation(directory: String, file: String) -> String? {
        let manager = FileManager.default
        // attributesOfItem does not follow a symbolic link in the last component.
        if let attributes = try? manager.attributesOfItem(atPath: directory) {
            let type = attributes[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                return "\(directory) is a symbolic link, so the history cache is neither read nor written; "
                    + "remove it to let playbook keep its cache there"
            }
            if type != .typeDirectory {
                return "\(directory) is not a directory, so the history cache is neither read nor written; "
                    + "remove it to let playbook keep its cache there"
            }
        }
        if let attributes = try? manager.attributesOfItem(atPath: file),
           let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            return "\(file) is not a regular file, so the history cache is neither read nor written; remove it"
        }
        return nil
    }

    /// Writes to a temporary file beside the cache and renames it over, so a reader never sees half a cache.
    static func save(_ history: CachedHistory, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if let problem = untrustedLocation(directory: directory, file: path) { throw HistoryError(problem) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Created just now by someone else as a link? Check again before writing through it.
        if let problem = untrustedLocation(directory: directory, file: path) { throw HistoryError(problem) }
        let temporary = directory + "/.history-cache-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try stream(history, toNewFile: temporary)
            guard rename(temporary, path) == 0 else {
                throw HistoryError("could not replace the history cache \(path)")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Writes all of `buffer` to an open file, resuming after interruptions.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw HistoryError("could not write \(path) (errno \(errno))") }
            offset += written
        }
    }

    /// Encodes straight into a file that must not exist yet, a megabyte at a time, sealed as
    /// `encode` seals: a whole cache held as one array (and its growth copies) was 50 MB of the
    /// walk's peak on a 50,000-commit history.
    static func stream(_ history: CachedHistory, toNewFile path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw HistoryError("could not create \(path) (errno \(errno))") }
        defer { close(descriptor) }
        var failure: (any Error)?
        var checksum = Checksum()
        var w = ByteWriter()
        w.output = { chunk, last in
            guard failure == nil else { return }
            checksum.add(chunk, last: last)
            do { try writeAll(chunk, to: descriptor, path: path) } catch { failure = error }
        }
        encodeBody(history, into: &w)
        w.flush(last: true)
        w.output = nil
        if let failure { throw failure }
        let end = Array("end\t\(String(checksum.value, radix: 16))\n".utf8)
        try end.withUnsafeBytes { try writeAll($0, to: descriptor, path: path) }
    }

    /// A 64-bit checksum of the bytes (`Checksum`): catches torn writes and edits; it is not
    /// meant to stop a forger, who could as well edit the playbook.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var checksum = Checksum()
        checksum.add(UnsafeRawBufferPointer(bytes), last: true)
        return checksum.value
    }

    /// The checksum fed in pieces: every piece but the last a whole number of 32-byte blocks.
    /// Four FNV-1a lanes, each taking every fourth 8-byte word, folded into one at the end (with
    /// the words and bytes after the last block): one lane waited on each multiplication, and
    /// checksumming was a fifth of the second thread's share of reading a 25 MB cache.
    struct Checksum {
        private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        private static let prime: UInt64 = 0x0000_0100_0000_01b3
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (basis, basis ^ 1, basis ^ 2, basis ^ 3)
        private var folded: UInt64?

        /// The checksum of everything added; only once the last piece is in.
        var value: UInt64 { folded ?? 0 }

        private static func mix(_ value: UInt64, _ word: UInt64) -> UInt64 {
            let product = (value ^ word) &* prime
            return product ^ (product >> 32)
        }

        mutating func add(_ raw: UnsafeRawBufferPointer, last: Bool) {
            precondition(folded == nil, "nothing may be added after the last piece")
            var index = 0
            var (a, b, c, d) = lanes
            while index + 32 <= raw.count {
                a = Self.mix(a, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                b = Self.mix(b, raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                c = Self.mix(c, raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
                d = Self.mix(d, raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
                index += 32
            }
            lanes = (a, b, c, d)
            precondition(last || index == raw.count, "only the last piece may end mid-block")
            guard last else { return }
            var value = Self.mix(Self.mix(Self.mix(a, b), c), d)
            while index + 8 <= raw.count {
                value = Self.mix(value, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            while index < raw.count {
                value = (value ^ UInt64(raw[index])) &* Self.prime
                index += 1
            }
            folded = value
        }
    }

    /// A hash of a short text (FNV-1a over 8-byte words, then the tail bytes), for `ByteReader`'s
    /// table of shared names.
    static func nameHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        var index = 0
        while index + 8 <= raw.count {
            value = (value ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* prime
            value ^= value >> 32
            index += 8
        }
        while index < raw.count {
            value = (value ^ UInt64(raw[index])) &* prime
            index += 1
        }
        return value
    }

    /// Lines of tab-separated fields; tabs, newlines and backslashes inside fields are escaped.
    /// An optional field is "-" when absent and "+" followed by the text when present.
    static func encode(_ history: CachedHistory) -> [UInt8] {
        var w = ByteWriter()
        encodeBody(history, into: &w)
        var bytes = w.take()
        seal(&bytes)
        return bytes
    }

    private static func encodeBody(_ history: CachedHistory, into w: inout ByteWriter) {
        w.field(header); w.end()
        w.field("key"); w.field(history.key.mode.rawValue)
        for root in history.key.roots { w.field(root) }
        w.end()
        w.field("tip"); w.id(history.tip); w.end()
        w.field("commits"); w.number(history.commits.count); w.end()
        for commit in history.commits { w.id(commit); w.end() }
        w.field("broken"); w.number(history.brokenPaths.count); w.end()
        for (path, blob) in history.brokenPaths.sorted(by: { $0.key < $1.key }) { w.field(path); w.id(blob); w.end() }
        w.field("later"); w.number(history.placedLater.count); w.end()
        for (commit, time) in history.placedLater.sorted(by: { $0.key.description < $1.key.description }) {
            w.id(commit); w.number(Int(time)); w.end()
        }
        w.field("located"); w.number(history.locations.count); w.end()
        for (id, paths) in history.locations.sorted(by: { $0.key < $1.key }) {
            w.field(id)
            let first = paths.count > 1 ? history.followed[id].flatMap { paths.contains($0) ? $0 : nil } : nil
            if let first { w.field(first) }
            for path in paths.sorted() where path != first { w.field(path) }
            w.end()
        }
        w.field("records"); w.number(history.records.count); w.end()
        // In place, by index: iterating by value copied every record, change and field (their strings retained and released).
        let mapped = !history.recordedAuthors.isEmpty
        let mappedChanges = !history.recordedChangeAuthors.isEmpty
        history.records.withUnsafeBufferPointer { records in
            for index in records.indices {
                encode(records[index], author: mapped ? history.recordedAuthors[index] : nil,
                       changeAuthors: mappedChanges ? history.recordedChangeAuthors[index] : nil, into: &w)
            }
        }
    }

    /// `author`: the record's author as recorded, when the record holds another; `changeAuthors`
    /// the same for its changes' own authors, by change index.
    private static func encode(_ record: borrowing CommitRecord, author: Person?, changeAuthors: [Int: Person]?,
                               into w: inout ByteWriter) {
        w.field("R"); w.id(record.id); w.number(Int(record.time)); w.number(record.changes.count)
        w.number(record.notes.count); w.number(record.mainLine ? 1 : 0)
        if let author {
            w.field(author.name); w.field(author.email)
        } else {
            w.field(record.author.name); w.field(record.author.email)
        }
        w.field(record.summary)
        w.end()
        record.changes.withUnsafeBufferPointer { changes in
            for index in changes.indices { encode(changes[index], author: changeAuthors?[index], into: &w) }
        }
        for note in record.notes { w.field("N"); w.field(note.path); w.field(note.message); w.end() }
    }

    /// `author`: the change's own author as recorded, when the change holds another.
    private static func encode(_ change: borrowing EntityChange, author: Person?, into w: inout ByteWriter) {
        w.field("C"); w.field(change.type.rawValue); w.number(change.fields.count); w.number(change.inherited ? 1 : 0)
        w.field(change.entity)
        w.field(change.kind); w.field(change.path); w.optional(change.previousPath)
        let credited = author ?? change.author
        w.optional(credited?.name); w.optional(credited?.email)
        w.end()
        change.fields.withUnsafeBufferPointer { fields in
            for index in fields.indices {
                w.field("F"); w.field(fields[index].path)
                w.optional(fields[index].oldValue?.storage); w.optional(fields[index].newValue?.storage)
                w.end()
            }
        }
    }

    /// Appends `source`'s records to `destination` by moving them, leaving a record without
    /// strings or lists in each slot: `append(contentsOf:)` copied twenty thousand records (their
    /// strings and lists retained) only for the source to release them all.
    static func moveRecords(from source: inout [CommitRecord], to destination: inout [CommitRecord]) {
        destination.reserveCapacity(destination.count + source.count)
        source.withUnsafeMutableBufferPointer { records in
            guard let first = records.baseAddress else { return }
            for index in records.indices {
                let record = (first + index).move()
                (first + index).initialize(to: CommitRecord(
                    id: record.id, time: 0, author: Person(name: "", email: ""), summary: "", changes: [], notes: []))
                destination.append(record)
            }
        }
        source = []
    }

    struct Malformed: Error {}

    /// Another walk's cache: not damaged, just not this one's.
    struct OtherWalk: Error {}

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, key: CacheKey, at head: ObjectID? = nil) -> CacheLoad {
        // The last line is `end<TAB>checksum`, over every byte before it.
        guard bytes.count >= 2, bytes[bytes.count - 1] == 10 else { return .rejected("the history cache is truncated") }
        var lineStart = bytes.count - 1
        while lineStart > 0, bytes[lineStart - 1] != 10 { lineStart -= 1 }
        let last = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<(bytes.count - 1)]), as: UTF8.self)
        let parts = last.split(separator: "\t", omittingEmptySubsequences: false)
        let firstLine = bytes.firstIndex(of: 10).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[..<$0]), as: UTF8.self) }
        guard firstLine == header else {
            return .rejected("the history cache was written by another version of playbook")
        }
        guard parts.count == 2, parts[0] == "end", let stored = UInt64(parts[1], radix: 16) else {
            return .rejected("the history cache is damaged (its checksum does not match)")
        }
        let body = UnsafeBufferPointer(rebasing: bytes[..<lineStart])
        // Two cores: the second checksums the file and decodes the later half of the records while
        // the first decodes the rest. Nothing decoded is believed before the checksum matches, and
        // the halves are used only when both decode and together hold the declared count: then they
        // are what one pass would have read. Otherwise one pass decides, as it always did.
        let split = splitPoint(body)
        let results = SplitResults()
        nonisolated(unsafe) let shared = body
        DispatchQueue.concurrentPerform(iterations: split == nil ? 1 : 2) { part in
            if part == 1, let split {
                results.sum = checksum(shared)
                var reader = ByteReader(UnsafeBufferPointer(rebasing: shared[split...]))
                results.tail = try? decodeRecords(&reader, count: nil)
            } else if let split {
                var reader = ByteReader(UnsafeBufferPointer(rebasing: shared[..<split]), beyond: shared.count - split)
                do {
                    (results.head, results.declared) = try decode(&reader, key: key, partial: true, at: head)
                } catch {
                    results.headError = error
                }
            } else {
                results.sum = checksum(shared)
            }
        }
        guard stored == results.sum else { return .rejected("the history cache is damaged (its checksum does not match)") }
        // Taken out of the box (not copied), so the records are appended to in place.
        if var history = results.takeHead(), var tail = results.takeTail(), history.records.count + tail.count == results.declared {
            moveRecords(from: &tail, to: &history.records)
            return .loaded(history)
        }
        if results.headError is OtherWalk { return .absent }
        var reader = ByteReader(body)
        do {
            return .loaded(try decode(&reader, key: key, partial: false, at: head).history)
        } catch is OtherWalk {
            return .absent
        } catch {
            return .rejected("the history cache is malformed")
        }
    }

    /// What the two halves of a split decode came to.
    private final class SplitResults: @unchecked Sendable {
        // Each written by one iteration only, read after both are done.
        var sum: UInt64 = 0
        var head: CachedHistory?
        var declared = 0
        var headError: (any Error)?
        var tail: [CommitRecord]?

        func takeHead() -> CachedHistory? {
            defer { head = nil }
            return head
        }

        func takeTail() -> [CommitRecord]? {
            defer { tail = nil }
            return tail
        }
    }

    /// Where a record line begins near the middle of the file: a line starting "R<TAB>" after 57.5 %
    /// of it (lines inside records start with a one-letter tag, and every tab or newline in a
    /// field is escaped). Nil for a small file, or none found: one pass reads it.
    private static func splitPoint(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 1 << 20 else { return nil }
        // Past 57.5 % rather than half-way: this thread also checksums the whole file, and decoding
        // the later records costs more per byte (measured by each thread's CPU time on a
        // 50,000-commit history, 25 MB: halves left the other thread waiting 18 ms for this one;
        // checksumming in four lanes and stepping over the commit list at the cache's tip moved
        // about as much work off each thread).
        var index = bytes.count * 23 / 40
        while index + 2 < bytes.count {
            if bytes[index] == 10, bytes[index + 1] == UInt8(ascii: "R"), bytes[index + 2] == 9 { return index + 1 }
            index += 1
        }
        return nil
    }

    /// The cache up to the end of `reader`, and the record count it declares. With `partial`, the
    /// bytes may end after any whole record (the rest is read by `decodeRecords`); otherwise
    /// they hold exactly the declared count.
    private static func decode(_ reader: inout ByteReader, key: CacheKey, partial: Bool, at head: ObjectID? = nil) throws
        -> (history: CachedHistory, declared: Int) {
        guard try reader.text() == header, reader.atLineEnd else { throw Malformed() }
        guard try reader.text() == "key", let mode = WalkMode(rawValue: try reader.text()) else { throw Malformed() }
        var roots: [String] = []
        while !reader.atLineEnd { roots.append(try reader.text()) }
        let storedKey = CacheKey(mode: mode, roots: roots)
        guard storedKey == key else { throw OtherWalk() }
        guard try reader.text() == "tip", let tip = ObjectID(hex: try reader.text()) else { throw Malformed() }
        // Every count is checked against the bytes left (at least `each` bytes per item) before
        // anything is reserved: a count of 9999999999999999 is malformed, not an allocation.
        let commitCount = try reader.count("commits", each: 41)
        var commits: [ObjectID] = []
        // At the commit it was written for (the last one read is the tip, as a walk leaves it):
        // the list is stepped over, each line checked to be 40 digits long.
        let upToTip = head == tip ? try reader.lastOfIDLines(commitCount).flatMap { $0 == tip ? commitCount : nil } : nil
        if upToTip != nil {
            commits = [tip]
        } else {
            commits.reserveCapacity(commitCount)
            for _ in 0..<commitCount { commits.append(try reader.objectID()) }
        }
        var broken: [String: ObjectID] = [:]
        for _ in 0..<(try reader.count("broken", each: 42)) {
            let path = try reader.text()
            broken[path] = try reader.objectID()
        }
        var placedLater: [ObjectID: Int64] = [:]
        for _ in 0..<(try reader.count("later", each: 43)) {
            let commit = try reader.objectID()
            guard let time = try reader.integer().map(Int64.init) else { throw Malformed() }
            placedLater[commit] = time
        }
        var locations: [String: Set<String>] = [:]
        var followed: [String: String] = [:]
        let locatedCount = try reader.count("located", each: 3)
        if upToTip != nil {
            try reader.skipLines(locatedCount)
        } else {
            for _ in 0..<locatedCount {
                let id = try reader.text()
                var paths = Set<String>()
                let first = try reader.text()
                paths.insert(first)
                while !reader.atLineEnd { paths.insert(try reader.text()) }
                locations[id] = paths
                if paths.count > 1 { followed[id] = first }
            }
        }
        // Bounded by the whole file's bytes when only a part is read here (see `ByteReader.beyond`).
        let recordCount = try reader.count("records", each: 48)
        let records = try decodeRecords(&reader, count: partial ? nil : recordCount, reserve: recordCount)
        return (CachedHistory(key: storedKey, tip: tip, commits: commits, records: records, brokenPaths: broken,
                              placedLater: placedLater, locations: locations, followed: followed, commitsUpToTip: upToTip), recordCount)
    }

    /// `count` records to the end of `reader`; with nil, as many as it holds, up to its end.
    private static func decodeRecords(_ reader: inout ByteReader, count: Int?, reserve: Int = 0) throws -> [CommitRecord] {
        var records: [CommitRecord] = []
        records.reserveCapacity(count ?? reserve)
        while count.map({ records.count < $0 }) ?? !reader.isAtEnd {
            // Tags, numbers and ids read from the bytes: making each a string first (a heap copy
            // for every 40-digit id) was a sixth of decoding.
            guard try reader.isWord("R") else { throw Malformed() }
            let id = try reader.objectID()
            guard let time = try reader.integer().map(Int64.init) else { throw Malformed() }
            let changeCount = try reader.bounded(try reader.integer(), each: 8)
            let noteCount = try reader.bounded(try reader.integer(), each: 4)
            let mainLine = try reader.flag()
            let author = Person(name: try reader.name(), email: try reader.name())
            let summary = try reader.text()
            var changes: [EntityChange] = []
            changes.reserveCapacity(changeCount)
            for _ in 0..<changeCount {
                guard try reader.isWord("C"), let type = try reader.changeType() else { throw Malformed() }
                let fieldCount = try reader.bounded(try reader.integer(), each: 5)
                let inherited = try reader.flag()
                let entity = try reader.name(), kind = try reader.name(), path = try reader.name()
                let previousPath = try reader.optional()
                let creditedName = try reader.optional(), creditedEmail = try reader.optional()
                guard (creditedName == nil) == (creditedEmail == nil) else { throw Malformed() }
                let credited = creditedName.flatMap { name in creditedEmail.map { Person(name: name, email: $0) } }
                var fields: [FieldChange] = []
                fields.reserveCapacity(fieldCount)
                for _ in 0..<fieldCount {
                    guard try reader.isWord("F") else { throw Malformed() }
                    let fieldPath = try reader.name()
                    let old = try reader.optional().map(FieldValue.init(storage:))
                    fields.append(FieldChange(path: fieldPath, old: old, new: try reader.optional().map(FieldValue.init(storage:))))
                }
                changes.append(EntityChange(entity: entity, kind: kind, type: type, path: path,
                                            previousPath: previousPath, fields: fields, inherited: inherited, author: credited))
            }
            var notes: [HistoryNote] = []
            for _ in 0..<noteCount {
                guard try reader.isWord("N") else { throw Malformed() }
                let path = try reader.text()
                notes.append(HistoryNote(commit: id, path: path, message: try reader.text()))
            }
            records.append(CommitRecord(id: id, time: time, author: author, summary: summary, changes: changes, notes: notes,
                                        mainLine: mainLine))
        }
        guard reader.isAtEnd else { throw Malformed() }
        return records
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else { return text }
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(92) else { return text }
        var copy = text
        return copy.withUTF8 { unescape(UnsafeBufferPointer(rebasing: $0[...])) }
    }

    /// The text of escaped bytes, unescaped byte by byte (every escape is ASCII): long values
    /// (a design, a learning) are escaped for their line breaks, and a cache holds thousands.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var escaping = false
            for byte in bytes {
                if escaping {
                    switch byte {
                    case UInt8(ascii: "t"): out[count] = 9
                    case UInt8(ascii: "n"): out[count] = 10
                    case UInt8(ascii: "r"): out[count] = 13
                    default: out[count] = byte
                    }
                    count += 1
                    escaping = false
                } else if byte == 92 {
                    escaping = true
                } else {
                    out[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}

/// Builds the cache text as bytes, escaping as it goes: tab-separated fields, one record a line.
private struct ByteWriter {
    var bytes: [UInt8] = []
    private var lineStart = true

    init() { bytes.reserveCapacity(2 << 20) }

    private mutating func separate() {
        if !lineStart { bytes.append(9) }
        lineStart = false
    }

    mutating func field(_ text: String) {
        separate()
        // Most fields need no escape: copied whole.
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard !utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain == true { return }
        for byte in text.utf8 {
            switch byte {
            case 92: bytes.append(92); bytes.append(92)
            case 9: bytes.append(92); bytes.append(UInt8(ascii: "t"))
            case 10: bytes.append(92); bytes.append(UInt8(ascii: "n"))
            case 13: bytes.append(92); bytes.append(UInt8(ascii: "r"))
            default: bytes.append(byte)
            }
        }
    }

    /// "-" for none, "+" and the text otherwise.
    mutating func optional(_ text: String?) {
        guard let text else {
            separate()
            bytes.append(UInt8(ascii: "-"))
            return
        }
        separate()
        bytes.append(UInt8(ascii: "+"))
        lineStart = true  // the text follows the "+" directly
        field(text)
    }

    mutating func number(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func id(_ id: ObjectID) {
        separate()
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { hex in
            for byte in id.bytes {
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0f)])
            }
        }
    }

    /// Where full chunks go (with whether it is the last); nil to keep everything in `bytes`.
    var output: ((UnsafeRawBufferPointer, Bool) -> Void)?

    mutating func end() {
        bytes.append(10)
        lineStart = true
        if output != nil, bytes.count >= 1 << 20 { flush(last: false) }
    }

    /// Hands what is written to `output`: all of it when `last`, else whole 32-byte blocks (`Checksum`).
    mutating func flush(last: Bool) {
        guard let output else { return }
        let count = last ? bytes.count : bytes.count & ~31
        bytes.withUnsafeBytes { output(UnsafeRawBufferPointer(rebasing: $0[..<count]), last) }
        bytes.removeFirst(count)
    }

    /// The bytes written, handed over without a copy.
    mutating func take() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}

/// Reads the cache field by field, straight from the file's bytes.
private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// True when the last field read ended its line.
    private(set) var atLineEnd = false

    /// Bytes of the file after `bytes` that another reader reads: counts are bounded by the file.
    let beyond: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, beyond: Int = 0) {
        self.bytes = bytes
        self.beyond = beyond
    }

    /// The next field's raw range, moving past its separator.
    private mutating func next() throws -> (Range<Int>, escaped: Bool) {
        guard position < bytes.count, let base = bytes.baseAddress else { throw HistoryCache.Malformed() }
        let start = position
        let count = bytes.count
        var escaped = false
        while true {
            // Eight bytes at a time up to the word holding a tab, a line end or a backslash (paths,
            // ids and values run to dozens of bytes); that word byte by byte.
            while position &+ 8 <= count,
                  !Self.holdsSeparatorOrEscape(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                position &+= 8
            }
            let stop = Swift.min(position &+ 8, count)
            guard position < stop else { throw HistoryCache.Malformed() }
            while position < stop {
                let byte = base[position]
                if byte == 9 || byte == 10 {
                    atLineEnd = byte == 10
                    position &+= 1
                    return (start..<position - 1, escaped)
                }
                if byte == 92 { escaped = true }
                position &+= 1
            }
        }
    }

    /// Whether any byte of `word` is a tab (9), a line end (10) or a backslash (92).
    @inline(__always)
    private static func holdsSeparatorOrEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // Nonzero exactly when `x` has a zero byte.
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroByte(word ^ (ones &* 9)) | zeroByte(word ^ (ones &* 10)) | zeroByte(word ^ (ones &* 92)) != 0
    }

    /// Texts read by `name()`, by a hash of their bytes: a slot per hash's top bits, the first
    /// text seen keeping it (a dictionary hashed each hash again, a fifth of `name()`).
    private var nameSlots = SharedTexts()

    struct SharedTexts {
        static let bits = 15
        var texts: [String?] = Array(repeating: nil, count: 1 << bits)
        var hashes: [UInt64] = Array(repeating: 0, count: 1 << bits)
    }

    /// A field that repeats across records (a field path, a file path, an entity id, an author):
    /// one string per distinct text, so a cache of 300,000 field changes allocates each path once,
    /// and comparing two of them finds the same storage at once. Other fields read as `text()`.
    mutating func name() throws -> String {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return HistoryCache.unescape(slice) }
        return Self.shared(slice, in: &nameSlots)
    }

    /// The text of unescaped bytes, the same string as the last time they were read when the slot kept it.
    private static func shared(_ slice: UnsafeBufferPointer<UInt8>, in slots: inout SharedTexts) -> String {
        // Up to 15 bytes a string is held inline (nothing to share); long texts are rarely repeated.
        guard slice.count > 15, slice.count <= 128 else { return String(decoding: slice, as: UTF8.self) }
        let hash = HistoryCache.nameHash(slice)
        let slot = Int(truncatingIfNeeded: hash >> UInt64(64 - SharedTexts.bits))
        if var known = slots.texts[slot] {
            guard slots.hashes[slot] == hash else { return String(decoding: slice, as: UTF8.self) }
            let same = known.withUTF8 { utf8 in
                guard utf8.count == slice.count, let stored = utf8.baseAddress, let read = slice.baseAddress else { return false }
                return memcmp(stored, read, slice.count) == 0
            }
            return same ? known : String(decoding: slice, as: UTF8.self)
        }
        let text = String(decoding: slice, as: UTF8.self)
        slots.texts[slot] = text
        slots.hashes[slot] = hash
        return text
    }

    mutating func text() throws -> String {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        return escaped ? HistoryCache.unescape(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// "-" for none, "+text" for text.
    mutating func optional() throws -> String? {
        let (range, escaped) = try next()
        guard let first = range.first.map({ bytes[$0] }) else { throw HistoryCache.Malformed() }
        if first == UInt8(ascii: "-") && range.count == 1 { return nil }
        guard first == UInt8(ascii: "+") else { throw HistoryCache.Malformed() }
        let slice = UnsafeBufferPointer(rebasing: bytes[range.dropFirst()])
        return escaped ? HistoryCache.unescape(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// Whether the next field reads `word` (a tag, a flag): compared as bytes, as `text() == word` would.
    mutating func isWord(_ word: StaticString) throws -> Bool {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return HistoryCache.unescape(slice) == word.description }
        return word.withUTF8Buffer { $0.elementsEqual(slice) }
    }

    /// `added`, `changed` or `removed`; nil for anything else.
    mutating func changeType() throws -> ChangeType? {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return ChangeType(rawValue: HistoryCache.unescape(slice)) }
        let type: ChangeType = slice.count == 5 ? .added : slice.first == UInt8(ascii: "c") ? .changed : .removed
        return type.rawValue.utf8.elementsEqual(slice) ? type : nil
    }

    mutating func objectID() throws -> ObjectID {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let id = escaped ? ObjectID(hex: HistoryCache.unescape(slice)) : ObjectID(hexDigits: UnsafeRawBufferPointer(slice))
        guard let id else { throw HistoryCache.Malformed() }
        return id
    }

    /// A decimal field as `Int(text())` reads it (an optional sign, then digits; nil on overflow
    /// or anything else), without making the string.
    mutating func integer() throws -> Int? {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return Int(HistoryCache.unescape(slice)) }
        return Self.decimal(slice)
    }

    static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < digits.count else { return nil }
        var value = 0
        while index < digits.count {
            let digit = Int(digits[index]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflowed, !overflowedAgain else { return nil }
            value = next
            index += 1
        }
        return value
    }

    var isAtEnd: Bool { position == bytes.count }

    /// Steps over `count` lines of one 40-digit id each (checking each line's length, not its
    /// digits) and reads the last; nil (having moved nothing) when a line is not 40 bytes long or
    /// there is none, so the list is read id by id instead.
    mutating func lastOfIDLines(_ count: Int) throws -> ObjectID? {
        guard count > 0, position + count * 41 <= bytes.count else { return nil }
        var line = position
        for _ in 0..<count {
            guard bytes[line + 40] == 10 else { return nil }
            line += 41
        }
        guard let last = ObjectID(hexDigits: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(line - 41)..<(line - 1)])))
        else { return nil }
        position = line
        atLineEnd = true
        return last
    }

    /// Steps over `count` lines, whatever they hold; malformed when the bytes end first.
    mutating func skipLines(_ count: Int) throws {
        guard count > 0 else { return }
        guard let base = bytes.baseAddress else { throw HistoryCache.Malformed() }
        for _ in 0..<count {
            guard position < bytes.count,
                  let end = memchr(base + position, 10, bytes.count - position) else { throw HistoryCache.Malformed() }
            position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(end)) + 1
        }
        atLineEnd = true
    }

    /// "1" or "0".
    mutating func flag() throws -> Bool {
        let (range, escaped) = try next()
        guard !escaped else {
            switch HistoryCache.unescape(UnsafeBufferPointer(rebasing: bytes[range])) {
            case "1": return true
            case "0": return false
            default: throw HistoryCache.Malformed()
            }
        }
        guard range.count == 1 else { throw HistoryCache.Malformed() }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "1"): return true
        case UInt8(ascii: "0"): return false
        default: throw HistoryCache.Malformed()
        }
    }

    /// A `name<TAB>count` line whose count fits in the bytes left, at `each` bytes per item.
    mutating func count(_ name: String, each: Int) throws -> Int {
        guard try text() == name else { throw HistoryCache.Malformed() }
        let count = try text()
        return try bounded(count, each: each)
    }

    /// A count that fits in the bytes left, at `each` bytes per item.
    func bounded(_ text: String, each: Int) throws -> Int {
        try bounded(Int(text), each: each)
    }

    func bounded(_ value: Int?, each: Int) throws -> Int {
        guard let value, value >= 0, value <= (bytes.count + beyond - position) / each else {
            throw HistoryCache.Malformed()
        }
        return value
    }
}
