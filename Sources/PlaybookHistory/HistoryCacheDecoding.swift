import Foundation
import PlaybookGit

/// Reading the cache: the checksum first, then its lines and records, in two parts on a large file.
extension HistoryCache {
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
                let renamedFrom = try reader.optional(), renamedTo = try reader.optional()
                var fields: [FieldChange] = []
                fields.reserveCapacity(fieldCount)
                for _ in 0..<fieldCount {
                    guard try reader.isWord("F") else { throw Malformed() }
                    let fieldPath = try reader.name()
                    let old = try reader.optional().map(FieldValue.init(storage:))
                    fields.append(FieldChange(path: fieldPath, old: old, new: try reader.optional().map(FieldValue.init(storage:))))
                }
                changes.append(EntityChange(entity: entity, kind: kind, type: type, path: path,
                                            previousPath: previousPath, fields: fields, inherited: inherited, author: credited,
                                            renamedFrom: renamedFrom, renamedTo: renamedTo))
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
