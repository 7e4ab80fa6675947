import Foundation
import PlaybookModel

/// Paths inside the repository, checked component by component with `lstat`: playbook never
/// reads or writes through a symbolic link inside the repository, since a link can lead
/// anywhere (a link whose target stays inside is refused too: its target is not checked, and
/// what is behind it never reaches a message). The spelling of a path proves nothing; each
/// component on disk is looked at.
enum ContainedPath {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// What stands at a path whose every component above it was checked.
    enum Kind: Equatable {
        case missing, folder, file, other
    }

    /// The kind of `top/relative`, after checking that no existing component below `top` is a
    /// symbolic link and that every component but the last is a folder. `top` itself is the
    /// folder the user chose (the repository or playbook top) and is not judged.
    /// `shownFrom` is the folder paths in messages are relative to.
    static func kind(of relative: String, under top: String, shownFrom base: String) throws(Refusal) -> Kind {
        let parts = try components(relative, shownFrom: base, top: top)
        var current = top
        for (index, part) in parts.enumerated() {
            current += "/" + part
            let isLast = index == parts.count - 1
            var info = stat()
            guard lstat(current, &info) == 0 else {
                if errno == ENOENT { return .missing }
                throw Refusal(description: "cannot inspect \(shown(current, base)): \(String(cString: strerror(errno)))")
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                throw Refusal(description: symlinkMessage(shown(current, base)))
            case S_IFDIR:
                if isLast { return .folder }
            case S_IFREG:
                guard isLast else { throw Refusal(description: "\(shown(current, base)) is a file, not a folder") }
                return .file
            default:
                guard isLast else { throw Refusal(description: "\(shown(current, base)) is not a folder") }
                return .other
            }
        }
        return .folder
    }

    /// Creates the folders of `top/relative` one at a time, refusing any existing component that
    /// is a symbolic link or not a folder; a folder another process swaps for a link meanwhile is
    /// caught by the `lstat` after `mkdir`. Returns the folders it created, outermost first.
    @discardableResult
    static func makeFolders(_ relative: String, under top: String, shownFrom base: String) throws(Refusal) -> [String] {
        let parts = try components(relative, shownFrom: base, top: top)
        var current = top
        var created: [String] = []
        for part in parts {
            current += "/" + part
            if mkdir(current, 0o755) == 0 {
                created.append(current)
            } else if errno != EEXIST {
                let reason = String(cString: strerror(errno))
                removeFolders(created)
                throw Refusal(description: "cannot create the folder \(shown(current, base)): \(reason)")
            }
            var info = stat()
            guard lstat(current, &info) == 0 else {
                let reason = String(cString: strerror(errno))
                removeFolders(created)
                throw Refusal(description: "cannot inspect \(shown(current, base)): \(reason)")
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: continue
            case S_IFLNK:
                removeFolders(created)
                throw Refusal(description: symlinkMessage(shown(current, base)))
            default:
                removeFolders(created)
                throw Refusal(description: "\(shown(current, base)) exists and is not a folder")
            }
        }
        return created
    }

    /// Takes back folders `makeFolders` created (outermost first), innermost first; `rmdir` removes
    /// only an empty folder, so whatever came to be inside one meanwhile stays, and so does it.
    static func removeFolders(_ created: [String]) {
        for folder in created.reversed() { rmdir(folder) }
    }

    /// `absolute` relative to `top`, or nil when it is not below it (both normalised); by bytes.
    static func relative(_ absolute: String, to top: String) -> String? {
        if absolute.utf8.elementsEqual(top.utf8) { return "" }
        return PathSpelling.remainder(of: absolute, after: top == "/" ? "/" : top + "/")
    }

    static func symlinkMessage(_ shown: String) -> String {
        "\(Inert.terminal(shown)) is a symbolic link; playbook does not follow links inside the repository "
            + "(one could lead outside it): replace it with the folder or file itself"
    }

    private static func components(_ relative: String, shownFrom base: String, top: String) throws(Refusal) -> [String] {
        let parts = PathSpelling.components(relative).filter { !PathSpelling.isCurrent($0) }
        if parts.contains(where: PathSpelling.isParent) {
            throw Refusal(description: "\(Inert.terminal(relative)) leads outside \(shown(top, base))")
        }
        return parts
    }

    private static func shown(_ path: String, _ base: String) -> String {
        Inert.terminal(Workspace.display(path, root: base))
    }
}
