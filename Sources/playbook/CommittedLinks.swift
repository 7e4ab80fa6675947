import Foundation
import PlaybookGit
import PlaybookModel

/// Where the symbolic links one side of a commit holds lead, as a clean clone of it sees them: a committed link
/// is a blob holding its target. A relative target is followed through that side's own files (its links too);
/// one that leaves the repository, and an absolute one, are asked of the file system with `stat`, as a clone at
/// the same place would (review, 2026-12-05: a committed link to a folder passed `--staged`, `lint` refused it).
struct CommittedLinks {
    private let entries: [String: IndexEntry]
    private let folders: Set<String>
    private let top: String
    private let repository: Repository

    init(_ entries: [IndexEntry], top: String, repository: Repository) {
        self.entries = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var folders: Set<String> = []
        for entry in entries {
            var path = Substring(entry.path)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                guard folders.insert(String(path)).inserted else { break }
            }
        }
        self.folders = folders
        self.top = top
        self.repository = repository
    }

    static func isLink(_ entry: IndexEntry) -> Bool { entry.mode & 0o170000 == IndexEntry.symlinkMode }

    /// Whether the link at `path` leads to a folder (a submodule counts as one).
    func leadsToFolder(_ path: String) -> Bool {
        guard let link = entries[path], Self.isLink(link) else { return false }
        var resolved = PathSpelling.components((path as NSString).deletingLastPathComponent)
        var pending: [String] = []
        var hops = 0
        var next: IndexEntry? = link
        while true {
            if let current = next {
                // Each link followed replaces itself by its target; a loop is no folder.
                hops += 1
                guard hops <= 40, let target = try? repository.blobData(current.id), !target.isEmpty else { return false }
                if target.first == UInt8(ascii: "/") {
                    return FileDiscovery.leadsToFolder(target + Array(pending.map { "/" + $0 }.joined().utf8))
                }
                pending = PathSpelling.components(String(decoding: target, as: UTF8.self)) + pending
                next = nil
            }
            guard !pending.isEmpty else { break }
            let part = pending.removeFirst()
            if part.isEmpty || PathSpelling.isCurrent(part) { continue }
            if PathSpelling.isParent(part) {
                guard !resolved.isEmpty else {
                    // Out of the repository: as the file system beside it has it.
                    return FileDiscovery.leadsToFolder(Array((top + "/.." + pending.map { "/" + $0 }.joined()).utf8))
                }
                resolved.removeLast()
                continue
            }
            resolved.append(part)
            let here = resolved.joined(separator: "/")
            if let entry = entries[here] {
                if Self.isLink(entry) {
                    resolved.removeLast()
                    next = entry
                } else if entry.mode & 0o170000 != IndexEntry.gitlinkMode || !pending.isEmpty {
                    return false // a file, or what a submodule holds (not part of this commit)
                }
            } else if !folders.contains(here) {
                return false
            }
        }
        let here = resolved.joined(separator: "/")
        return here.isEmpty || folders.contains(here) || entries[here]?.mode == IndexEntry.gitlinkMode
    }
}
