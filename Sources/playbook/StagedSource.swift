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
    /// The configured roots, relative to the git top ("" for the top itself).
    private let rootPrefixes: [String]
    /// Where the settings are read from, relative to the top; nil when --config names a file outside the repository.
    private let settingsPath: String?
    /// With no settings found from the current folder up (so none at the top), the `.playbook.yml` files the index holds in
    /// subfolders: the playbooks a hook run from the top of the repository was meant to find.
    private let nestedSettings: [String]

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
        top = Workspace.normalized(workdir)
        do {
            // An intent-to-add entry (`git add -N`) is no part of the commit: its empty blob is not the file.
            let staged = try repository.stagedEntries(indexFile: indexFile, where: { _ in true })
            snapshot = StagedSnapshot(entries: staged.entries.filter { !$0.isIntentToAdd }, conflicts: staged.conflicts)
        } catch {
            throw UsageError(description: "cannot read the git index: \(error)")
        }
        let byPath = Dictionary(snapshot.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })

        // The settings folder: the nearest .playbook.yml (staged, else in the work tree) from
        // the current folder up to the top, as a working-tree run finds it.
        var settingsFolder = ""
        var relative = PathSpelling.remainder(of: here, after: top + "/") ?? ""
        while true {
            let candidate = relative.isEmpty ? Configuration.fileName : relative + "/" + Configuration.fileName
            if byPath[candidate] != nil || Workspace.lexists(top + "/" + candidate) {
                settingsFolder = relative
                break
            }
            guard !relative.isEmpty else { break }
            relative = (relative as NSString).deletingLastPathComponent
        }
        let settingsPath = settingsFolder.isEmpty ? Configuration.fileName : settingsFolder + "/" + Configuration.fileName
        // With --config, the file named (when inside the repository): its staged change changes the findings too.
        let topPrefix = top + "/"
        self.settingsPath = configPath.map { PathSpelling.remainder(of: Workspace.absolute($0, from: here), after: topPrefix) } ?? settingsPath
        if let configPath {
            configuration = try Workspace.loadConfiguration(at: Workspace.absolute(configPath, from: here), shownAs: configPath)
        } else if let entry = byPath[settingsPath] {
            // The configuration about to be committed; a staged link is refused, not followed.
            guard entry.isRegularFile else {
                throw UsageError(description: "the staged \(settingsPath) is not a regular file (a symbolic link or a submodule); commit the configuration itself")
            }
            let bytes: [UInt8]
            do { bytes = try repository.blobData(entry.id) } catch {
                throw UsageError(description: "cannot read the staged \(settingsPath): \(error)")
            }
            configuration = try Configuration.parse(bytes, file: settingsPath)
        } else if Workspace.lexists(top + "/" + settingsPath) {
            // Only a regular file reached without a symbolic link; a dangling link is an error, not defaults.
            let kind: ContainedPath.Kind
            do {
                kind = try ContainedPath.kind(of: settingsPath, under: top, shownFrom: top)
            } catch {
                throw UsageError(description: "cannot use the configuration file: \(error.description)")
            }
            guard kind == .file else { throw UsageError(description: "the configuration file \(settingsPath) is not a regular file") }
            configuration = try Workspace.loadConfiguration(at: top + "/" + settingsPath, shownAs: settingsPath, followingLinks: false)
        } else {
            configuration = Configuration()
        }
        nestedSettings = configPath == nil && byPath[settingsPath] == nil && !Workspace.lexists(top + "/" + settingsPath)
            ? snapshot.entries.map(\.path).filter { $0.hasSuffix("/" + Configuration.fileName) }
            : []
        let prefixes = configuration.roots.map { root -> String in
            let joined = settingsFolder.isEmpty ? root : (root == "." ? settingsFolder : settingsFolder + "/" + root)
            return joined == "." ? "" : joined
        }
        rootPrefixes = prefixes
        // Under a root by bytes (`PathSpelling`): `playbooks/` + U+0301 is under playbooks, as the
        // working-tree walk finds it, though its `/` and mark are one character.
        files = StagedSource.read(snapshot, from: repository, configuration: configuration, include: Self.underRoots(prefixes))
    }

    /// The playbook files under the roots (by bytes, `PathSpelling`: `playbooks/` + U+0301 is under
    /// playbooks, as the working-tree walk finds it, though its `/` and mark are one character).
    private static func underRoots(_ prefixes: [String]) -> (String) -> Bool {
        { path in
            prefixes.contains { $0.isEmpty || PathSpelling.isWithin(path, $0) }
                && (PlaybookFiles.isPlaybookFile(path, roots: prefixes) || PlaybookFiles.isMiscasedPlaybookFile(path, roots: prefixes))
        }
    }

    /// The git folder, where `.git/playbook` keeps what runs share.
    var gitDirectory: String { repository.gitDirectory }

    /// What a staged run's findings are made from, as blob ids (`StagedBaseline.fingerprint`): the playbook
    /// files and the settings of the index, or of HEAD (`atHead`). Nil when that cannot name it: the index
    /// holds conflicts, --config names a file outside the repository, or there is no HEAD.
    func content(atHead: Bool) throws -> (files: [(path: String, id: ObjectID)], settings: ObjectID?)? {
        guard let settingsPath else { return nil }
        let include = Self.underRoots(rootPrefixes)
        if !atHead {
            guard snapshot.conflicts.isEmpty else { return nil }
            return (snapshot.entries.filter { include($0.path) }.map { ($0.path, $0.id) },
                    snapshot.entries.first(where: { $0.path == settingsPath })?.id)
        }
        guard let head = try repository.headCommit() else { return nil }
        let tree = try repository.commitInfo(head, details: false).tree
        let files = try repository.changedFiles(from: nil, to: tree, under: rootPrefixes, include: include)
            .compactMap { change in change.newBlob.map { (path: change.path, id: $0) } }
        return (files, try repository.blobID(inTree: tree, path: settingsPath))
    }

    /// The playbook files as HEAD holds them, read as the staged ones are: what the commit starts from.
    func headFiles() throws -> [SourceFile] {
        guard let head = try repository.headCommit() else { return [] }
        let tree = try repository.commitInfo(head, details: false).tree
        let entries = try repository.changedFiles(from: nil, to: tree, under: rootPrefixes, include: Self.underRoots(rootPrefixes))
            .compactMap { change -> IndexEntry? in
                guard let blob = change.newBlob else { return nil }
                var entry = IndexEntry(path: change.path, id: blob, mode: change.newIsLink ? IndexEntry.symlinkMode : 0o100644, size: 0)
                entry.nameIsUTF8 = change.nameIsUTF8
                return entry
            }
        return Self.read(StagedSnapshot(entries: entries, conflicts: []), from: repository, configuration: configuration,
                         include: Self.underRoots(rootPrefixes))
    }

    /// The staged files that `include` selects (playbook files under a root, and those named as one in
    /// other letter case, which are named and not read), read from the object database.
    private static func read(_ snapshot: StagedSnapshot, from repository: Repository, configuration: Configuration,
                             include: (String) -> Bool) -> [SourceFile] {
        var files: [SourceFile] = []
        for entry in snapshot.entries where include(entry.path) {
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
                files.append(SourceFile(path: entry.path, content: .unreadable(FileDiscovery.symlinkProblem)))
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
    /// in conflict) and HEAD's files the index no longer holds (deleted). Nil when every file counts as changed: no commit yet, or the settings (which can
    /// change any file's findings) differ from HEAD's.
    func changedPaths() throws -> Set<String>? {
        guard let head = try repository.headCommit() else { return nil }
        let tree = try repository.commitInfo(head, details: false).tree
        if let settingsPath {
            let staged = snapshot.entries.first(where: { $0.path == settingsPath })?.id
            guard try repository.blobID(inTree: tree, path: settingsPath) == staged else { return nil }
        }
        let committed = try repository.changedFiles(from: nil, to: tree, under: rootPrefixes,
                                                    include: { _ in true })
        let atHead = Dictionary(committed.map { ($0.path, $0.newBlob) }, uniquingKeysWith: { a, _ in a })
        var changed = Set(snapshot.conflicts)
        for entry in snapshot.entries where atHead[entry.path] != .some(entry.id) {
            changed.insert(entry.path)
        }
        // A file the commit deletes is a change too: without it, a commit that only removes a hypothesis an
        // unchanged experiment names read as changing nothing, its broken reference as HEAD's (review, 2026-12-05).
        let staged = Set(snapshot.entries.map(\.path))
        for path in atHead.keys where !staged.contains(path) {
            changed.insert(path)
        }
        return changed
    }

    func files(for paths: [String]) throws -> Selection {
        guard !paths.isEmpty else {
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
        for file in StagedSource.read(snapshot, from: repository, configuration: configuration, include: isNamed) where all[file.path] == nil {
            all[file.path] = file
        }
        let selected = all.keys.sorted().compactMap { all[$0] }
        return Selection(files: selected, reported: Set(selected.map(\.path).filter(isNamed)))
    }
}
