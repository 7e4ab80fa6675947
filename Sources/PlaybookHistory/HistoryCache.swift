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
    /// Version 18: the same lines; such a parent is out of line only when dated after a commit that follows in
    /// line, never by the clock of the run that wrote the cache (17's placements could depend on it).
    /// Version 19: a change line ends with the id a rename took the entity from and the one it gave it
    /// ("-" "-" for none): the history follows an entity across a commit that changed its id.
    /// Version 20: the same lines; a rename that is no exact copy keeps its title (or name) too, so a new
    /// entity that took a dropped one's place in one commit is no longer marked as that one renamed.
    /// Version 21: the same lines; a rename that is no exact copy keeps its `quarter` too, so an objective
    /// rolled over to the next quarter is no longer marked as the last quarter's renamed.
    /// Version 22: the same lines; a kept title (or name) that is still `playbook new`'s placeholder counts
    /// as kept only when every other field is equal too, so two stubs are no longer marked as one renamed.
    /// Version 23: the same lines; a merge that only moves an entity's file (a side moved it while the
    /// first parent's line edited it) is credited to whoever took the old path away (and, with all
    /// parents, inherited from that side's commit): it was the merger's, and listed twice.
    /// Version 24: the same lines; a merge's change credited to a side is split by the side commit that made each
    /// value, and an entity it adds is credited to the side commit that first held it (not the file's last commit's).
    /// Version 25: the same lines; a merge's rename whose new version no parent holds is credited to whoever took
    /// the old id away (a side that renamed it while the first parent's line edited it), not to the merger.
    /// Version 26: the same lines; with all parents, a file a side made since the fork (a rename) that the merge holds
    /// with the first parent's edits merged in is inherited from the side (its commits are the rename's events).
    static let header = "playbook-history-cache 26"

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
}
