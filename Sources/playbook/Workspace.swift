import Foundation
import PlaybookLint
import PlaybookModel
import PlaybookYAML

/// The playbook being linted: the folder its settings apply to, and where paths are shown from.
struct Workspace {
    /// The folder holding `.playbook.yml` (or the repository top): roots are relative to it.
    var root: String
    /// The git repository's top when there is one, else `root`: finding paths are relative to
    /// it, so CI annotations and SARIF line up with the repository.
    var displayBase: String
    var configuration: Configuration

    /// The nearest folder from `start` upwards holding `.playbook.yml`; failing that, the
    /// nearest holding `.git`; failing both, `start` itself when it has the default root.
    /// `requirePlaybook` makes "none of these" an error rather than `start`.
    /// Whether `start` is in a playbook as `locate` finds one: a `.playbook.yml` or `.git` in it or
    /// above it, or a `playbooks/` folder in it.
    static func encloses(_ start: String) -> Bool {
        var candidate = normalized(start)
        if exists(candidate + "/playbooks") { return true }
        while true {
            if lexists(candidate + "/" + Configuration.fileName) || exists(candidate + "/.git") { return true }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { return false }
            candidate = parent
        }
    }

    static func locate(from start: String, configPath: String?, requirePlaybook: Bool = false) throws -> Workspace {
        let start = normalized(start)
        var configRoot: String?
        var gitTop: String?
        var candidate = start
        while true {
            // lexists: a dangling .playbook.yml link is a configuration to refuse, not "no configuration".
            if configRoot == nil, gitTop == nil, lexists(candidate + "/" + Configuration.fileName) { configRoot = candidate }
            if gitTop == nil, exists(candidate + "/.git") { gitTop = candidate }
            if configRoot != nil && gitTop != nil { break }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { break }
            candidate = parent
        }
        let root = configRoot ?? gitTop ?? start
        if requirePlaybook, configRoot == nil, gitTop == nil, configPath == nil, !exists(start + "/playbooks") {
            throw UsageError(description: "not a playbook repository: no .playbook.yml, .git or playbooks/ folder in \(start) or above it (run `playbook init` to start one)")
        }
        let base = gitTop ?? root
        let configFile = configPath.map { absolute($0, from: start) } ?? root + "/" + Configuration.fileName
        var configuration = Configuration()
        if configPath == nil, lexists(configFile) {
            // The repository's own configuration is read only when it is a regular file in the
            // repository; an explicit --config is the user's choice and read where it is.
            let shown = display(configFile, root: base)
            let kind: ContainedPath.Kind
            do {
                kind = try ContainedPath.kind(of: Configuration.fileName, under: root, shownFrom: base)
            } catch {
                throw UsageError(description: "cannot use the configuration file: \(error.description)")
            }
            guard kind == .file else {
                throw UsageError(description: "the configuration file \(Inert.terminal(shown)) is not a regular file")
            }
        }
        if configPath != nil || exists(configFile) {
            configuration = try loadConfiguration(at: configFile, shownAs: display(configFile, root: base), followingLinks: configPath != nil)
        }
        return Workspace(root: root, displayBase: base, configuration: configuration)
    }

    /// Every configured root must be a folder inside the playbook, reached without a symbolic
    /// link: a root that is a link, or lies under one, is refused (exit 2) before anything behind
    /// it is read; so is a root that names a file. A missing root is refused when `requireExisting`
    /// (the default roots of a whole-playbook run), else skipped.
    func checkRoots(requireExisting: Bool) throws -> [String] {
        var usable: [String] = []
        for (index, root) in configuration.roots.enumerated() {
            let shown = Inert.terminal(Workspace.display(self.root + "/" + root, root: displayBase))
            let kind: ContainedPath.Kind
            do {
                kind = try ContainedPath.kind(of: root, under: self.root, shownFrom: displayBase)
            } catch {
                throw configuration.rootError(index, "the playbook root \(shown) cannot be read: \(error.description)")
            }
            switch kind {
            case .folder:
                usable.append(root)
            case .missing:
                if requireExisting {
                    throw configuration.rootError(index, "the playbook folder \(shown) does not exist; create it or set `roots` in .playbook.yml")
                }
            case .file, .other:
                throw configuration.rootError(index, "the playbook root \(shown) is not a folder; `roots` lists folders whose *.yml files are linted")
            }
        }
        return usable
    }

    /// A path named on the command line inside the repository is reached without a symbolic
    /// link: the folders above it are checked one by one (the path itself is judged by the caller).
    /// A path outside the repository is the user's explicit choice and is not judged.
    func checkFolders(above absolute: String, named argument: String) throws {
        let parent = (absolute as NSString).deletingLastPathComponent
        guard let relative = ContainedPath.relative(parent, to: displayBase), !relative.isEmpty else { return }
        do {
            let kind = try ContainedPath.kind(of: relative, under: displayBase, shownFrom: displayBase)
            if kind == .missing { throw UsageError(description: "no such file or folder: \(Inert.terminal(argument))") }
        } catch let refusal as ContainedPath.Refusal {
            throw UsageError(description: "cannot lint \(Inert.terminal(argument)): \(refusal.description)")
        }
    }

    /// Reads a configuration file; the repository's own (`followingLinks: false`) is opened
    /// without following a symbolic link, so a link swapped in after the check is refused too.
    static func loadConfiguration(at path: String, shownAs shown: String, followingLinks: Bool = true) throws -> Configuration {
        let bytes: [UInt8]
        if followingLinks {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UsageError(description: "cannot read the configuration file \(Inert.terminal(shown))")
            }
            bytes = [UInt8](data)
        } else {
            switch FileDiscovery.readChecked(path, limit: Limits.ceiling.maxBytes) {
            case .bytes(let read): bytes = read
            case .unreadable(let reason):
                throw UsageError(description: "cannot read the configuration file \(Inert.terminal(shown)): \(reason)")
            case .tooLarge(let size):
                throw UsageError(description: "the configuration file \(Inert.terminal(shown)) is \(size) bytes; it cannot be this large")
            }
        }
        return try Configuration.parse(bytes, file: shown)
    }

    /// Every `*.yml` / `*.yaml` entry under the configured roots, keyed by repository-relative path;
    /// roots are checked first (`checkRoots`).
    /// Paths git ignores are left out (`ignores`, when given).
    func discoverRootFiles(requireExisting: Bool, ignores: GitIgnores? = nil) throws -> [String: FileDiscovery.Found] {
        var found: [String: FileDiscovery.Found] = [:]
        for root in try checkRoots(requireExisting: requireExisting) {
            let absolute = root == "." ? self.root : self.root + "/" + root
            for file in FileDiscovery.yamlFiles(under: absolute, ignored: ignores?.filter(below: absolute)) {
                found[Workspace.display(file.path, root: displayBase)] = file
            }
        }
        return found
    }

    /// Reads one file, refusing anything that is not a regular file (a FIFO would block).
    func read(_ relative: String, problem: String? = nil) -> SourceFile {
        if let problem { return SourceFile(path: relative, content: .unreadable(problem)) }
        let path = PathSpelling.isAbsolute(relative) ? relative : displayBase + "/" + relative
        return SourceFile(path: relative, content: FileDiscovery.read(path, limit: configuration.limits.maxBytes))
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// True when anything is at `path`, a dangling symbolic link included.
    static func lexists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func absolute(_ path: String, from base: String) -> String {
        normalized(PathSpelling.isAbsolute(path) ? path : base + "/" + path)
    }

    /// Resolves `.` and `..` without touching symlinks; no trailing slash. Split on the byte `/`
    /// (`PathSpelling`), so a `..` that a mark after its `/` hides from characters is resolved too.
    static func normalized(_ path: String) -> String {
        var parts: [String] = []
        for part in PathSpelling.components(path) {
            if PathSpelling.isCurrent(part) { continue }
            if PathSpelling.isParent(part) {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path as shown in findings: relative to the repository top when inside it (by bytes).
    static func display(_ absolute: String, root: String) -> String {
        PathSpelling.remainder(of: absolute, after: root == "/" ? "/" : root + "/") ?? absolute
    }
}
