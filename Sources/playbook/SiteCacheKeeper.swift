import Foundation

extension SiteCache {
    /// Collects a site's files into a new folder of pages beside the kept site while they are
    /// written (from any thread): each page is hard-linked from where the build wrote it, or
    /// copied where that fails. Then writes the table naming that folder, swaps it in, and
    /// removes the folders of older sites. Nothing is read back, and the whole site is never in memory.
    final class Keeper: @unchecked Sendable {
        let file: String
        private let directory: String
        private let temporary: String
        /// The new folder of pages: its name (`site-pages-…`) and an open handle on it.
        private let folder: String
        private let folderFD: Int32
        private let lock = NSLock()
        private var total = 0
        private var failed = false
        /// By the file's index in the site: size and checksum.
        private var entries: [Int: (size: Int, sum: UInt64)] = [:]

        /// Nil when the new folder or file cannot be created (the site is then not kept).
        init?(file: String) {
            self.file = file
            directory = (file as NSString).deletingLastPathComponent
            temporary = directory + "/.\(SiteCache.name)-\(getpid())"
            var made: String?
            for _ in 0..<16 {
                let hex = String(UInt64.random(in: .min ... .max), radix: 16)
                let name = SiteCache.pageFolderPrefix + String(repeating: "0", count: 16 - hex.count) + hex
                if mkdir(directory + "/" + name, 0o755) == 0 { made = name; break }
                guard errno == EEXIST else { break }
            }
            guard let made else { return nil }
            folder = made
            folderFD = open(directory + "/" + made, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard folderFD >= 0 else {
                rmdir(directory + "/" + made)
                return nil
            }
        }

        /// Adds file `index` of the site, `bytes`, which the build wrote at `path`: linked from
        /// there (never through a symlink), or copied when no link can be made.
        func add(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, writtenAt path: String) {
            let admitted: Bool = lock.withLock {
                guard !failed, total <= SiteCache.maximumBytes - bytes.count, entries[index] == nil else { failed = true; return false }
                total += bytes.count
                return true
            }
            guard admitted else { return }
            let name = String(index)
            // linkat without AT_SYMLINK_FOLLOW links a symlink put there since, never its target; reading refuses it.
            let kept = linkat(AT_FDCWD, path, folderFD, name, 0) == 0 || Self.copy(bytes, named: name, in: folderFD)
            let sum = SiteCache.checksum(UnsafeRawBufferPointer(bytes))
            lock.withLock {
                if kept { entries[index] = (bytes.count, sum) } else { failed = true }
            }
        }

        /// Writes the table under `key` and swaps it in, when every one of `paths` was added; then
        /// removes the folders of pages no table names any more.
        func finish(paths: [String], key: [UInt8]) {
            let (entries, failed) = lock.withLock { (self.entries, self.failed) }
            guard !failed, paths.count <= SiteCache.maximumFiles, entries.count == paths.count, paths.indices.allSatisfy({ entries[$0] != nil }) else {
                abandon()
                return
            }
            var table = SiteCache.magic + SiteCache.bytes(of: SiteCache.formatVersion)
            table += SiteCache.bytes(of: UInt64(key.count)) + key
            table += SiteCache.bytes(of: UInt64(folder.utf8.count)) + Array(folder.utf8)
            table += SiteCache.bytes(of: UInt64(paths.count))
            for (index, path) in paths.enumerated() {
                guard let entry = entries[index] else { continue }
                table += SiteCache.bytes(of: UInt64(path.utf8.count)) + Array(path.utf8)
                table += SiteCache.bytes(of: UInt64(entry.size)) + SiteCache.bytes(of: entry.sum)
            }
            var sum = Checksum()
            sum.add(table[...])
            table += SiteCache.bytes(of: sum.final)
            close(folderFD)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
            guard fd >= 0 else { removeFolder(); return }
            let written = table.withUnsafeBytes { Self.write($0, to: fd, at: 0) }
            let closed = close(fd) == 0
            // A folder another build removed meanwhile (it kept its own site first) is not named.
            var folderInfo = stat()
            let stillThere = lstat(directory + "/" + folder, &folderInfo) == 0 && folderInfo.st_mode & S_IFMT == S_IFDIR
            guard written, closed, stillThere, rename(temporary, file) == 0 else {
                unlink(temporary)
                removeFolder()
                return
            }
            Self.removeOlderFolders(in: directory, keeping: folder)
        }

        /// Drops the new folder; the kept site stays as it was.
        func abandon() {
            close(folderFD)
            removeFolder()
        }

        private func removeFolder() {
            try? FileManager.default.removeItem(atPath: directory + "/" + folder)
        }

        /// Removes every folder of pages in `directory` but `kept` (those of sites replaced, or
        /// of builds cut short). A symlink of such a name is removed, never followed.
        private static func removeOlderFolders(in directory: String, keeping kept: String) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where name != kept && SiteCache.isPageFolderName(name) {
                try? FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }

        /// Writes `bytes` as a new file `name` in the folder.
        private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, named name: String, in folder: Int32) -> Bool {
            let fd = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return false }
            let written = write(UnsafeRawBufferPointer(bytes), to: fd, at: 0)
            return close(fd) == 0 && written
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
}
