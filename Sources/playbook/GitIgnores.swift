import Foundation
import PlaybookGit
import PlaybookModel

/// The paths git ignores in the repository a folder walk runs in (`.gitignore`, `.git/info/exclude`,
/// `core.excludesFile`), asked through libgit2: a `node_modules/` or vendored copy beside the
/// playbook is not linted. A folder is asked about once, before the walk enters it; files only
/// where their name could be a playbook file. A tracked file is never ignored, as in git: a
/// committed `playbooks/gen/x.yml` under an ignored `gen/` is read, as `--staged`, review and the
/// reports read it.
final class GitIgnores {
    private let repository: Repository
    /// The repository's top, which the paths asked about are relative to.
    private let top: String
    /// `top` followed by `/`: what a path inside the repository starts with.
    private let topPrefix: String

    /// True when a rule outside the work tree's `.gitignore` files could match a playbook file's
    /// name: a rule of `.git/info/exclude` or of `core.excludesFile` (or the user's default ignore
    /// file) with a wildcard or a `.yml`/`.yaml` name. Judged conservatively: a linked worktree
    /// (whose `.git` is a file), or a rule file that cannot be read, counts.
    private let outsideFileRules: Bool
    /// Per folder: whether a `.gitignore` in it or in a folder between it and `top` has such a rule.
    private var fileRulesOnTheWay: [String: Bool] = [:]
    /// Ignored folders the walk enters because they hold tracked playbook files: in them, a file is
    /// ignored unless it is tracked.
    private var ignoredButEntered: Set<String> = []
    /// The index's playbook files and every folder above one (relative to `top`), read the first
    /// time something is ignored (most walks never need them).
    private lazy var tracked: (files: Set<String>, folders: Set<String>) = {
        var files = Set<String>(), folders = Set<String>()
        let snapshot = try? repository.stagedEntries(where: { PlaybookFiles.hasPlaybookName($0) || PlaybookFiles.hasMiscasedPlaybookName($0) })
        for path in (snapshot?.entries.map(\.path) ?? []) + (snapshot?.conflicts ?? []) {
            files.insert(path)
            var folder = Substring(path)
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
        return (files, folders)
    }()

    /// The rules of the repository whose top is `top`; nil outside a repository (no `.git` there),
    /// or when it cannot be opened (then nothing is skipped, as before).
    init?(top: String) {
        guard Workspace.lexists(top + "/.git"), let repository = try? Repository.open(at: top) else { return nil }
        self.repository = repository
        self.top = top
        topPrefix = top == "/" ? "/" : top + "/"
        outsideFileRules = Self.outsideFileRules(top: top, repository: repository)
    }

    /// Asking libgit2 about a file costs a few system calls (about 10 % of a 15,000-file lint). A
    /// folder is always asked; a file only where a rule could match a file named `*.yml` (a rule
    /// naming `node_modules` or `Package.resolved` cannot): libgit2 still judges every file asked.
    private static func outsideFileRules(top: String, repository: Repository) -> Bool {
        var info = stat()
        guard lstat(top + "/.git", &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return true }
        if holdsFileRules(top + "/.git/info/exclude") { return true }
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        let excludesFile: String?
        do { excludesFile = try repository.configString("core.excludesFile") } catch { return true }
        if let excludesFile {
            var path = excludesFile
            if path.hasPrefix("~/") {
                guard let home else { return true }
                path = home + path.dropFirst()
            }
            guard path.hasPrefix("/") else { return true }
            return holdsFileRules(path)
        }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home.map { $0 + "/.config" }
        return configHome.map { holdsFileRules($0 + "/git/ignore") } ?? false
    }

    /// True when the rule file at `path` has a rule that could match a file named `*.yml` or
    /// `*.yaml`: its last part has a wildcard (`*`, `?`, `[`), an escape, or such a name. A rule
    /// ending in `/` matches folders only. A file that exists but cannot be read counts.
    static func holdsFileRules(_ path: String) -> Bool {
        guard Workspace.lexists(path) else { return false }
        guard let data = FileManager.default.contents(atPath: path) else { return true }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }).contains { line in
            var rule = Substring(line)
            while let last = rule.last, last == " " || last == "\t" { rule = rule.dropLast() }
            if rule.isEmpty || rule.hasPrefix("#") { return false }
            if rule.hasPrefix("!") { rule = rule.dropFirst() }
            if rule.hasSuffix("/") { return false }
            let name = (rule.split(separator: "/").last ?? rule).lowercased()
            return name.contains { "*?[\\".contains($0) } || name.hasSuffix(".yml") || name.hasSuffix(".yaml")
        }
    }

    /// True when a `.gitignore` in `folder` or in a folder above it up to `top` has a rule that could
    /// match a playbook file's name.
    private func fileRulesApply(in folder: String) -> Bool {
        if let known = fileRulesOnTheWay[folder] { return known }
        let answer: Bool
        if folder != top, PathSpelling.remainder(of: folder, after: topPrefix) != nil,
           let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let parent = slash == folder.utf8.startIndex ? "/" : String(folder[..<slash])
            answer = Self.holdsFileRules(folder + "/.gitignore") || fileRulesApply(in: parent)
        } else {
            answer = Self.holdsFileRules(top + "/.gitignore")
        }
        fileRulesOnTheWay[folder] = answer
        return answer
    }

    /// True when git ignores the absolute `path` inside the repository; a path outside it, or one
    /// libgit2 cannot judge, is not ignored.
    func ignores(_ path: String, isFolder: Bool) -> Bool {
        guard let relative = PathSpelling.remainder(of: path, after: topPrefix), !relative.isEmpty else { return false }
        let parent = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { $0 == path.utf8.startIndex ? "/" : String(path[..<$0]) }
        if !isFolder, let parent, ignoredButEntered.contains(parent) { return !tracked.files.contains(relative) }
        if !isFolder, !outsideFileRules, let parent, !fileRulesApply(in: parent) { return false }
        guard isIgnoredByRules(relative, isFolder: isFolder) else { return false }
        if isFolder {
            guard tracked.folders.contains(relative) else { return true }
            ignoredButEntered.insert(path)
            return false
        }
        return !tracked.files.contains(relative)
    }

    /// What the rules alone say (`git check-ignore --no-index`); a path libgit2 cannot judge is not ignored.
    private func isIgnoredByRules(_ relative: String, isFolder: Bool) -> Bool {
        (try? repository.isIgnored(isFolder ? relative + "/" : relative)) ?? false
    }

    /// The walk's test for the folder `folder`: nil (nothing skipped) when `folder` is ignored itself,
    /// as a folder named on the command line or configured as a root is the user's explicit choice.
    func filter(below folder: String) -> ((String, Bool) -> Bool)? {
        if let relative = PathSpelling.remainder(of: folder, after: topPrefix), !relative.isEmpty,
           isIgnoredByRules(relative, isFolder: true) { return nil }
        return { [self] path, isFolder in ignores(path, isFolder: isFolder) }
    }
}
