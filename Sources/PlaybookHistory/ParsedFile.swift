import PlaybookGit
import PlaybookModel
import PlaybookYAML

/// One entity as read from one version of a file.
struct EntityVersion: Sendable, Hashable {
    var id: String
    var kind: Kind
    var fields: FieldList
    /// On a file's first entity: the loader's message for the first key the file writes twice
    /// ("duplicate key \"status\" (first defined at line 6, column 1)"); its first value is the
    /// one read, as lint reads it. Nil for a file without one.
    var duplicateKey: String? = nil
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

    /// A key of the root mapping that starts a line (column 1): where lines can be inserted
    /// (`ParsedFile.inserted`), and the fields of the keys before it.
    struct Key: Sendable {
        var line: Int32
        /// How many of the entity's fields come before this key's.
        var field: Int32
        /// The key itself: lines that add a key the file has already are parsed whole.
        var name: String
    }

    var bytes: [UInt8]
    /// In line order.
    var values: [Value]
    /// In line order; of a one-document file (the only kind lines are inserted into).
    var keys: [Key]
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
        var duplicateKey: String?
        let documents: [(index: Int, fields: [Field])]
        if let fast = readLaidOut(bytes) {
            switch fast {
            case .failure(let reason): return .unreadable(reason.description)
            case .success(let read):
                documents = read.documents
                layout = Layout(bytes: bytes, values: read.values, keys: read.keys)
            }
        } else {
            switch readWithLoader(bytes, duplicateKey: &duplicateKey) {
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
        // (The fast reader sends a file with a key written twice to the loader, so only it can say so.)
        if let duplicateKey, !entities.isEmpty { entities[0].duplicateKey = duplicateKey }
        return .entities(entities, layout)
    }

    /// `bytes` read as a later version of the file `previous` was read from: when the two differ
    /// only in one plain value on one line (most commits), `previous` with that value replaced;
    /// otherwise parsed.
    static func parse(_ bytes: [UInt8], after previous: ParsedFile?) -> ParsedFile {
        if case .entities(let entities, let layout?) = previous {
            if let edited = edited(entities, layout, to: bytes) { return edited }
            // Lines inserted before a root key (an experiment's status change) outnumber keys
            // appended at the end, which `inserted` reads too (`appended` also takes a file with
            // carriage returns).
            if let inserted = inserted(entities, layout, to: bytes) { return inserted }
            if let appended = appended(entities, layout, to: bytes) { return appended }
        }
        return parse(bytes)
    }

    /// Each document with content, as fields, read from libyaml's events; nil when the file
    /// needs the loader (see `FlatReader`).
    static func readFast(_ bytes: [UInt8]) -> Result<[(index: Int, fields: [Field])], Unusable>? {
        readLaidOut(bytes).map { $0.map(\.documents) }
    }

    static func readLaidOut(_ bytes: [UInt8])
        -> Result<(documents: [(index: Int, fields: [Field])], values: [Layout.Value], keys: [Layout.Key]), Unusable>? {
        guard let (documents, rootKeys) = FlatReader.readWithRootKeys(bytes) else { return nil }
        var result: [(index: Int, fields: [Field])] = []
        var values: [Layout.Value] = []
        values.reserveCapacity(documents.reduce(0) { $0 + ($1?.count ?? 0) })
        // Root keys by field rather than leaf (a null leaf is no field); only a one-document file's.
        var keys: [Layout.Key] = []
        var nextKey = documents.count == 1 ? 0 : rootKeys.count
        keys.reserveCapacity(rootKeys.count - nextKey)
        for (index, leaves) in documents.enumerated() {
            guard let leaves else { continue }
            var fields: [Field] = []
            fields.reserveCapacity(leaves.count)
            for (position, leaf) in leaves.enumerated() {
                while nextKey < rootKeys.count, rootKeys[nextKey].leaf <= position {
                    keys.append(Layout.Key(line: rootKeys[nextKey].line, field: Int32(fields.count), name: rootKeys[nextKey].name))
                    nextKey += 1
                }
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
            // Keys whose values left no leaf after them (a last `key:` with no value).
            while nextKey < rootKeys.count {
                keys.append(Layout.Key(line: rootKeys[nextKey].line, field: Int32(fields.count), name: rootKeys[nextKey].name))
                nextKey += 1
            }
            result.append((index, fields))
        }
        return .success((result, values, keys))
    }

    /// Whether lines added to a file write a root key it already has (a duplicate key, which
    /// lint reports): such a file is parsed whole, where the key keeps its first value.
    static func sharesRootKey(_ added: [Layout.Key], with existing: [Layout.Key]) -> Bool {
        added.contains { key in existing.contains { $0.name == key.name } }
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
        guard prefix < shorter || old.count != new.count else {
            return .entities(entities, Layout(bytes: new, values: layout.values, keys: layout.keys))
        }
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
        changed[Int(value.entity)].fields.replaceValue(at: Int(value.field), with: text)
        // The same lengths when the value kept its length (no copy of them then).
        var values = layout.values
        let length = Int32(newEnd - lineStart - offset)
        if values[position].length != length { values[position].length = length }
        return .entities(changed, Layout(bytes: new, values: values, keys: layout.keys))
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
        var keys = layout.keys
        if end != old.count || prefix < old.count {
            guard case .entities(let edited, let editedLayout?)? = edited(entities, layout, to: Array(new[..<end])) else { return nil }
            head = edited[0]
            values = editedLayout.values
            keys = editedLayout.keys
        }
        guard case .success(let read)? = readLaidOut(added), read.documents.count == 1, read.documents[0].index == 0,
              !read.documents[0].fields.isEmpty, !read.documents[0].fields.contains(where: { $0.path.isEmpty }),
              !sharesRootKey(read.keys, with: keys) else { return nil }
        let lines = Int32(ByteRuns.lineBreaks(new, before: end))
        let fieldOffset = Int32(head.fields.count)
        head.fields.append(contentsOf: read.documents[0].fields)
        for var value in read.values {
            value.line += lines
            value.field += fieldOffset
            values.append(value)
        }
        for var key in read.keys {
            key.line += lines
            key.field += fieldOffset
            keys.append(key)
        }
        return .entities([head], Layout(bytes: new, values: values, keys: keys))
    }

    /// The entities of `new` when it is the file `layout` describes with whole lines inserted
    /// before one of its root keys in column 1 (or at its end), perhaps with one plain value edited
    /// before or after them (as `edited` reads it): an experiment gains `end:` above its
    /// `approvals:` as its status changes. Only the inserted lines are parsed. Nil otherwise.
    ///
    /// As for `appended`, the old file must be one document whose root is a block mapping at
    /// column 1, and the inserted text must start a key at column 1 and parse alone as one
    /// mapping (without a `kind` or `id`, which name the entity). A root key in column 1 closes
    /// whatever came before it, so the old lines before the insertion, the inserted ones and the
    /// old key's lines read the same alone as together: the file's fields are the old ones before
    /// that key, the inserted ones, then the rest. Line numbers come from the parser, which counts
    /// other line breaks too: a file with a carriage return or a Unicode line break is parsed.
    static func inserted(_ entities: [EntityVersion], _ layout: Layout, to new: [UInt8]) -> ParsedFile? {
        let old = layout.bytes
        let newline = UInt8(ascii: "\n")
        guard entities.count == 1, new.count > old.count, new.count <= Limits.standard.maxBytes,
              old.last == newline, new.last == newline, isAppendable(old),
              !ByteRuns.hasOtherLineBreaks(old), !ByteRuns.hasOtherLineBreaks(new) else { return nil }
        if let spliced = splice(entities[0], layout, into: new) { return spliced }
        // One value edited before the inserted lines: `old` with that line as `new` has it, then the insertion.
        let prefix = ByteRuns.commonPrefix(old, new)
        guard prefix < old.count, let oldLineEnd = old[prefix...].firstIndex(of: newline),
              let newLineEnd = new[prefix...].firstIndex(of: newline) else { return nil }
        if case .entities(let edited, let editedLayout?)? = edited(entities, layout, to: Array(new[..<newLineEnd] + old[oldLineEnd...])),
           let spliced = splice(edited[0], editedLayout, into: new) {
            return spliced
        }
        // Or after them: `old` with its last differing line as `new` has it, then the insertion.
        let suffix = ByteRuns.commonSuffix(old, new, limit: old.count - prefix)
        var oldLineStart = old.count - suffix
        while oldLineStart > 0 && old[oldLineStart - 1] != newline { oldLineStart -= 1 }
        var newLineStart = new.count - suffix
        while newLineStart > 0 && new[newLineStart - 1] != newline { newLineStart -= 1 }
        if case .entities(let edited, let editedLayout?)? = edited(entities, layout, to: Array(old[..<oldLineStart] + new[newLineStart...])),
           let spliced = splice(edited[0], editedLayout, into: new) {
            return spliced
        }
        return nil
    }

    /// `new` read as the file `layout` describes (holding `entity`) with whole lines inserted
    /// before one of its root keys in column 1 or at its end, and nothing else changed.
    private static func splice(_ entity: EntityVersion, _ layout: Layout, into new: [UInt8]) -> ParsedFile? {
        let old = layout.bytes
        let newline = UInt8(ascii: "\n")
        let count = new.count - old.count
        guard count > 0 else { return nil }
        // The insertion starts a line: the one where `new` first differs, or an earlier one when
        // the inserted lines begin as the old ones after them do.
        var start = ByteRuns.commonPrefix(old, new)
        while start > 0 && old[start - 1] != newline { start -= 1 }
        guard ByteRuns.commonPrefix(old, from: start, new, from: start + count) == old.count - start,
              new[start + count - 1] == newline, startsKey(new[start]) else { return nil }
        // Before a root key in column 1, or at the end.
        let line = Int32(1 + ByteRuns.lineBreaks(old, before: start))
        let split: Int32
        var keyIndex = layout.keys.count
        if start == old.count {
            split = Int32(entity.fields.count)
        } else {
            guard let index = layout.keys.firstIndex(where: { $0.line == line }) else { return nil }
            keyIndex = index
            split = layout.keys[index].field
        }
        let added = Array(new[start..<(start + count)])
        guard isAppendable(added), case .success(let read)? = readLaidOut(added), read.documents.count == 1,
              read.documents[0].index == 0, !read.documents[0].fields.isEmpty,
              !read.documents[0].fields.contains(where: { $0.path.isEmpty || $0.path == "kind" || $0.path == "id" }),
              !sharesRootKey(read.keys, with: layout.keys)
        else { return nil }
        let addedFields = read.documents[0].fields
        let addedLines = Int32(ByteRuns.lineBreaks(added, before: added.count))
        var head = entity
        head.fields.insert(contentsOf: addedFields, at: Int(split))
        let fieldCount = Int32(addedFields.count)
        var values: [Layout.Value] = []
        values.reserveCapacity(layout.values.count + read.values.count)
        var position = 0
        while position < layout.values.count && layout.values[position].line < line {
            values.append(layout.values[position])
            position += 1
        }
        for var value in read.values {
            value.line += line - 1
            value.field += split
            values.append(value)
        }
        for var value in layout.values[position...] {
            value.line += addedLines
            value.field += fieldCount
            values.append(value)
        }
        var keys = Array(layout.keys[..<keyIndex])
        keys.reserveCapacity(layout.keys.count + read.keys.count)
        for var key in read.keys {
            key.line += line - 1
            key.field += split
            keys.append(key)
        }
        for var key in layout.keys[keyIndex...] {
            key.line += addedLines
            key.field += fieldCount
            keys.append(key)
        }
        return .entities([head], Layout(bytes: new, values: values, keys: keys))
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
        var duplicateKey: String?
        return readWithLoader(bytes, duplicateKey: &duplicateKey)
    }

    /// As `readWithLoader(_:)`, setting `duplicateKey` to the loader's message (with its line and
    /// column) for the first key the file writes twice, if it writes one.
    static func readWithLoader(_ bytes: [UInt8], duplicateKey: inout String?) -> Result<[(index: Int, fields: [Field])], Unusable> {
        let loaded = YAMLLoader.load(bytes)
        if let fatal = loaded.problems.first(where: \.isFatal) {
            return .failure(Unusable(description: "\(fatal.mark): \(fatal.message)"))
        }
        duplicateKey = loaded.problems.first(where: { $0.kind == .duplicateKey }).map { "\($0.mark): \($0.message)" }
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
        return .success(EntityVersion(id: id, kind: kind, fields: FieldList(fields)))
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

    /// Whether `bytes` hold a line break other than a line feed that YAML counts as one (a
    /// carriage return, NEL, LS or PS): then lines counted by line feeds are not the parser's.
    static func hasOtherLineBreaks(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\r") { return true }
                if byte == 0xC2, index + 1 < count, buffer[index + 1] == 0x85 { return true }
                if byte == 0xE2, index + 2 < count, buffer[index + 1] == 0x80, buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9 {
                    return true
                }
                index += 1
            }
            return false
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
