import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

/// Files as staged in the git index: the content `git commit` is about to record.
struct StagedSource: LintSource {
    let configuration: Configuration
    let files: [SourceFile]
    /// The git top: index paths, and finding paths, are relative to it.
    let top: String
    let cwd: String
    var repositoryTop: String { top }
    /// Index entries and conflicts, kept to select named paths outside the roots.
    private let snapshot: StagedSnapshot
    private let repository: Repository
    /// The settings the index holds (StagedSettings): the configured roots, and the file judged.
    private let settings: StagedSettings
    private var rootPrefixes: [String] { settings.rootPrefixes }
    /// HEAD's tree and the settings it holds, found as the index's are: what the commit starts from. Nil with
    /// no commit yet; its settings nil when they cannot be read (HEAD is then not judged: every error is the commit's).
    private let head: (tree: ObjectID, settings: StagedSettings?)?
    /// With no settings found from the current folder up (so none at the top), the `.playbook.yml` files the index holds in
    /// subfolders: the playbooks a hook run from the top of the repository was meant to find.
    private let nestedSettings: [String]
    /// What the user should know about the settings judged (a working-tree `.playbook.yml` the commit does not hold).
    let notes: [String]
    /// Nothing of the playbook is in the commit nor in its parent, and the working tree's settings are not
    /// staged (a playbook begun and not yet added), or, run by a hook playbook wrote (`InstalledHooks.hookVariable`),
    /// neither the index nor HEAD holds a settings file or a playbook file (a branch without the playbook, such as an
    /// orphan gh-pages). Nothing is judged.
    let holdsNoPlaybook: Bool

    init(from cwd: String, configPath: String?) throws {
        self.cwd = cwd
        // Inside a git hook, git says which repository and which index it is committing:
        // `git commit -a` / `git commit PATH` stage into a temporary index named by GIT_INDEX_FILE.
        let environment = ProcessInfo.processInfo.environment
        let here = Workspace.normalized(cwd)
        let indexFile = environment["GIT_INDEX_FILE"].map { Workspace.absolute($0, from: here) }
        do {
            if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
                repository = try Repository.open(at: Workspace.absolute(gitDir, from: here))
            } else {
                repository = try Repository.discover(from: cwd)
            }
        } catch {
            throw UsageError(description: "--staged needs a git repository: \(error)")
        }
        guard let workdir = repository.workdir else {
            throw UsageError(description: "--staged reads the index, and a bare repository has none; lint a checkout instead")
        }
        let top = Workspace.normalized(workdir)
        self.top = top
        do {
            // An intent-to-add entry (`git add -N`) is no part of the commit: its empty blob is not the file.
            let staged = try repository.stagedEntries(indexFile: indexFile, where: { _ in true })
            snapshot = StagedSnapshot(entries: staged.entries.filter { !$0.isIntentToAdd }, conflicts: staged.conflicts)
        } catch {
            throw UsageError(description: "cannot read the git index: \(error)")
        }
        let byPath = Dictionary(snapshot.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let repository = repository
        let relative = PathSpelling.remainder(of: here, after: top + "/") ?? ""

        // --config names the settings: as staged when the index holds the file (its staged change changes the
        // findings); a file it does not hold (outside the repository, or untracked) is the user's own, read from
        // disk and judging HEAD alike.
        var notes: [String] = []
        var unjudgedSettings = false
        let named = try configPath.map { configPath -> StagedSettings.Named in
            let absolute = Workspace.absolute(configPath, from: here)
            if let inside = PathSpelling.remainder(of: absolute, after: top + "/"), byPath[inside] != nil {
                return StagedSettings.Named(shown: configPath, held: inside, fromDisk: nil)
            }
            if PathSpelling.remainder(of: absolute, after: top + "/") != nil {
                notes.append("\(Inert.terminal(configPath)) is not in the index: read from the working tree, for this commit and HEAD alike")
            }
            return StagedSettings.Named(shown: configPath, held: nil,
                                        fromDisk: try Workspace.loadConfiguration(at: absolute, shownAs: configPath))
        }
        settings = try StagedSettings.find(from: relative, named: named, side: "staged") { path in
            byPath[path].map { entry in StagedSettings.Held(isRegularFile: entry.isRegularFile) { try repository.blobData(entry.id) } }
        }
        configuration = settings.configuration
        let held = byPath[settings.path ?? ""] != nil

        // A `.playbook.yml` only the working tree has (untracked, or removed from the index) is not judged: said.
        if configPath == nil {
            var folder = relative
            while true {
                let candidate = folder.isEmpty ? Configuration.fileName : folder + "/" + Configuration.fileName
                if Workspace.lexists(top + "/" + candidate) {
                    if byPath[candidate] == nil {
                        unjudgedSettings = true
                        let judged = held ? "with \(Inert.terminal(settings.path ?? "")), the nearest one it holds" : "with the default settings"
                        notes.append("\(Inert.terminal(candidate)) is not in the index, so the commit is judged \(judged), as a clean clone of it "
                                     + "reads it (`git add \(Inert.terminal(candidate))` to commit it)")
                    }
                    break
                }
                guard !folder.isEmpty, folder != settings.folder else { break }
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        nestedSettings = configPath == nil && !held
            ? snapshot.entries.map(\.path).filter { $0.hasSuffix("/" + Configuration.fileName) }
            : []

        // HEAD, as a clean clone of it is judged: the settings it holds, found from the same folder.
        if let commit = try repository.headCommit() {
            let tree = try repository.commitInfo(commit, details: false).tree
            let headSettings = try? StagedSettings.find(from: relative, named: named, side: "HEAD's") { path in
                try repository.blobEntry(inTree: tree, path: path).map { entry in
                    StagedSettings.Held(isRegularFile: !entry.isLink) { try repository.blobData(entry.id) }
                }
            }
            head = (tree, headSettings)
        } else {
            head = nil
        }
        // A playbook begun in the working tree (`playbook init`) and not yet added: a commit that holds none of
        // it, its settings included, and whose parent holds no playbook file either, has nothing to judge (its
        // empty playbook is no error of a commit of `.githooks` or a README; review, 2026-12-05).
        // Under a root by bytes (`PathSpelling`): `playbooks/` + U+0301 is under playbooks, as the
        // working-tree walk finds it, though its `/` and mark are one character.
        files = StagedSource.read(snapshot, from: repository, top: top, configuration: configuration,
                                  include: Self.underRoots(settings.rootPrefixes), linkedFolders: Self.belowRoots(settings.rootPrefixes))
        let prefixes = settings.rootPrefixes
        let within: (String) -> Bool = { path in prefixes.contains { $0.isEmpty || PathSpelling.isWithin(path, $0) } }
        let head = self.head
        // (Read only when needed: it lists HEAD's tree under the roots.)
        func headHoldsNoPlaybookFile() throws -> Bool {
            try head.map { head in
                let include = Self.underRoots(head.settings?.rootPrefixes ?? [])
                return try head.settings.map { try repository.changedFiles(from: nil, to: head.tree, under: $0.rootPrefixes, include: include).isEmpty } ?? false
            } ?? true
        }
        if unjudgedSettings, !snapshot.entries.contains(where: { within($0.path) }), !snapshot.conflicts.contains(where: within) {
            holdsNoPlaybook = try headHoldsNoPlaybookFile()
        } else if environment[InstalledHooks.hookVariable] == "1", configPath == nil, !held, nestedSettings.isEmpty, files.isEmpty {
            // Run by playbook's hook, which git runs on every branch: what the index and HEAD hold decides, never the
            // working tree (review, 2026-12-05: a `.playbook.yml` moved away unstaged let a broken commit in).
            let headHoldsSettings = try head.map { head in
                try head.settings?.path.map { try repository.blobEntry(inTree: head.tree, path: $0) != nil } ?? true
            } ?? false
            holdsNoPlaybook = try !headHoldsSettings && headHoldsNoPlaybookFile()
        } else {
            holdsNoPlaybook = false
        }
        self.notes = holdsNoPlaybook ? notes + ["the commit holds no playbook file, nor does its parent: nothing to judge"] : notes
    }

    /// The playbook files under the roots (by bytes, `PathSpelling`: `playbooks/` + U+0301 is under
    /// playbooks, as the working-tree walk finds it, though its `/` and mark are one character).
    private static func underRoots(_ prefixes: [String]) -> (String) -> Bool {
        { path in
            prefixes.contains { $0.isEmpty || PathSpelling.isWithin(path, $0) }
                && (PlaybookFiles.isPlaybookFile(path, roots: prefixes) || PlaybookFiles.isMiscasedPlaybookFile(path, roots: prefixes))
        }
    }

    /// The links below the roots that are no playbook file by name: named when they lead to a folder, as the
    /// working-tree walk names a symbolic link to a folder whatever its name.
    private static func belowRoots(_ prefixes: [String]) -> (String) -> Bool {
        { path in
            prefixes.contains { $0.isEmpty || PathSpelling.isWithin(path, $0) } && !prefixes.contains(path)
                && PlaybookFiles.isReadBelowRoot(path, roots: prefixes)
        }
    }

    /// The git folder, where `.git/playbook` keeps what runs share.
    var gitDirectory: String { repository.gitDirectory }

    /// What a staged run's findings are made from, as blob ids (`StagedBaseline.fingerprint`): the playbook
    /// files (and links) and the settings of the index, or of HEAD (`atHead`, with HEAD's settings and roots).
    /// Nil when that cannot name it: the index holds conflicts, --config names a file the index does not hold,
    /// there is no HEAD, or HEAD's settings cannot be read.
    func content(atHead: Bool) throws -> (files: [(path: String, id: ObjectID)], settings: ObjectID?)? {
        if !atHead {
            guard let settingsPath = settings.path, snapshot.conflicts.isEmpty else { return nil }
            let (include, links) = (Self.underRoots(rootPrefixes), Self.belowRoots(rootPrefixes))
            return (snapshot.entries.filter { include($0.path) || (CommittedLinks.isLink($0) && links($0.path)) }.map { ($0.path, $0.id) },
                    snapshot.entries.first(where: { $0.path == settingsPath })?.id)
        }
        guard let head, let headSettings = head.settings, let settingsPath = headSettings.path else { return nil }
        let files = try headEntries(head.tree, headSettings).map { (path: $0.path, id: $0.id) }
        return (files, try repository.blobID(inTree: head.tree, path: settingsPath))
    }

    /// The settings HEAD is judged with (found as the index's are, from what HEAD holds); nil when there is no
    /// HEAD or its settings cannot be read.
    var headConfiguration: Configuration? { head?.settings?.configuration }

    /// HEAD's playbook files, and its links below the roots, as index entries.
    private func headEntries(_ tree: ObjectID, _ headSettings: StagedSettings) throws -> [IndexEntry] {
        let (include, links) = (Self.underRoots(headSettings.rootPrefixes), Self.belowRoots(headSettings.rootPrefixes))
        return try repository.changedFiles(from: nil, to: tree, under: headSettings.rootPrefixes, include: { include($0) || links($0) })
            .compactMap { change -> IndexEntry? in
                guard let blob = change.newBlob, include(change.path) || change.newIsLink else { return nil }
                var entry = IndexEntry(path: change.path, id: blob, mode: change.newIsLink ? IndexEntry.symlinkMode : 0o100644, size: 0)
                entry.nameIsUTF8 = change.nameIsUTF8
                return entry
            }
    }

    /// The playbook files as HEAD holds them, read as the staged ones are with HEAD's settings: what the commit
    /// starts from. Empty with no HEAD.
    func headFiles() throws -> [SourceFile] {
        guard let head, let headSettings = head.settings else { return [] }
        let entries = try headEntries(head.tree, headSettings)
        // A link is judged against all HEAD holds: listed whole only when there is one.
        let all = entries.contains(where: CommittedLinks.isLink)
            ? try repository.changedFiles(from: nil, to: head.tree, under: [""], include: { _ in true }).compactMap { change -> IndexEntry? in
                change.newBlob.map { IndexEntry(path: change.path, id: $0, mode: change.newIsLink ? IndexEntry.symlinkMode : 0o100644, size: 0) }
            }
            : entries
        return Self.read(StagedSnapshot(entries: entries, conflicts: []), from: repository, top: top, configuration: headSettings.configuration,
                         include: Self.underRoots(headSettings.rootPrefixes), linkedFolders: Self.belowRoots(headSettings.rootPrefixes),
                         tree: all)
    }

    /// The staged files that `include` selects (playbook files under a root, and those named as one in
    /// other letter case, which are named and not read), read from the object database, and the links
    /// `linkedFolders` selects that lead to a folder. `tree`: all the side holds (default: the snapshot).
    private static func read(_ snapshot: StagedSnapshot, from repository: Repository, top: String, configuration: Configuration,
                             include: (String) -> Bool, linkedFolders: (String) -> Bool = { _ in false },
                             tree: [IndexEntry]? = nil) -> [SourceFile] {
        var files: [SourceFile] = []
        var resolver: CommittedLinks?
        func leadsToFolder(_ path: String) -> Bool {
            if resolver == nil { resolver = CommittedLinks(tree ?? snapshot.entries, top: top, repository: repository) }
            return resolver?.leadsToFolder(path) ?? false
        }
        for entry in snapshot.entries {
            guard include(entry.path) else {
                // A link to a folder, whatever its name, as a clean clone's walk names it.
                if CommittedLinks.isLink(entry), linkedFolders(entry.path), leadsToFolder(entry.path) {
                    files.append(SourceFile(path: entry.path, content: .unreadable(FileDiscovery.symlinkedFolderProblem)))
                }
                continue
            }
            // As lint words it: a name git holds but that is not UTF-8 cannot be named or read by path.
            guard entry.nameIsUTF8 || entry.mode & 0o170000 == 0o160000 else {
                files.append(SourceFile(path: entry.path, content: .unreadable(SourceFile.invalidNameProblem)))
                continue
            }
            if PlaybookFiles.hasMiscasedPlaybookName(entry.path), entry.mode & 0o170000 != 0o160000 {
                files.append(SourceFile(path: entry.path, content: .unreadable(SourceFile.miscasedNameProblem(entry.path))))
                continue
            }
            switch entry.mode & 0o170000 {
            case 0o100000:
                if entry.size > configuration.limits.maxBytes {
                    files.append(SourceFile(path: entry.path, content: .tooLarge(size: entry.size)))
                    continue
                }
                do {
                    files.append(SourceFile(path: entry.path, bytes: try repository.blobData(entry.id)))
                } catch {
                    files.append(SourceFile(path: entry.path, content: .unreadable("\(error)")))
                }
            case 0o120000:
                let problem = leadsToFolder(entry.path) ? FileDiscovery.symlinkedFolderProblem : FileDiscovery.symlinkProblem
                files.append(SourceFile(path: entry.path, content: .unreadable(problem)))
            default:
                continue // a submodule is another repository
            }
        }
        let conflicts = snapshot.conflicts.filter { include($0) && !PlaybookFiles.hasMiscasedPlaybookName($0) }
        // HEAD's version of a file in conflict tells which ids it defined (best effort: none without it).
        let headTree = conflicts.isEmpty ? nil : (try? repository.headCommit()).flatMap { $0 }
            .flatMap { try? repository.commitInfo($0, details: false).tree }
        for conflict in conflicts {
            let earlier = headTree.flatMap { try? repository.blobID(inTree: $0, path: conflict) }.flatMap { try? repository.blobData($0) }
            files.append(SourceFile(path: conflict, content: .unreadable("it has unresolved merge conflicts in the index; resolve them and `git add` it"),
                                    earlier: earlier))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// As `lint` refuses a playbook folder that does not exist (exit 2, not a North Star finding
    /// in a .playbook.yml there is none of): a root with nothing staged under it and nothing at
    /// its path in the work tree either.
    private func checkRoots() throws {
        for (index, prefix) in rootPrefixes.enumerated() where !prefix.isEmpty {
            guard !snapshot.entries.contains(where: { PathSpelling.isWithin($0.path, prefix) }),
                  !snapshot.conflicts.contains(where: { PathSpelling.isWithin($0, prefix) }) else { continue }
            guard !Workspace.lexists(top + "/" + prefix) else { continue }
            let shown = Inert.terminal(prefix)
            // A hook (or hook manager) run from the top of the repository, for a playbook in a subfolder.
            if let nested = nestedSettings.first {
                let folder = Inert.terminal((nested as NSString).deletingLastPathComponent)
                let more = nestedSettings.count > 1 ? " (and \(nestedSettings.count - 1) more)" : ""
                throw UsageError(description: "no playbook at the repository top (no .playbook.yml, and no folder \(shown)); the index has "
                    + "\(Inert.terminal(nested))\(more): run from \(folder)/ (cd \(folder) && playbook lint --staged)")
            }
            throw configuration.rootError(index, "the playbook folder \(shown) does not exist; create it or set `roots` in .playbook.yml")
        }
    }

    /// The playbook files the commit changes: staged content that differs from HEAD's (added, modified,
    /// in conflict), HEAD's files the index no longer holds (deleted), and the settings file when it differs
    /// from HEAD's, under the index's roots and HEAD's alike. Nil when every file counts as changed: no commit yet.
    /// Settings that change are judged by comparing with HEAD judged with its own (review, 2026-12-05: any staged
    /// settings change refused the commit for errors already there in files it leaves unchanged).
    func changedPaths() throws -> Set<String>? {
        guard let head else { return nil }
        let prefixes = Array(Set(rootPrefixes + (head.settings?.rootPrefixes ?? [])))
        let within: (String) -> Bool = { path in prefixes.contains { $0.isEmpty || PathSpelling.isWithin(path, $0) } }
        let committed = try repository.changedFiles(from: nil, to: head.tree, under: prefixes, include: { _ in true })
        let atHead = Dictionary(committed.map { ($0.path, $0.newBlob) }, uniquingKeysWith: { a, _ in a })
        var changed = Set(snapshot.conflicts)
        for entry in snapshot.entries where within(entry.path) && atHead[entry.path] != .some(entry.id) {
            changed.insert(entry.path)
        }
        // A file the commit deletes is a change too: without it, a commit that only removes a hypothesis an
        // unchanged experiment names read as changing nothing, its broken reference as HEAD's (review, 2026-12-05).
        let staged = Set(snapshot.entries.map(\.path))
        for path in atHead.keys where !staged.contains(path) {
            changed.insert(path)
        }
        for path in Set([settings.path, head.settings?.path].compactMap { $0 }) {
            let stagedID = snapshot.entries.first(where: { $0.path == path })?.id
            if try repository.blobID(inTree: head.tree, path: path) != stagedID { changed.insert(path) }
        }
        return changed
    }

    /// Whether `changed` (`changedPaths`) holds the settings file, the index's or HEAD's: every finding is then listed.
    func changesSettings(_ changed: Set<String>) -> Bool {
        [settings.path, head?.settings?.path].contains { $0.map(changed.contains) ?? false }
    }

    func files(for paths: [String]) throws -> Selection {
        guard !paths.isEmpty else {
            if holdsNoPlaybook { return Selection(files: [], reported: nil) }
            try checkRoots()
            return Selection(files: files, reported: nil)
        }
        let here = Workspace.normalized(cwd)
        let named = try paths.map { path -> String in
            let absolute = Workspace.absolute(path, from: here)
            let shown = Workspace.display(absolute, root: top)
            let staged = snapshot.entries.contains { PathSpelling.isWithin($0.path, shown) }
            guard staged || Workspace.exists(absolute) else { throw UsageError(description: "no such file or folder: \(path)") }
            return shown
        }
        func isNamed(_ path: String) -> Bool { named.contains { PathSpelling.isWithin(path, $0) } }
        // Named files outside the roots are read too, as a working-tree run reads them.
        var all = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for file in StagedSource.read(snapshot, from: repository, top: top, configuration: configuration, include: isNamed) where all[file.path] == nil {
            all[file.path] = file
        }
        let selected = all.keys.sorted().compactMap { all[$0] }
        return Selection(files: selected, reported: Set(selected.map(\.path).filter(isNamed)))
    }
}
