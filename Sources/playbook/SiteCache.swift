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
/// Same rules as the history cache: the file records its format version, a checksum of its
/// content and bounds every count by its size; a bad one is ignored with a note (and replaced);
/// `.git/playbook` that is a symlink or not a folder, or a cache that is not a regular file, is
/// neither read nor written through. One site is kept; a site over `maximumBytes` is not kept.
struct SiteCache {
    static let name = "site-cache"
    static let magic = Array("PLAYBOOK SITE CACHE\n".utf8)
    /// Changes whenever the file's layout or the key's meaning changes: an older file is then ignored.
    static let formatVersion: UInt64 = 1
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
    /// is none, or it was built from other inputs; a damaged file is noted and ignored.
    func read() -> CachedSite? {
        let bytes: [UInt8]
        switch Self.contents(of: file, limit: Self.maximumBytes + (64 << 20)) {
        case .absent: return nil
        case .unreadable:
            Terminal.writeError("note: the site cache could not be read; building the site in full\n")
            return nil
        case .bytes(let read): bytes = read
        }
        switch Self.parse(bytes, key: key) {
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

    /// Layout: magic, format version, key (length, bytes), file count, each file's path (length,
    /// bytes) and size, the files' bytes one after another, then the checksum of all before it.
    static func parse(_ bytes: [UInt8], key: [UInt8]) -> Parsed {
        var reader = Reader(bytes: bytes)
        guard bytes.count >= magic.count + 16, Array(bytes[0..<magic.count]) == magic else { return .damaged("not a site cache") }
        reader.offset = magic.count
        guard let version = reader.number(), version == formatVersion else { return .otherKey }  // another version's cache: replaced
        let body = bytes.count - 8
        guard body >= reader.offset else { return .damaged("truncated") }
        var stored = UInt64(0)
        for index in 0..<8 { stored |= UInt64(bytes[body + index]) << (8 * UInt64(index)) }
        guard checksum(bytes[0..<body]) == stored else { return .damaged("checksum mismatch") }
        guard let keyLength = reader.length(within: body), let storedKey = reader.take(keyLength, within: body) else {
            return .damaged("bad key")
        }
        guard storedKey.elementsEqual(key) else { return .otherKey }
        // Each file takes at least 16 bytes of the table: a count beyond that is a lie.
        guard let count = reader.length(within: body), count <= maximumFiles, count <= (body - reader.offset) / 16 else {
            return .damaged("bad file count")
        }
        var paths: [String] = []
        var sizes: [Int] = []
        var seen: Set<String> = []
        for _ in 0..<count {
            guard let pathLength = reader.length(within: body), pathLength <= 4_096, let path = reader.take(pathLength, within: body),
                  let size = reader.length(within: body) else { return .damaged("bad file table") }
            let name = String(decoding: path, as: UTF8.self)
            guard Array(name.utf8).elementsEqual(path), SiteFolder.isSafe(name), seen.insert(name).inserted else {
                return .damaged("bad file name")
            }
            paths.append(name)
            sizes.append(size)
        }
        var ranges: [Range<Int>] = []
        var start = reader.offset
        for size in sizes {
            guard size <= body - start else { return .damaged("file sizes exceed the file") }
            ranges.append(start..<(start + size))
            start += size
        }
        guard start == body else { return .damaged("file sizes do not add up") }
        return .site(CachedSite(paths: paths, bytes: bytes, ranges: ranges))
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

    /// Keeps the site just written in `folder` (its files read back, never through a symlink),
    /// replacing the kept one. Best effort: a site that cannot be kept is simply not kept.
    func store(paths: [String], from folder: String) {
        var sizes: [Int] = []
        var total = 0
        for path in paths {
            var info = stat()
            guard lstat(folder + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
            sizes.append(Int(info.st_size))
            total += Int(info.st_size)
        }
        guard total <= Self.maximumBytes, paths.count <= Self.maximumFiles else { return }
        let temporary = (file as NSString).deletingLastPathComponent + "/.\(Self.name)-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var writer = Writer(fd: fd)
        writer.append(Self.magic)
        writer.append(number: Self.formatVersion)
        writer.append(number: UInt64(key.count))
        writer.append(key)
        writer.append(number: UInt64(paths.count))
        for (path, size) in zip(paths, sizes) {
            writer.append(number: UInt64(path.utf8.count))
            writer.append(Array(path.utf8))
            writer.append(number: UInt64(size))
        }
        writer.flush()
        // The files read back a piece at a time through one buffer: keeping a site costs no more
        // memory than its largest piece (reading each file whole raised the peak by about 50 MB).
        var piece = [UInt8](repeating: 0, count: 1 << 20)
        for (path, size) in zip(paths, sizes) where !writer.failed {
            let input = open(folder + "/" + path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            var info = stat()
            guard input >= 0, fstat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == size else {
                if input >= 0 { close(input) }
                writer.failed = true
                break
            }
            var left = size
            while left > 0, !writer.failed {
                let n = piece.withUnsafeMutableBytes { POSIX.read(input, $0.baseAddress!, min(left, $0.count)) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { writer.failed = true; break }
                writer.write(piece[0..<n])
                left -= n
            }
            close(input)
        }
        let sum = writer.hash.final
        writer.append(number: sum, hashed: false)
        writer.flush()
        let ok = !writer.failed && close(fd) == 0
        if !ok || rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// Writes in large pieces, hashing what it writes.
    private struct Writer {
        let fd: Int32
        var buffer: [UInt8] = []
        var hash = Checksum()
        var failed = false

        init(fd: Int32) {
            self.fd = fd
            buffer.reserveCapacity(1 << 20)
        }

        mutating func append(_ bytes: [UInt8], hashed: Bool = true) {
            if hashed { hash.add(bytes[...]) }
            buffer += bytes
            if buffer.count >= 1 << 20 { flush() }
        }

        mutating func append(number: UInt64, hashed: Bool = true) {
            append((0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * UInt64($0))) }, hashed: hashed)
        }

        /// Written at once (after `flush`), hashed.
        mutating func write(_ bytes: ArraySlice<UInt8>) {
            hash.add(bytes)
            var written = 0
            while !failed, written < bytes.count {
                let n = bytes.withUnsafeBytes { POSIX.write(fd, $0.baseAddress! + written, bytes.count - written) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { failed = true } else { written += n }
            }
        }

        mutating func flush() {
            var written = 0
            while !failed, written < buffer.count {
                let n = buffer.withUnsafeBytes { POSIX.write(fd, $0.baseAddress! + written, buffer.count - written) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { failed = true } else { written += n }
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    // MARK: Helpers

    /// A 64-bit checksum (FNV-1a over 8-byte words, then the tail byte by byte): finds damage,
    /// not forgery.
    struct Checksum {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
        /// Bytes not yet a whole word, carried to the next piece: the sum does not depend on how the input is cut.
        private var pending: [UInt8] = []

        mutating func add(_ bytes: ArraySlice<UInt8>) {
            var slice = bytes
            if !pending.isEmpty {
                let needed = 8 - pending.count
                pending += slice.prefix(needed)
                slice = slice.dropFirst(needed)
                guard pending.count == 8 else { return }
                mix(pending[...])
                pending.removeAll()
            }
            let whole = slice.count / 8 * 8
            slice.withUnsafeBytes { raw in
                var offset = 0
                while offset < whole {
                    value = (value ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian) &* 0x0000_0100_0000_01b3
                    value ^= value >> 29
                    offset += 8
                }
            }
            pending = Array(slice.suffix(slice.count - whole))
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

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
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
