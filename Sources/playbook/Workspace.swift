import Foundation
import PlaybookLint

/// The repository being linted: its top folder and its configuration.
struct Workspace {
    /// Absolute path of the repository's top folder, without a trailing slash.
    var root: String
    var configuration: Configuration

    /// The top is the nearest folder, from `start` upwards, holding `.playbook.yml` or `.git`;
    /// failing both, `start` itself.
    static func locate(from start: String, configPath: String?) throws -> Workspace {
        let start = normalized(start)
        var root = start
        var candidate = start
        while true {
            if exists(candidate + "/" + Configuration.fileName) || exists(candidate + "/.git") {
                root = candidate
                break
            }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { break }
            candidate = parent
        }
        let configFile = configPath.map { absolute($0, from: start) } ?? root + "/" + Configuration.fileName
        var configuration = Configuration()
        if configPath != nil || exists(configFile) {
            configuration = try loadConfiguration(at: configFile, shownAs: display(configFile, root: root))
        }
        return Workspace(root: root == "" ? "/" : root, configuration: configuration)
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
                found[Workspace.display(file.path, root: self.root)] = file
            }
        }
        return found
    }

    /// Reads one file, refusing anything that is not a regular file (a FIFO would block).
    func read(_ relative: String, problem: String? = nil) -> SourceFile {
        if let problem { return SourceFile(path: relative, content: .unreadable(problem)) }
        let path = relative.hasPrefix("/") ? relative : root + "/" + relative
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
