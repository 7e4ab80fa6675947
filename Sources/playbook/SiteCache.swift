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
/// The pages themselves are kept as hard links to the files the build wrote, in a folder beside
/// the cache (`site-pages-…`): keeping a 64 MB site copies nothing (writing a copy of every page
/// was about a seventh of a first build's time).
///
/// Same rules as the history cache: the file records its format version, checksums of its table
/// and of each kept file, and bounds every count by its size; a bad one is ignored with a note (and replaced);
/// `.git/playbook` that is a symlink or not a folder, or a cache or kept page that is not a regular
/// file, is neither read nor written through. One site is kept; a site over `maximumBytes` is not kept.
struct SiteCache {
    static let name = "site-cache"
    static let magic = Array("PLAYBOOK SITE CACHE\n".utf8)
    /// Changes whenever the file's layout or the key's meaning changes: an older file is then ignored.
    static let formatVersion: UInt64 = 3
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
    /// is none, or it was built from other inputs; a damaged cache is noted and ignored. The table
    /// is read first: a site kept for other inputs (another commit) costs one small read, not its
    /// 66 MB of pages.
    func read() -> CachedSite? {
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno != ENOENT, errno != ENOTDIR { Terminal.writeError("note: the site cache could not be read; building the site in full\n") }
            return nil
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= Self.maximumTableBytes else {
            Terminal.writeError("note: the site cache could not be read; building the site in full\n")
            return nil
        }
        let folder = (file as NSString).deletingLastPathComponent
        let parsed = Self.parse(size: Int(info.st_size), key: key, read: { Self.read(fd, $0) },
                                pageSize: { Self.pageSize($0, $1, in: folder) }) { name, index, bytes, size in
            Self.page(name, index, in: folder, into: &bytes, size)
        }
        switch parsed {
        case .site(var site):
            site.pages = folder
            return site
        case .otherKey: return nil
        case .damaged(let reason):
            Terminal.writeError("note: ignoring the site cache (\(reason)); building the site in full and replacing it\n")
            return nil
        }
    }

    enum Parsed {
        case site(CachedSite), otherKey, damaged(String)
    }

    /// The table is at most this long (a path is at most 4,096 bytes, files at most `maximumFiles`).
    static let maximumTableBytes = 64 << 20

    /// Layout of the file: magic, format version, then the table: key (length, bytes), the name
    /// of the folder beside the file that holds the pages (length, bytes: `site-pages-` and 16
    /// hex digits), file count, each file's path (length, bytes), size and checksum; then the
    /// checksum of all before it. Page `n` of the table is the file named `n` in that folder:
    /// a hard link to the page the build wrote (so keeping a site copies nothing), or a copy
    /// where no link can be made (another file system). A page edited in place after the build
    /// changes the kept one too: its checksum then refuses it. `read` gives the bytes of a range
    /// of the file (of `size` bytes); `page` the bytes of page `n` of the named folder (nil when
    /// it is missing, not a regular file, or not of the size given); both nil when they cannot.
    static func parse(size: Int, key: [UInt8], read: (Range<Int>) -> [UInt8]?, pageSize: (_ folder: String, _ index: Int) -> Int?,
                      page: (_ folder: String, _ index: Int, _ into: inout [UInt8], _ size: Int) -> Bool) -> Parsed {
        let start = magic.count + 8
        guard size >= start + 8, let header = read(0..<start), header.starts(with: magic) else { return .damaged("not a site cache") }
        var reader = Reader(bytes: header)
        reader.offset = magic.count
        guard let version = reader.number(), version == formatVersion else { return .otherKey }  // another version's cache: replaced
        guard let whole = read(0..<size) else { return .damaged("truncated") }
        reader = Reader(bytes: whole)
        reader.offset = size - 8
        guard let stored = reader.number() else { return .damaged("truncated") }
        var sum = Checksum()
        sum.add(whole[0..<(size - 8)])
        guard sum.final == stored else { return .damaged("checksum mismatch") }
        let tableEnd = size - 8
        reader.offset = start
        guard let keyLength = reader.length(within: tableEnd), let storedKey = reader.take(keyLength, within: tableEnd) else {
            return .damaged("bad key")
        }
        guard storedKey.elementsEqual(key) else { return .otherKey }
        guard let folderLength = reader.length(within: tableEnd), let folderBytes = reader.take(folderLength, within: tableEnd) else {
            return .damaged("bad page folder")
        }
        let folder = String(decoding: folderBytes, as: UTF8.self)
        guard isPageFolderName(folder) else { return .damaged("bad page folder") }
        // Each file takes at least 24 bytes of the table: a count beyond that is a lie.
        guard let count = reader.length(within: tableEnd), count <= maximumFiles, count <= (tableEnd - reader.offset) / 24 else {
            return .damaged("bad file count")
        }
        var paths: [String] = []
        var sizes: [Int] = []
        var sums: [UInt64] = []
        var seen: Set<String> = []
        var total = 0
        for _ in 0..<count {
            guard let pathLength = reader.length(within: tableEnd), pathLength <= 4_096, let path = reader.take(pathLength, within: tableEnd),
                  let fileSize = reader.number(), let fileSum = reader.number(),
                  reader.offset <= tableEnd else { return .damaged("bad file table") }
            let name = String(decoding: path, as: UTF8.self)
            guard Array(name.utf8).elementsEqual(path), SiteFolder.isSafe(name), seen.insert(name).inserted else {
                return .damaged("bad file name")
            }
            guard fileSize <= UInt64(maximumBytes - total) else { return .damaged("file sizes exceed the limit") }
            total += Int(fileSize)
            paths.append(name)
            sizes.append(Int(fileSize))
            sums.append(fileSum)
        }
        guard reader.offset == tableEnd else { return .damaged("bad file table") }
        // The pages one after another in one buffer, each checked against its sum.
        // Every page there with the size the table gives before room is made for them all (a table
        // may claim a gigabyte of pages that are not there).
        for index in 0..<count where pageSize(folder, index) != sizes[index] { return .damaged("a kept page is missing or was changed") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for index in 0..<count {
            let first = bytes.count
            guard page(folder, index, &bytes, sizes[index]), bytes.count == first + sizes[index] else { return .damaged("a kept page is missing or was changed") }
            ranges.append(first..<bytes.count)
        }
        let intact = bytes.withUnsafeBytes { all in
            zip(ranges, sums).allSatisfy { range, fileSum in checksum(UnsafeRawBufferPointer(rebasing: all[range])) == fileSum }
        }
        guard intact else { return .damaged("checksum mismatch") }
        return .site(CachedSite(paths: paths, bytes: bytes, ranges: ranges, pageFolder: folder))
    }

    /// `site-pages-` and 16 lowercase hex digits: the only folder names a table may give.
    static func isPageFolderName(_ name: String) -> Bool {
        let prefix = pageFolderPrefix
        guard name.hasPrefix(prefix), name.utf8.count == prefix.utf8.count + 16 else { return false }
        return name.utf8.dropFirst(prefix.utf8.count).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static let pageFolderPrefix = "site-pages-"

    /// The size of page `index` of `folder` (in `directory`) when it is a regular file; neither is read through a symlink.
    private static func pageSize(_ folder: String, _ index: Int, in directory: String) -> Int? {
        let folderFD = open(directory + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folderFD >= 0 else { return nil }
        defer { close(folderFD) }
        var info = stat()
        guard fstatat(folderFD, String(index), &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Appends page `index` of `folder` (beside the cache file, in `directory`) to `bytes` when it is
    /// a regular file of `size` bytes; neither the folder nor the page is read through a symlink.
    private static func page(_ folder: String, _ index: Int, in directory: String, into bytes: inout [UInt8], _ size: Int) -> Bool {
        let folderFD = open(directory + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folderFD >= 0 else { return false }
        defer { close(folderFD) }
        let fd = openat(folderFD, String(index), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == size else { return false }
        let first = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: size))
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { POSIX.read(fd, $0.baseAddress! + first + filled, size - filled) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            filled += n
        }
        return true
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

    /// Keeps the site just written in `folder` (its files read back and linked, never through a
    /// symlink), for a build that had no keeper while it wrote (the first, before `.git/playbook` existed).
    func store(paths: [String], from folder: String) {
        guard paths.count <= Self.maximumFiles, let keeper = Keeper(file: file) else { return }
        for (index, path) in paths.enumerated() {
            guard case .bytes(let bytes) = Self.contents(of: folder + "/" + path, limit: Self.maximumBytes) else {
                keeper.abandon()
                return
            }
            bytes.withUnsafeBufferPointer { keeper.add(index, $0, writtenAt: folder + "/" + path) }
        }
        keeper.finish(paths: paths, key: key)
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
    /// else, larger than `limit`, or cannot be read. Opened without blocking: a FIFO in a file's place
    /// (a `.mailmap`, a page) held the site forever; it is then seen not to be a regular file.
    static func contents(of path: String, limit: Int) -> Contents {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
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

/// A site read from the cache: each file's bytes are a range of the one buffer read (and checked).
struct CachedSite: SiteFiles, @unchecked Sendable {
    let paths: [String]
    let bytes: [UInt8]
    let ranges: [Range<Int>]
    /// The name of the folder of kept pages, and the folder it is in (`.git/playbook`) once read from there.
    let pageFolder: String
    var pages: String?

    init(paths: [String], bytes: [UInt8], ranges: [Range<Int>], pageFolder: String) {
        (self.paths, self.bytes, self.ranges, self.pageFolder) = (paths, bytes, ranges, pageFolder)
    }

    /// The kept page itself: the site links it instead of writing its bytes again.
    func linkSource(of index: Int) -> String? { pages.map { $0 + "/" + pageFolder + "/" + String(index) } }

    func withBytes(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[ranges[index]])) }
    }
}
