import PlaybookGit
import PlaybookModel
import PlaybookYAML

/// One entity as read from one version of a file.
struct EntityVersion: Sendable, Hashable {
    var id: String
    var kind: Kind
    var fields: [Field]
}

/// Where a file's one-line plain values stand, so that the next version of the file, when it
/// changes only such a value, is read by replacing that value instead of parsing it again.
struct Layout: Sendable {
    /// One plain, untagged, single-line scalar (not an `id` or `kind`) that ends its line.
    struct Value: Sendable {
        var line: Int32
        /// 1-based, in characters.
        var column: Int32
        /// Its length in bytes.
        var length: Int32
        var entity: Int32
        var field: Int32
    }

    var bytes: [UInt8]
    /// In line order.
    var values: [Value]
}

/// What one blob held: its entities, or why it could not be read.
enum ParsedFile: Sendable {
    case entities([EntityVersion], Layout?)
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
        var layout: Layout?
        let documents: [(index: Int, fields: [Field])]
        if let fast = readLaidOut(bytes) {
            switch fast {
            case .failure(let reason): return .unreadable(reason.description)
            case .success(let read):
                documents = read.documents
                layout = Layout(bytes: bytes, values: read.values)
            }
        } else {
            switch readWithLoader(bytes) {
            case .failure(let reason): return .unreadable(reason.description)
            case .success(let read): documents = read
            }
        }
        var entities: [EntityVersion] = []
        for document in documents {
            switch entity(document.fields, document: document.index) {
            case .success(let entity): entities.append(entity)
            case .failure(let reason): return .unreadable(reason.description)
            }
        }
        return .entities(entities, layout)
    }

    /// `bytes` read as a later version of the file `previous` was read from: when the two differ
    /// only in one plain value on one line (most commits), `previous` with that value replaced;
    /// otherwise parsed.
    static func parse(_ bytes: [UInt8], after previous: ParsedFile?) -> ParsedFile {
        if case .entities(let entities, let layout?) = previous {
            if let edited = edited(entities, layout, to: bytes) { return edited }
            if let appended = appended(entities, layout, to: bytes) { return appended }
        }
        return parse(bytes)
    }

    /// Each document with content, as fields, read from libyaml's events; nil when the file
    /// needs the loader (see `FlatReader`).
    static func readFast(_ bytes: [UInt8]) -> Result<[(index: Int, fields: [Field])], Unusable>? {
        readLaidOut(bytes).map { $0.map(\.documents) }
    }

    static func readLaidOut(_ bytes: [UInt8]) -> Result<(documents: [(index: Int, fields: [Field])], values: [Layout.Value]), Unusable>? {
        guard let documents = FlatReader.read(bytes) else { return nil }
        var result: [(index: Int, fields: [Field])] = []
        var values: [Layout.Value] = []
        values.reserveCapacity(documents.reduce(0) { $0 + ($1?.count ?? 0) })
        for (index, leaves) in documents.enumerated() {
            guard let leaves else { continue }
            var fields: [Field] = []
            fields.reserveCapacity(leaves.count)
            for leaf in leaves {
                switch leaf.value {
                case .scalar(let text, let style, let tag):
                    if let value = FieldValue.resolved(text, style: style, tag: tag) {
                        if style == .plain, tag == nil, leaf.line == leaf.endLine, leaf.column > 1,
                           !namesIdentity(leaf.path) {
                            values.append(Layout.Value(
                                line: leaf.line, column: leaf.column, length: Int32(clamping: text.utf8.count),
                                entity: Int32(result.count), field: Int32(fields.count)))
                        }
                        fields.append(Field(leaf.path, value))
                    }
                case .emptySequence: fields.append(Field(leaf.path, .emptyList))
                case .emptyMapping: fields.append(Field(leaf.path, .emptyMapping))
                }
            }
            result.append((index, fields))
        }
        return .success((result, values))
    }

    /// `kind`, `id` or a path ending in `.id`: values `edited` must not replace. Lengths and bytes
    /// first (this runs for every leaf of every file parsed); these spellings have no other.
    static func namesIdentity(_ path: String) -> Bool {
        let count = path.utf8.count
        if count == 4 && path == "kind" { return true }
        if count == 2 && path == "id" { return true }
        guard count >= 3, path.utf8.suffix(3).elementsEqual(".id".utf8) else { return false }
        return path.hasSuffix(".id")
    }

    /// The entities of `new`, when it differs from the file `layout` describes only inside one
    /// plain value that ends its line, and both values are plain words, numbers or dates that
    /// cannot change the file's structure; nil otherwise (the caller parses `new`).
    static func edited(_ entities: [EntityVersion], _ layout: Layout, to new: [UInt8]) -> ParsedFile? {
        // A version over the loader's size limit is the loader's to refuse, whatever changed.
        guard new.count <= Limits.standard.maxBytes else { return nil }
        let old = layout.bytes
        let newline = UInt8(ascii: "\n")
        let shorter = min(old.count, new.count)
        let prefix = ByteRuns.commonPrefix(old, new)
        guard prefix < shorter || old.count != new.count else { return .entities(entities, Layout(bytes: new, values: layout.values)) }
        let suffix = ByteRuns.commonSuffix(old, new, limit: shorter - prefix)
        // The changed bytes lie on one line of each version.
        if old[prefix..<(old.count - suffix)].contains(newline) || new[prefix..<(new.count - suffix)].contains(newline) { return nil }
        var lineStart = prefix
        while lineStart > 0 && old[lineStart - 1] != newline { lineStart -= 1 }
        var oldEnd = old.count - suffix
        while oldEnd < old.count && old[oldEnd] != newline { oldEnd += 1 }
        var newEnd = new.count - suffix
        while newEnd < new.count && new[newEnd] != newline { newEnd += 1 }
        let line = Int32(1 + ByteRuns.lineBreaks(old, before: lineStart))
        // The last value on that line, which must end it.
        var low = 0, high = layout.values.count
        while low < high {
            let middle = (low + high) / 2
            if layout.values[middle].line <= line { low = middle + 1 } else { high = middle }
        }
        guard low > 0, layout.values[low - 1].line == line else { return nil }
        let position = low - 1
        let value = layout.values[position]
        let offset = Int(value.column) - 1
        // Columns count characters: the bytes before the value must be ASCII for them to be bytes.
        guard lineStart + offset <= prefix, lineStart + offset + Int(value.length) == oldEnd,
              old[lineStart..<(lineStart + offset)].allSatisfy({ $0 < 0x80 }),
              isPlainWord(old[(lineStart + offset)..<oldEnd]), isPlainWord(new[(lineStart + offset)..<newEnd]),
              let text = FieldValue.resolved(String(decoding: new[(lineStart + offset)..<newEnd], as: UTF8.self),
                                             style: .plain, tag: nil)
        else { return nil }
        var changed = entities
        changed[Int(value.entity)].fields[Int(value.field)].value = text
        // The same lengths when the value kept its length (no copy of them then).
        var values = layout.values
        let length = Int32(newEnd - lineStart - offset)
        if values[position].length != length { values[position].length = length }
        return .entities(changed, Layout(bytes: new, values: values))
    }

    /// The entities of `new` when it is the file `layout` describes (perhaps with one plain value
    /// edited, as `edited` reads it) followed by new top-level keys, as an experiment gains its
    /// `start:` or its `result:` block: only the added lines are parsed. Nil otherwise.
    ///
    /// The old file must be one document whose root is a block mapping at column 1, ending in a
    /// line break, with no document markers or directives; the added text must start a key at
    /// column 1 and parse alone as one mapping. Then the whole file's leaves are the old part's
    /// followed by the added part's: the new keys close whatever the old part left open (a block
    /// scalar keeps its value, an empty value stays empty), and the flat reader reads them the same.
    static func appended(_ entities: [EntityVersion], _ layout: Layout, to new: [UInt8]) -> ParsedFile? {
        let old = layout.bytes
        let newline = UInt8(ascii: "\n")
        guard entities.count == 1, new.count > old.count, new.count <= Limits.standard.maxBytes,
              old.last == newline, isAppendable(old) else { return nil }
        // Where the old part ends in `new`: after the one edited line, old's remaining bytes follow unchanged.
        let prefix = ByteRuns.commonPrefix(old, new)
        var end = old.count
        if prefix < old.count {
            guard let oldLineEnd = old[prefix...].firstIndex(of: newline),
                  let newLineEnd = new[prefix...].firstIndex(of: newline) else { return nil }
            end = newLineEnd + (old.count - oldLineEnd)
            guard end < new.count, ByteRuns.commonPrefix(old, from: oldLineEnd, new, from: newLineEnd) == old.count - oldLineEnd
            else { return nil }
        }
        guard end < new.count, new.last == newline, startsKey(new[end]) else { return nil }
        let added = Array(new[end...])
        guard isAppendable(added) else { return nil }
        var head = entities[0]
        var values = layout.values
        if end != old.count || prefix < old.count {
            guard case .entities(let edited, let editedLayout?)? = edited(entities, layout, to: Array(new[..<end])) else { return nil }
            head = edited[0]
            values = editedLayout.values
        }
        guard case .success(let read)? = readLaidOut(added), read.documents.count == 1, read.documents[0].index == 0,
              !read.documents[0].fields.isEmpty, !read.documents[0].fields.contains(where: { $0.path.isEmpty }) else { return nil }
        let lines = Int32(ByteRuns.lineBreaks(new, before: end))
        let fieldOffset = Int32(head.fields.count)
        head.fields.append(contentsOf: read.documents[0].fields)
        for var value in read.values {
            value.line += lines
            value.field += fieldOffset
            values.append(value)
        }
        return .entities([head], Layout(bytes: new, values: values))
    }

    /// A plain or quoted key can start here (not an indent, a list item, a flow collection, a
    /// comment, a tag, an anchor or alias, a block scalar, a directive or a marker).
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
             UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// Text whose first content line starts a key at column 1, with no line that starts a document,
    /// ends one or holds a directive.
    private static func isAppendable(_ bytes: [UInt8]) -> Bool {
        var lineStart = true
        var sawContent = false
        for index in bytes.indices {
            let byte = bytes[index]
            if lineStart {
                switch byte {
                case UInt8(ascii: "-"), UInt8(ascii: "."):
                    if index + 2 < bytes.count, bytes[index + 1] == byte, bytes[index + 2] == byte { return false }
                case UInt8(ascii: "%"):
                    return false
                default:
                    break
                }
                if !sawContent, byte != UInt8(ascii: "#"), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
                    guard startsKey(byte) else { return false }
                    sawContent = true
                }
            }
            lineStart = byte == UInt8(ascii: "\n")
        }
        return sawContent
    }

    /// Letters, digits and `. _ + - / %` with inner spaces: a plain scalar on one line that no
    /// YAML indicator, comment, quote or flow character can turn into anything else.
    static func isPlainWord(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        if first == UInt8(ascii: "%") { return false }
        if first == UInt8(ascii: "-") && (bytes.count == 1 || bytes[bytes.startIndex + 1] == 0x20) { return false }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "%"), 0x20:
                continue
            default:
                return false
            }
        }
        return true
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
            if field.path == "kind" { kindText = field.value.textValue }
            if field.path == "id" { id = field.value.textValue }
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

/// Byte comparisons over whole files, eight bytes at a time: the history runs them on every
/// version it reads by replacing a value.
enum ByteRuns {
    /// How many leading bytes `a` and `b` share.
    static func commonPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
        commonPrefix(a, from: 0, b, from: 0)
    }

    /// How many bytes `a` from `aStart` and `b` from `bStart` share.
    static func commonPrefix(_ a: [UInt8], from aStart: Int, _ b: [UInt8], from bStart: Int) -> Int {
        a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                precondition(aStart >= 0 && aStart <= a.count && bStart >= 0 && bStart <= b.count)
                let count = min(a.count - aStart, b.count - bStart)
                var index = 0
                while index + 8 <= count {
                    let difference = (a.loadUnaligned(fromByteOffset: aStart + index, as: UInt64.self)
                        ^ b.loadUnaligned(fromByteOffset: bStart + index, as: UInt64.self)).littleEndian
                    if difference != 0 { return index + difference.trailingZeroBitCount / 8 }
                    index += 8
                }
                while index < count && a[aStart + index] == b[bStart + index] { index += 1 }
                return index
            }
        }
    }

    /// How many trailing bytes `a` and `b` share, counting no further than `limit`
    /// (at most the shorter's length).
    static func commonSuffix(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                precondition(limit >= 0 && limit <= min(a.count, b.count))
                var suffix = 0
                while suffix + 8 <= limit {
                    let difference = (a.loadUnaligned(fromByteOffset: a.count - suffix - 8, as: UInt64.self)
                        ^ b.loadUnaligned(fromByteOffset: b.count - suffix - 8, as: UInt64.self)).littleEndian
                    if difference != 0 { return suffix + difference.leadingZeroBitCount / 8 }
                    suffix += 8
                }
                while suffix < limit && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
                return suffix
            }
        }
    }

    /// The line feeds among the first `end` bytes.
    static func lineBreaks(_ bytes: [UInt8], before end: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for byte in UnsafeBufferPointer(rebasing: buffer[..<end]) where byte == UInt8(ascii: "\n") { count += 1 }
            return count
        }
    }
}
