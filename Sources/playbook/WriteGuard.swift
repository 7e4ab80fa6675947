import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

/// The places no command writes into except by design: the git folder (and the common one of a
/// linked worktree), the playbook configuration, the playbook roots and the YAML files in them.
/// A path is judged as spelled and as the file system resolves it (every symbolic link followed,
/// a dangling last one too), so a link outside the repository (`/tmp/x -> repo/.git`, then
/// `-o /tmp/x/config`) reaches nothing the spelled path would not. The repository and playbook
/// around the current folder count, and those around the target, wherever the path comes from.
struct WriteGuard {
    /// Git folders, the configuration files and the roots, each as spelled and as resolved.
    private(set) var gitFolders: [String] = []
    private(set) var workdirs: [String] = []
    private(set) var configurations: [String] = []
    /// Each root as named in `roots`, its folder, and whether it is the playbook's top (`roots: [.]`).
    private(set) var roots: [(name: String, path: String, isTop: Bool)] = []
    /// The hooks folder git runs by default, where `hooks install` writes by design.
    private(set) var defaultHooks: [String] = []

    /// What stands around `targets` (absolute, normalised) and around `cwd`; `configPath` is
    /// `--config` as given (relative to `cwd`).
    init(around targets: [String], cwd: String, configPath: String? = nil) {
        let cwd = Workspace.normalized(cwd)
        var starts = [cwd]
        for target in targets {
            // The nearest existing folder above the resolved target: where its repository is found.
            var folder = (Self.resolved(target) as NSString).deletingLastPathComponent
            while !Self.isFolder(folder), folder != "/" { folder = (folder as NSString).deletingLastPathComponent }
            starts.append(folder)
        }
        var seenRepositories = Set<String>()
        var seenWorkspaces = Set<String>()
        for (index, start) in starts.enumerated() {
            if let repository = try? Repository.discover(from: start) {
                let git = Workspace.normalized(repository.gitDirectory)
                if seenRepositories.insert(git).inserted {
                    add(&gitFolders, git)
                    add(&gitFolders, Workspace.normalized(repository.commonDirectory))
                    add(&defaultHooks, Workspace.normalized(repository.commonDirectory) + "/hooks")
                    if let workdir = repository.workdir { add(&workdirs, Workspace.normalized(workdir)) }
                }
            }
            // Around the current folder the playbook is the one every command uses (a folder with
            // neither `.playbook.yml` nor `.git` above it has the default root); around a target,
            // only a playbook that is there.
            let config = index == 0 ? configPath : nil
            guard let workspace = try? Workspace.locate(from: start, configPath: config),
                  index == 0 || Workspace.lexists(workspace.root + "/" + Configuration.fileName) || Workspace.lexists(workspace.root + "/.git"),
                  seenWorkspaces.insert(workspace.root).inserted else { continue }
            add(&configurations, workspace.root + "/" + Configuration.fileName)
            if let config { add(&configurations, Workspace.absolute(config, from: cwd)) }
            for root in workspace.configuration.roots {
                let folder = Workspace.normalized(root == "." ? workspace.root : workspace.root + "/" + root)
                for form in Set([folder, Self.resolved(folder)]) where !roots.contains(where: { $0.path == form }) {
                    roots.append((root, form, root == "."))
                }
            }
        }
    }

    private func add(_ list: inout [String], _ path: String) {
        for form in [path, Self.resolved(path)] where !list.contains(form) { list.append(form) }
    }

    /// Why a file may not be written (or replaced) at `absolute`; nil when it may. `example` is
    /// the file the message suggests; `allowingHooks`: `hooks install` writes into the default hooks folder.
    func fileRefusal(_ absolute: String, example: String = "okr.md", allowingHooks: Bool = false) -> String? {
        let forms = Self.forms(absolute)
        if let git = gitRefusal(forms, allowingHooks: allowingHooks) { return git + "; name a file outside it, such as \(example)" }
        for form in forms {
            if configurations.contains(form) {
                return "it is the playbook configuration; name another file, such as \(example)"
            }
            for root in roots where PathSpelling.isWithin(root.path, form) {
                return "it is or holds the playbook root \(Inert.terminal(root.name)); name a file, such as \(example)"
            }
            for root in roots where FileDiscovery.isPlaybookFile(form) && PathSpelling.isWithin(form, root.path) {
                return "it is a playbook file under the root \(Inert.terminal(root.name)), which lint reads; name another file, such as \(example)"
            }
            // `metrics.YML` is `metrics.yml` on a case-insensitive file system (macOS's default).
            for root in roots where PlaybookFiles.hasMiscasedPlaybookName(form) && PathSpelling.isWithin(form, root.path) {
                return "it is named as a playbook file under the root \(Inert.terminal(root.name)) (in other letter case, the same file "
                    + "on a case-insensitive file system); name another file, such as \(example)"
            }
        }
        return nil
    }

    /// Why `absolute` (a file or a folder to write) may not be: it is, or lies inside, a git folder.
    func gitFolderRefusal(_ absolute: String) -> String? {
        gitRefusal(Self.forms(absolute), allowingHooks: false)
    }

    private func gitRefusal(_ forms: [String], allowingHooks: Bool) -> String? {
        for form in forms where gitFolders.contains(where: { PathSpelling.isWithin(form, $0) }) {
            if allowingHooks, defaultHooks.contains(where: { PathSpelling.isWithin(form, $0) }) { continue }
            return "it is inside the repository's git folder"
        }
        return nil
    }

    /// How a folder to be written (and replaced whole, as a site is) relates to what it must not
    /// touch: the phrase for the first it is, holds or lies inside; nil when none.
    func folderRelation(_ absolute: String) -> FolderRelation? {
        for form in Self.forms(absolute) {
            if workdirs.contains(where: { PathSpelling.isWithin($0, form) }) { return .holdsRepository }
            if gitFolders.contains(where: { PathSpelling.isWithin(form, $0) || PathSpelling.isWithin($0, form) }) { return .git }
            for root in roots {
                // Inside a root: refused too, unless the root is the playbook's top folder (`roots: [.]`),
                // where every folder lies (checked for YAML files by the caller).
                if PathSpelling.isWithin(root.path, form) {
                    return .root(root.name, form.utf8.elementsEqual(root.path.utf8) ? "is" : "holds")
                }
                if !root.isTop, PathSpelling.isWithin(form, root.path) { return .root(root.name, "lies inside") }
            }
            if let config = configurations.first(where: { PathSpelling.isWithin($0, form) }) { return .configuration(config) }
        }
        return nil
    }

    enum FolderRelation: Equatable {
        case holdsRepository, git
        case root(String, String)
        case configuration(String)
    }

    /// `path` as spelled and as resolved, the spelled form first.
    static func forms(_ path: String) -> [String] {
        let spelled = Workspace.normalized(path)
        let real = resolved(spelled)
        return real == spelled ? [spelled] : [spelled, real]
    }

    /// `path` (absolute) with every symbolic link resolved: realpath(3) of the longest existing
    /// part, and a dangling link followed to where it leads (a file written there would be
    /// created through it); the missing rest kept as spelled.
    static func resolved(_ path: String) -> String {
        resolve(Workspace.normalized(path), links: 0)
    }

    private static func resolve(_ path: String, links: Int) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return Workspace.normalized(String(cString: real))
        }
        guard path != "/" else { return path }
        let parent = resolve((path as NSString).deletingLastPathComponent, links: links)
        let joined = (parent == "/" ? "" : parent) + "/" + (path as NSString).lastPathComponent
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(joined, &buffer, buffer.count - 1)
        guard count > 0, links < 40 else { return joined }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return resolve(Workspace.absolute(target, from: parent), links: links + 1)
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
