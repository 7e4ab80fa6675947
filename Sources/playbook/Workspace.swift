import Foundation
import PlaybookLint

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
    static func locate(from start: String, configPath: String?, requirePlaybook: Bool = false) throws -> Workspace {
        let start = normalized(start)
        var configRoot: String?
        var gitTop: String?
        var candidate = start
        while true {
            if configRoot == nil, gitTop == nil, exists(candidate + "/" + Configuration.fileName) { configRoot = candidate }
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
        if configPath != nil || exists(configFile) {
            configuration = try loadConfiguration(at: configFile, shownAs: display(configFile, root: base))
        }
        return Workspace(root: root, displayBase: base, configuration: configuration)
    }

    /// Configured roots that do not exist are a configuration mistake (exit 2), not an empty playbook.
    func checkRootsExist() throws {
        for root in configuration.roots where !Workspace.exists(root == "." ? self.root : self.root + "/" + root) {
            let shown = Workspace.display(self.root + "/" + root, root: displayBase)
            throw UsageError(description: "the playbook folder \(shown) does not exist; create it or set `roots` in .playbook.yml")
        }
    }

    static func loadConfiguration(at path: String, shownAs shown: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError(description: "cannot read the configuration file \(shown)")
        }
        return try Configuration.parse([UInt8](data), file: shown)
    }

    /// Every `*.yml` / `*.yaml` entry under the configured roots, keyed by repository-relative path.
    func discoverRootFiles() -> [String: FileDiscovery.Found] {
        var found: [String: FileDiscovery.Found] = [:]
        for root in configuration.roots {
            let absolute = root == "." ? self.root : self.root + "/" + root
            for file in FileDiscovery.yamlFiles(under: absolute) {
                found[Workspace.display(file.path, root: displayBase)] = file
            }
        }
        return found
    }

    /// Reads one file, refusing anything that is not a regular file (a FIFO would block).
    func read(_ relative: String, problem: String? = nil) -> SourceFile {
        if let problem { return SourceFile(path: relative, content: .unreadable(problem)) }
        let path = relative.hasPrefix("/") ? relative : displayBase + "/" + relative
        return SourceFile(path: relative, content: FileDiscovery.read(path, limit: configuration.limits.maxBytes))
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func absolute(_ path: String, from base: String) -> String {
        normalized(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Resolves `.` and `..` without touching symlinks; no trailing slash.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path as shown in findings: relative to the repository top when inside it.
    static func display(_ absolute: String, root: String) -> String {
        let prefix = root == "/" ? "/" : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}
