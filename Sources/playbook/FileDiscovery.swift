import Foundation
import PlaybookLint

/// Walks folders for playbook files without following symbolic links.
enum FileDiscovery {
    static func isPlaybookFile(_ name: String) -> Bool {
        name.hasSuffix(".yml") || name.hasSuffix(".yaml")
    }

    /// Absolute paths of the regular `*.yml` / `*.yaml` files under `folder`. Hidden folders
    /// (`.git`) are skipped; symbolic links are never followed, so a link cannot lead outside.
    static func yamlFiles(under folder: String) -> [String] {
        var found: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = current + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR where !name.hasPrefix("."):
                    pending.append(path)
                case S_IFREG where isPlaybookFile(name):
                    found.append(path)
                default:
                    continue
                }
            }
        }
        return found
    }

    /// The bytes of a regular file, or why they cannot be had; a file past `limit` is not read.
    static func read(_ path: String, limit: Int) -> SourceFile.Content {
        var info = stat()
        guard stat(path, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .unreadable(info.st_mode & S_IFMT == S_IFDIR ? "it is a directory" : "it is not a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        if Int(info.st_size) > limit { return .tooLarge(size: Int(info.st_size)) }
        let wanted = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, wanted - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return .bytes(bytes)
    }
}
