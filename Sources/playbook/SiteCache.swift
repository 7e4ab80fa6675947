import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// The last site built, kept in `.git/playbook/site-cache` with everything its bytes were made
/// from (the key): building the same site again (the same commit, history cache, configuration,
/// options and program) writes the kept bytes instead of computing every quarter's reports,
/// decoding HEAD's playbook and rendering every page again. What is written is what a full build
/// writes: the key names every input the pages are made from, and when any of them differs the
/// site is built in full and the cache replaced.
///
/// Same rules as the history cache: the file records its format version, checksums of its table
/// and of each kept file, and bounds every count by its size; a bad one is ignored with a note (and replaced);
/// `.git/playbook` that is a symlink or not a folder, or a cache that is not a regular file, is
/// neither read nor written through. One site is kept; a site over `maximumBytes` is not kept.
struct SiteCache {
    static let name = "site-cache"
    static let magic = Array("PLAYBOOK SITE CACHE\n".utf8)
    /// Changes whenever the file's layout or the key's meaning changes: an older file is then ignored.
    static let formatVersion: UInt64 = 2
    static let maximumBytes = 1 << 30
    static let maximumFiles = 1 << 20

    /// `.git/playbook/site-cache`.
    let file: String
    /// Every input of the site's bytes, as text (compared whole, so no two inputs share a key).
    let key: [UInt8]

    /// The cache for a site built from `repository` with these inputs; nil (no caching) when
    /// the history cache is not used, when something the key needs cannot be read, or when
    /// `.git/playbook` cannot be used safely (a note says why).
    init?(repository: Repository, historyCache: String?, configFile: String?, roots: [String], mode: WalkMode,
          day: String, quarter: String) {
        guard let historyCache, let tip = (try? repository.headCommit()) ?? nil else { return nil }
        let gitDirectory = Workspace.normalized(repository.gitDirectory)
        guard let file = Self.usableFile(in: gitDirectory) else { return nil }
        var parts: [(String, [UInt8])] = []
        func add(_ label: String, _ value: String) { parts.append((label, Array(value.utf8))) }
        // Whatever a file holds, or that it is absent: read without following a symlink.
        func addFile(_ label: String, _ path: String?) -> Bool {
            guard let path else { add(label, "none"); return true }
            switch Self.contents(of: path, limit: 16 << 20) {
            case .absent: add(label, "absent")
            case .bytes(let bytes): parts.append((label, bytes))
            case .unreadable: return false
            }
            return true
        }
        // The program itself: another build renders other bytes.
        guard let program = Self.programIdentity(), let historyIdentity = Self.identity(of: historyCache, follow: false) else { return nil }
        add("format", String(Self.formatVersion))
        add("program", program)
        // The commit, and HEAD as written (the branch the footer names, or detached). Read as a
        // file: asking libgit2 whether HEAD is detached raised the peak memory by about 50 MB.
        add("head", tip.description)
        add("history-cache", historyIdentity)
        add("mode", mode.rawValue)
        add("roots", roots.joined(separator: "\n"))
        add("today", day)
        add("quarter", quarter)
        let home = ProcessInfo.processInfo.environment["HOME"]
        let xdg = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"] ?? home.map { $0 + "/.config" }
        // What the history reads besides commits: the shallow edge, the mailmap (the work tree's
        // file, and the git configuration that can name another), and the site's configuration.
        guard addFile("HEAD", gitDirectory + "/HEAD"),
              addFile("shallow", gitDirectory + "/shallow"),
              addFile("mailmap", repository.workdir.map { Workspace.normalized($0) + "/.mailmap" }),
              addFile("git-config", gitDirectory + "/config"),
              addFile("git-config-global", home.map { $0 + "/.gitconfig" }),
              addFile("git-config-xdg", xdg.map { $0 + "/git/config" }),
              addFile("git-config-system", "/etc/gitconfig"),
              addFile("configuration", configFile)
        else { return nil }
        var key: [UInt8] = []
        for (label, value) in parts {
            key += Array("\(label) \(value.count)\n".utf8)
            key += value
            key.append(UInt8(ascii: "\n"))
        }
        self.file = file
        self.key = key
    }

    // MARK: Reading

    /// The kept site when it was built from this key: its paths and their bytes. Nil when there
    /// is none, or it was built from other inputs; a damaged file is noted and ignored. The table
    /// (at the end) is read first: a site kept for other inputs (another commit) costs a few
    /// reads, not its 66 MB.
    func read() -> CachedSite? {
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT, errno != ENOTDIR { Terminal.writeError("note: the site cache could not be read; building the site in full\n") }
            return nil
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= Self.maximumBytes + (64 << 20) else {
            Terminal.writeError("note: the site cache could not be read; building the site in full\n")
            return nil
        }
        switch Self.parse(size: Int(info.st_size), key: key, read: { Self.read(fd, $0) }) {
        case .site(let site): return site
        case .otherKey: return nil
        case .damaged(let reason):
            Terminal.writeError("note: ignoring the site cache (\(reason)); building the site in full and replacing it\n")
            return nil
        }
    }

    enum Parsed {
        case site(CachedSite), otherKey, damaged(String)
    }

    /// Layout: magic, format version, the files' bytes one after another (in the order they were
    /// written, which varies), then the table: key (length, bytes), file count, each file's path
    /// (length, bytes), offset, size and checksum; then the table's offset and the checksum of
    /// the magic, version, table and offset. The table comes last so that each file can be kept
    /// as soon as it is rendered, before the key (which names the history cache written after) is
    /// known. `read` gives the bytes of a range of the file (of `size` bytes), nil when it cannot.
    static func parse(size: Int, key: [UInt8], read: (Range<Int>) -> [UInt8]?) -> Parsed {
        let start = magic.count + 8
        guard size >= start + 16, let header = read(0..<start), header.starts(with: magic) else { return .damaged("not a site cache") }
        var reader = Reader(bytes: header)
        reader.offset = magic.count
        guard let version = reader.number(), version == formatVersion else { return .otherKey }  // another version's cache: replaced
        guard let tail = read((size - 16)..<size) else { return .damaged("truncated") }
        reader = Reader(bytes: tail)
        guard let tableStart = reader.number(), let stored = reader.number(), tableStart >= UInt64(start), tableStart <= UInt64(size - 16),
              let table = read(Int(tableStart)..<size) else {
            return .damaged("truncated")
        }
        var sum = Checksum()
        sum.add(header[...])
        sum.add(table[0..<(table.count - 8)])
        guard sum.final == stored else { return .damaged("checksum mismatch") }
        // The table is read on its own: its offsets are from its start.
        let tableEnd = table.count - 16
        reader = Reader(bytes: table)
        guard let keyLength = reader.length(within: tableEnd), let storedKey = reader.take(keyLength, within: tableEnd) else {
            return .damaged("bad key")
        }
        guard storedKey.elementsEqual(key) else { return .otherKey }
        // Each file takes at least 32 bytes of the table: a count beyond that is a lie.
        guard let count = reader.length(within: tableEnd), count <= maximumFiles, count <= (tableEnd - reader.offset) / 32 else {
            return .damaged("bad file count")
        }
        var paths: [String] = []
        var ranges: [Range<Int>] = []
        var sums: [UInt64] = []
        var seen: Set<String> = []
        for _ in 0..<count {
            guard let pathLength = reader.length(within: tableEnd), pathLength <= 4_096, let path = reader.take(pathLength, within: tableEnd),
                  let offset = reader.number(), let size = reader.number(), let fileSum = reader.number(),
                  reader.offset <= tableEnd else { return .damaged("bad file table") }
            let name = String(decoding: path, as: UTF8.self)
            guard Array(name.utf8).elementsEqual(path), SiteFolder.isSafe(name), seen.insert(name).inserted else {
                return .damaged("bad file name")
            }
            // Within the stretch between the header and the table (so also within an Int).
            guard offset >= UInt64(start), offset <= tableStart, size <= tableStart - offset else {
                return .damaged("file sizes exceed the file")
            }
            paths.append(name)
            // From the start of the stretch, which is read on its own.
            ranges.append((Int(offset) - start)..<(Int(offset + size) - start))
            sums.append(fileSum)
        }
        guard reader.offset == tableEnd else { return .damaged("bad file table") }
        // The files tile the space between the header and the table: no gap, no overlap.
        var end = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard range.lowerBound == end else { return .damaged("file sizes do not add up") }
            end = range.upperBound
        }
        guard end == Int(tableStart) - start else { return .damaged("file sizes do not add up") }
        guard let bytes = read(start..<Int(tableStart)) else { return .damaged("truncated") }
        let intact = bytes.withUnsafeBytes { all in
            zip(ranges, sums).allSatisfy { range, fileSum in checksum(UnsafeRawBufferPointer(rebasing: all[range])) == fileSum }
        }
        guard intact else { return .damaged("checksum mismatch") }
        return .site(CachedSite(paths: paths, bytes: bytes, ranges: ranges))
    }

    /// The bytes of `range` of the open file; nil when they cannot all be read.
    private static func read(_ fd: Int32, _ range: Range<Int>) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var filled = 0
        while filled < range.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, range.count - filled, off_t(range.lowerBound + filled)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            filled += n
        }
        return bytes
    }

    /// Reads little-endian 64-bit numbers and byte runs, never past `limit`.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func number() -> UInt64? {
            guard offset + 8 <= bytes.count else { return nil }
            var value = UInt64(0)
            for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
            offset += 8
            return value
        }

        /// A count or length, bounded by what is left before `limit`.
        mutating func length(within limit: Int) -> Int? {
            guard offset + 8 <= limit, let value = number(), value <= UInt64(limit - offset) else { return nil }
            return Int(value)
        }

        mutating func take(_ count: Int, within limit: Int) -> ArraySlice<UInt8>? {
            guard count <= limit - offset else { return nil }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }
    }

    // MARK: Writing

    /// Keeps `keeper`'s files (the site just written, each added as it was written) under this
    /// cache's key, replacing the kept site. Best effort: a site that cannot be kept is not kept.
    func keep(_ keeper: Keeper, paths: [String]) {
        guard keeper.file == file else { keeper.abandon(); return }
        keeper.finish(paths: paths, key: key)
    }

    /// Keeps the site just written in `folder` (its files read back, never through a symlink), for
    /// a build that had no keeper while it wrote (the first, before `.git/playbook` existed).
    func store(paths: [String], from folder: String) {
        guard paths.count <= Self.maximumFiles, let keeper = Keeper(file: file) else { return }
        for (index, path) in paths.enumerated() {
            guard case .bytes(let bytes) = Self.contents(of: folder + "/" + path, limit: Self.maximumBytes) else {
                keeper.abandon()
                return
            }
            bytes.withUnsafeBufferPointer { keeper.add(index, $0) }
        }
        keeper.finish(paths: paths, key: key)
    }

    /// Collects a site's files into a new cache file beside the kept one while they are written
    /// (from any thread: each file takes the next free stretch of the file), then adds the table
    /// and swaps the new file in. Nothing is read back, and the whole site is never in memory.
    final class Keeper: @unchecked Sendable {
        let file: String
        private let temporary: String
        private let fd: Int32
        private let lock = NSLock()
        private var next: Int
        private var failed = false
        /// By the file's index in the site: offset, size and checksum.
        private var entries: [Int: (offset: Int, size: Int, sum: UInt64)] = [:]

        /// Nil when the new file cannot be created (the site is then not kept).
        init?(file: String) {
            self.file = file
            temporary = (file as NSString).deletingLastPathComponent + "/.\(SiteCache.name)-\(getpid())"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return nil }
            var header = SiteCache.magic
            header += SiteCache.bytes(of: SiteCache.formatVersion)
            next = header.count
            if !header.withUnsafeBytes({ Self.write($0, to: fd, at: 0) }) { failed = true }
        }

        /// Adds file `index` of the site.
        func add(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            let offset: Int? = lock.withLock {
                guard !failed, next <= SiteCache.maximumBytes - bytes.count, entries[index] == nil else { failed = true; return nil }
                defer { next += bytes.count }
                return next
            }
            guard let offset else { return }
            let written = Self.write(UnsafeRawBufferPointer(bytes), to: fd, at: offset)
            let sum = SiteCache.checksum(UnsafeRawBufferPointer(bytes))
            lock.withLock {
                if written { entries[index] = (offset, bytes.count, sum) } else { failed = true }
            }
        }

        /// Writes the table under `key` and swaps the file in, when every one of `paths` was added.
        func finish(paths: [String], key: [UInt8]) {
            let (tableStart, entries, failed) = lock.withLock { (next, self.entries, self.failed) }
            guard !failed, paths.count <= SiteCache.maximumFiles, entries.count == paths.count, paths.indices.allSatisfy({ entries[$0] != nil }) else {
                abandon()
                return
            }
            var table = SiteCache.bytes(of: UInt64(key.count)) + key
            table += SiteCache.bytes(of: UInt64(paths.count))
            for (index, path) in paths.enumerated() {
                guard let entry = entries[index] else { continue }
                table += SiteCache.bytes(of: UInt64(path.utf8.count)) + Array(path.utf8)
                table += SiteCache.bytes(of: UInt64(entry.offset)) + SiteCache.bytes(of: UInt64(entry.size)) + SiteCache.bytes(of: entry.sum)
            }
            table += SiteCache.bytes(of: UInt64(tableStart))
            var sum = Checksum()
            sum.add((SiteCache.magic + SiteCache.bytes(of: SiteCache.formatVersion))[...])
            sum.add(table[...])
            table += SiteCache.bytes(of: sum.final)
            let written = table.withUnsafeBytes { Self.write($0, to: fd, at: tableStart) }
            let closed = close(fd) == 0
            if !written || !closed || rename(temporary, file) != 0 { unlink(temporary) }
        }

        /// Drops the new file; the kept site stays as it was.
        func abandon() {
            close(fd)
            unlink(temporary)
        }

        private static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, at offset: Int) -> Bool {
            var written = 0
            while written < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }
    }

    /// A number as the file holds it: 8 bytes, little-endian.
    static func bytes(of number: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * UInt64($0))) }
    }

    // MARK: Helpers

    /// A 64-bit checksum (FNV-1a over 8-byte words, then the tail byte by byte): finds damage,
    /// not forgery.
    struct Checksum {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
        /// Bytes not yet a whole word, carried to the next piece: the sum does not depend on how the input is cut.
        private var pending: [UInt8] = []

        mutating func add(_ bytes: ArraySlice<UInt8>) {
            bytes.withUnsafeBytes { add($0) }
        }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var start = 0
            if !pending.isEmpty {
                let needed = min(8 - pending.count, bytes.count)
                pending += bytes[0..<needed]
                start = needed
                guard pending.count == 8 else { return }
                mix(pending[...])
                pending.removeAll()
            }
            let whole = (bytes.count - start) / 8 * 8
            var offset = start
            while offset < start + whole {
                value = (value ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian) &* 0x0000_0100_0000_01b3
                value ^= value >> 29
                offset += 8
            }
            pending = Array(bytes[offset...])
        }

        private mutating func mix(_ word: ArraySlice<UInt8>) {
            var number = UInt64(0)
            for (index, byte) in word.enumerated() { number |= UInt64(byte) << (8 * UInt64(index)) }
            value = (value ^ number) &* 0x0000_0100_0000_01b3
            value ^= value >> 29
        }

        /// The sum, the last partial word included.
        var final: UInt64 {
            var copy = self
            for byte in copy.pending { copy.value = (copy.value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return copy.value
        }
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum()
        sum.add(bytes)
        return sum.final
    }

    enum Contents {
        case absent, bytes([UInt8]), unreadable
    }

    /// A regular file's bytes, read without following a symlink; `unreadable` when it is something
    /// else, larger than `limit`, or cannot be read.
    static func contents(of path: String, limit: Int) -> Contents {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT || errno == ENOTDIR ? .absent : .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return .unreadable }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { POSIX.read(fd, $0.baseAddress! + filled, size - filled) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return .unreadable }
            filled += n
        }
        return .bytes(bytes)
    }

    /// Device, inode, size and modification time: a file replaced or rewritten has another identity.
    static func identity(of path: String, follow: Bool) -> String? {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(modified.tv_sec).\(modified.tv_nsec)"
    }

    /// The running program's file: its path and identity. (On Linux through /proc: Foundation's
    /// `Bundle.main` cost about 50 MB of peak memory there.)
    static func programIdentity() -> String? {
        #if canImport(Darwin)
        guard let path = Bundle.main.executablePath else { return nil }
        #else
        let path = "/proc/self/exe"
        #endif
        return identity(of: path, follow: true).map { path + " " + $0 }
    }

    /// `.git/playbook/site-cache` when `.git/playbook` is a real folder and the cache a regular
    /// file or absent; otherwise nil, with a note (as for the history cache).
    private static func usableFile(in gitDirectory: String) -> String? {
        let relative = "playbook/" + name
        let problem: String
        do {
            switch try ContainedPath.kind(of: "playbook", under: gitDirectory, shownFrom: gitDirectory) {
            case .folder: break
            case .missing: return nil  // no history cache either: nothing to key on
            case .file, .other: throw UsageError(description: "playbook is not a folder")
            }
            switch try ContainedPath.kind(of: relative, under: gitDirectory, shownFrom: gitDirectory) {
            case .missing, .file: return gitDirectory + "/" + relative
            case .folder, .other: problem = "\(relative) is not a regular file"
            }
        } catch let error as UsageError {
            problem = Inert.terminal(error.description)
        } catch {
            problem = Inert.terminal("\(error)")
        }
        Terminal.writeError("note: not using the site cache in the git folder: \(problem)\n")
        return nil
    }
}

/// A site read from the cache: each file's bytes are a range of the one buffer read.
struct CachedSite: SiteFiles, @unchecked Sendable {
    let paths: [String]
    let bytes: [UInt8]
    let ranges: [Range<Int>]

    func withBytes(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[ranges[index]])) }
    }
}
