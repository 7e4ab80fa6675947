import Foundation
import PlaybookGit

/// Writing the cache: its lines and their escapes, sealed in memory or streamed to a new file.
extension HistoryCache {
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
        w.optional(change.renamedFrom); w.optional(change.renamedTo)
        w.end()
        change.fields.withUnsafeBufferPointer { fields in
            for index in fields.indices {
                w.field("F"); w.field(fields[index].path)
                w.optional(fields[index].oldValue?.storage); w.optional(fields[index].newValue?.storage)
                w.end()
            }
        }
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
