import Foundation
import PlaybookGit
import PlaybookLint

/// Files as staged in the git index: the content `git commit` is about to record.
struct StagedSource: LintSource {
    let configuration: Configuration
    let files: [SourceFile]
    let root: String
    let cwd: String

    init(from cwd: String, configPath: String?) throws {
        self.cwd = cwd
        // Inside a git hook, git says which repository and which index it is committing:
        // `git commit -a` / `git commit PATH` stage into a temporary index named by GIT_INDEX_FILE.
        let environment = ProcessInfo.processInfo.environment
        let indexFile = environment["GIT_INDEX_FILE"].map { Workspace.absolute($0, from: Workspace.normalized(cwd)) }
        let repository: Repository
        do {
            if let gitDir = environment["GIT_DIR"], !gitDir.isEmpty {
                repository = try Repository.open(at: Workspace.absolute(gitDir, from: Workspace.normalized(cwd)))
            } else {
                repository = try Repository.discover(from: cwd)
            }
        } catch {
            throw UsageError(description: "--staged needs a git repository: \(error)")
        }
        guard let workdir = repository.workdir else {
            throw UsageError(description: "--staged reads the index, and a bare repository has none; lint a checkout instead")
        }
        root = workdir
        do {
            let snapshot = try repository.stagedEntries(indexFile: indexFile, where: { _ in true })
            let byPath = Dictionary(snapshot.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            // The configuration about to be committed, else the one in the working tree.
            if configPath == nil, let entry = byPath[Configuration.fileName] {
                configuration = try Configuration.parse(try repository.blobData(entry.id), file: Configuration.fileName + " (staged)")
            } else {
                configuration = try Workspace.locate(from: workdir, configPath: configPath).configuration
            }
            let roots = configuration.roots
            var files: [SourceFile] = []
            for entry in snapshot.entries where StagedSource.isPlaybookPath(entry.path, roots: roots) {
                // Symbolic links and submodules are not files to read.
                guard entry.mode & 0o170000 == 0o100000 else { continue }
                if entry.size > configuration.limits.maxBytes {
                    files.append(SourceFile(path: entry.path, content: .tooLarge(size: entry.size)))
                    continue
                }
                do {
                    files.append(SourceFile(path: entry.path, bytes: try repository.blobData(entry.id)))
                } catch {
                    files.append(SourceFile(path: entry.path, content: .unreadable("\(error)")))
                }
            }
            for conflict in snapshot.conflicts where StagedSource.isPlaybookPath(conflict, roots: roots) {
                files.append(SourceFile(path: conflict, content: .unreadable("it has unresolved merge conflicts in the index; resolve them and `git add` it")))
            }
            self.files = files.sorted { $0.path < $1.path }
        } catch let error as ConfigurationError {
            throw error
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(description: "cannot read the git index: \(error)")
        }
    }

    static func isPlaybookPath(_ path: String, roots: [String]) -> Bool {
        guard FileDiscovery.isPlaybookFile(path) else { return false }
        return roots.contains { root in root == "." || path.hasPrefix(root + "/") }
    }

    func files(for paths: [String]) throws -> Selection {
        guard !paths.isEmpty else { return Selection(files: files, reported: nil) }
        let prefixes = paths.map { Workspace.display(Workspace.absolute($0, from: Workspace.normalized(cwd)), root: root) }
        let reported = Set(files.map(\.path).filter { path in
            prefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
        })
        return Selection(files: files, reported: reported)
    }
}
