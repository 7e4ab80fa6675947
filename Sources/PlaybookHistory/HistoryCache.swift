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
}

/// The incremental cache under `.git/playbook/`: an optimisation only. A file that is missing,
/// of another format version, for another walk, or unreadable in any way is ignored, and the
/// history is read from git again; deleting it changes no number.
enum HistoryCache {
    static let header = "playbook-history-cache 1"

    static func load(from path: String, key: CacheKey) -> CachedHistory? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var reader = LineReader(String(decoding: data, as: UTF8.self))
        return try? decode(&reader, key: key)
    }

    /// Writes to a temporary file beside the cache and renames it over, so a reader never sees half a cache.
    static func save(_ history: CachedHistory, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.history-cache-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try Data(encode(history).utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw HistoryError("could not replace the history cache \(path)")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    static func encode(_ history: CachedHistory) -> String {
        var out = header + "\n"
        out += "key\t\(history.key.mode.rawValue)\t\(history.key.roots.map(escape).joined(separator: "\t"))\n"
        out += "tip\t\(history.tip)\n"
        out += "commits\t\(history.commits.count)\n"
        for commit in history.commits { out += commit.description + "\n" }
        out += "broken\t\(history.brokenPaths.count)\n"
        for (path, blob) in history.brokenPaths.sorted(by: { $0.key < $1.key }) { out += "\(escape(path))\t\(blob)\n" }
        out += "records\t\(history.records.count)\n"
        for record in history.records {
            out += "R\t\(record.id)\t\(record.time)\t\(record.changes.count)\t\(record.notes.count)\t"
                + "\(escape(record.author.name))\t\(escape(record.author.email))\t\(escape(record.summary))\n"
            for change in record.changes {
                out += "C\t\(change.type.rawValue)\t\(change.fields.count)\t\(escape(change.entity))\t"
                    + "\(escape(change.kind))\t\(escape(change.path))\t\(change.previousPath.map { "+" + escape($0) } ?? "-")\n"
                for field in change.fields {
                    out += "F\t\(escape(field.path))\t\(field.old.map { "+" + escape($0) } ?? "-")\t"
                        + "\(field.new.map { "+" + escape($0) } ?? "-")\n"
                }
            }
            for note in record.notes { out += "N\t\(escape(note.path))\t\(escape(note.message))\n" }
        }
        out += "end\n"
        return out
    }

    struct Malformed: Error {}

    private static func decode(_ reader: inout LineReader, key: CacheKey) throws -> CachedHistory {
        guard reader.next() == [header] else { throw Malformed() }
        guard let keyLine = reader.next(), keyLine.count >= 2, keyLine[0] == "key",
              let mode = WalkMode(rawValue: keyLine[1]) else { throw Malformed() }
        let storedKey = CacheKey(mode: mode, roots: keyLine.dropFirst(2).map(unescape))
        guard storedKey == key else { throw Malformed() }
        guard let tipLine = reader.next(), tipLine.count == 2, tipLine[0] == "tip",
              let tip = ObjectID(hex: tipLine[1]) else { throw Malformed() }
        let commitCount = try count(reader.next(), "commits")
        var commits: [ObjectID] = []
        commits.reserveCapacity(commitCount)
        for _ in 0..<commitCount {
            guard let line = reader.next(), line.count == 1, let id = ObjectID(hex: line[0]) else { throw Malformed() }
            commits.append(id)
        }
        var broken: [String: ObjectID] = [:]
        for _ in 0..<(try count(reader.next(), "broken")) {
            guard let line = reader.next(), line.count == 2, let blob = ObjectID(hex: line[1]) else { throw Malformed() }
            broken[unescape(line[0])] = blob
        }
        var records: [CommitRecord] = []
        let recordCount = try count(reader.next(), "records")
        records.reserveCapacity(recordCount)
        for _ in 0..<recordCount {
            guard let r = reader.next(), r.count == 8, r[0] == "R", let id = ObjectID(hex: r[1]),
                  let time = Int64(r[2]), let changeCount = Int(r[3]), let noteCount = Int(r[4])
            else { throw Malformed() }
            var changes: [EntityChange] = []
            for _ in 0..<changeCount {
                guard let c = reader.next(), c.count == 7, c[0] == "C", let type = ChangeType(rawValue: c[1]),
                      let fieldCount = Int(c[2]) else { throw Malformed() }
                var fields: [FieldChange] = []
                fields.reserveCapacity(fieldCount)
                for _ in 0..<fieldCount {
                    guard let f = reader.next(), f.count == 4, f[0] == "F" else { throw Malformed() }
                    fields.append(FieldChange(path: unescape(f[1]), old: optional(f[2]), new: optional(f[3])))
                }
                changes.append(EntityChange(
                    entity: unescape(c[3]), kind: unescape(c[4]), type: type, path: unescape(c[5]),
                    previousPath: optional(c[6]), fields: fields))
            }
            var notes: [HistoryNote] = []
            for _ in 0..<noteCount {
                guard let n = reader.next(), n.count == 3, n[0] == "N" else { throw Malformed() }
                notes.append(HistoryNote(commit: id, path: unescape(n[1]), message: unescape(n[2])))
            }
            records.append(CommitRecord(
                id: id, time: time, author: Person(name: unescape(r[5]), email: unescape(r[6])),
                summary: unescape(r[7]), changes: changes, notes: notes))
        }
        guard reader.next() == ["end"] else { throw Malformed() }
        return CachedHistory(key: storedKey, tip: tip, commits: commits, records: records, brokenPaths: broken)
    }

    private static func count(_ line: [String]?, _ name: String) throws -> Int {
        guard let line, line.count == 2, line[0] == name, let value = Int(line[1]), value >= 0 else { throw Malformed() }
        return value
    }

    private static func optional(_ text: String) -> String? {
        text.hasPrefix("+") ? unescape(String(text.dropFirst())) : nil
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
        var out = ""
        var escaping = false
        for character in text.unicodeScalars {
            if escaping {
                switch character {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

/// Splits the cache text into lines of tab-separated columns.
private struct LineReader {
    private var lines: [Substring]
    private var position = 0

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    mutating func next() -> [String]? {
        guard position < lines.count else { return nil }
        defer { position += 1 }
        return lines[position].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
}
