import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel

/// Output formats of the history commands.
enum HistoryFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, json, csv, html
}

/// Options every history command shares.
struct HistoryOptions: ParsableArguments {
    @Flag(name: .customLong("all-parents"),
          help: "Include the commits of merged side branches (default: the current branch's first-parent line).")
    var allParents = false

    @Flag(name: .customLong("no-cache"), help: "Read the whole history from git, ignoring and not writing the cache.")
    var noCache = false

    @Option(help: "Configuration file to use instead of .playbook.yml at the repository top.")
    var config: String?

    /// Reads the history of the repository containing the current directory, with a progress
    /// line on standard error when it is a terminal.
    func readHistory() throws -> History {
        let cwd = FileManager.default.currentDirectoryPath
        let repository: Repository
        do {
            repository = try Repository.discover(from: cwd)
        } catch let error as GitError {
            throw UsageError(description: "\(error.description)\n(history reports read a git repository: run inside one)")
        }
        let workspace = try Workspace.locate(from: cwd, configPath: config)
        // A root that is a file or a symbolic link in the working tree is a configuration
        // mistake here too, said as plainly as `lint` says it.
        if repository.workdir != nil { _ = try workspace.checkRoots(requireExisting: false) }
        let roots = Self.repositoryRoots(workspace: workspace, workdir: repository.workdir)
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        var reader = HistoryReader(
            roots: roots, mode: allParents ? .allParents : .firstParent,
            cacheFile: noCache ? nil : usableCacheFile(for: repository, mode: allParents ? .allParents : .firstParent),
            progress: progress.map { line in { done, total in line.show(done, total) } })
        reader.backgroundWork = true
        do {
            let history = try reader.read(repository)
            progress?.finish()
            return history
        } catch let error as GitError {
            progress?.finish()
            throw UsageError(description: "could not read the history: \(error.description)")
        }
    }

    /// The configured roots, relative to the repository top (the configuration may sit lower).
    static func repositoryRoots(workspace: Workspace, workdir: String?) -> [String] {
        guard let workdir, let prefix = PathSpelling.remainder(of: workspace.root, after: workdir + "/"), !prefix.isEmpty else {
            return workspace.configuration.roots
        }
        return workspace.configuration.roots.map { $0 == "." ? prefix : prefix + "/" + $0 }
    }
}

/// The history cache file, when it can be read and written without following a symbolic link:
/// `.git/playbook` must be a real folder (or absent) and the cache a regular file (or absent).
/// Otherwise the cache is neither read nor written, and a note says why.
func usableCacheFile(for repository: Repository, mode: WalkMode) -> String? {
    let file = HistoryReader.defaultCacheFile(for: repository, mode: mode)
    let gitDirectory = Workspace.normalized(repository.gitDirectory)
    let problem: String
    do {
        let relative = ContainedPath.relative(Workspace.normalized(file), to: gitDirectory) ?? "playbook"
        switch try ContainedPath.kind(of: relative, under: gitDirectory, shownFrom: gitDirectory) {
        case .missing, .file: return file
        case .folder, .other: problem = "\(Inert.terminal(relative)) is not a regular file"
        }
    } catch {
        problem = Inert.terminal(error.description)
    }
    Terminal.writeError("note: not using the history cache in the git folder: \(problem)\n")
    return nil
}

/// "reading history: 1200/50000 commits" on standard error, rewritten in place.
final class ProgressLine {
    private var shown = false
    private var last = 0.0

    func show(_ done: Int, _ total: Int) {
        let now = Date().timeIntervalSince1970
        guard total > 500, now - last > 0.1 || done == total else { return }
        last = now
        shown = true
        Terminal.writeError("\rreading history: \(done)/\(total) commits")
    }

    func finish() {
        if shown { Terminal.writeError("\r\u{1B}[K") }
    }
}

/// Writes a rendered report to standard output, or to a file when one is named. Never into the
/// git folder (nor the common one of a linked worktree: `-o .git/HEAD` replaced HEAD), and never
/// as a playbook file (`*.yml`, `*.yaml`) under the playbook roots nor over `.playbook.yml`
/// (`-o playbooks/squad.yml` replaced a playbook file), however the path is spelled: a symbolic
/// link outside the repository leading into it is followed (`WriteGuard`).
func emit(_ text: String, to output: String?, config: String? = nil) throws {
    guard let output else {
        Terminal.write(text)
        return
    }
    let cwd = Workspace.normalized(FileManager.default.currentDirectoryPath)
    let absolute = Workspace.absolute(output, from: cwd)
    let repository = try? Repository.discover(from: cwd)
    // A descriptor link (`/dev/stdout`) is the process's own output, wherever it leads: not judged.
    let kind = OutputTarget.kind(of: absolute)
    if case .descriptor = kind {} else if let refusal = WriteGuard(around: [absolute], cwd: cwd, configPath: config).fileRefusal(absolute) {
        throw UsageError(description: "cannot write \(Inert.terminal(output)): \(refusal)")
    }
    // Inside the repository, the file is written only where no symbolic link leads.
    if let workdir = repository?.workdir.map(Workspace.normalized),
       let relative = ContainedPath.relative(absolute, to: workdir) {
        do {
            let folder = (relative as NSString).deletingLastPathComponent
            if try ContainedPath.kind(of: folder, under: workdir, shownFrom: workdir) != .folder {
                throw UsageError(description: "cannot write \(Inert.terminal(output)): its folder does not exist")
            }
            var info = stat()
            if lstat(absolute, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFIFO {
                throw UsageError(description: "cannot write \(Inert.terminal(output)): it exists and is not a regular file")
            }
        } catch let refusal as ContainedPath.Refusal {
            throw UsageError(description: "cannot write \(Inert.terminal(output)): \(refusal.description)")
        }
    }
    // A FIFO, a device or a descriptor link (`/dev/stdout`, `>(cmd)`) is written into, never
    // replaced by a regular file; a regular file (or a new name) is replaced atomically, keeping its mode.
    switch kind {
    case .refused(let reason):
        throw UsageError(description: "cannot write \(Inert.terminal(output)): \(reason); name a file, such as okr.md")
    case .stream:
        do {
            try OutputTarget.writeInto(absolute, Array(text.utf8))
        } catch {
            throw UsageError(description: "cannot write \(Inert.terminal(output)): \(error.description)")
        }
    case .descriptor(let fd):
        do {
            try OutputTarget.write(Array(text.utf8), to: fd)
        } catch {
            throw UsageError(description: "cannot write \(Inert.terminal(output)): \(error.description)")
        }
    case .newOrRegular:
        do {
            try AtomicFile.replace(at: absolute, with: Array(text.utf8))
        } catch {
            throw UsageError(description: "cannot write \(Inert.terminal(output)): \(error.description)")
        }
    }
    Terminal.writeError("wrote \(Inert.terminal(output))\n")
}

/// Ends a successful history command at once, once the cache is written. A long walk leaves
/// hundreds of megabytes of small values behind, and releasing them one by one took a
/// noticeable share of a run. `values` (the timelines, the report) are stored where nothing
/// releases them: kept only by `withExtendedLifetime`, the compiler released them just before
/// `exit`, which cost a cached report a twentieth of its time.
func exitSkippingTeardown(after history: History, keeping values: Any? = nil) -> Never {
    keptUntilExit = (history, values)
    history.finishBackgroundWork()
    exit(0)
}

/// What `exitSkippingTeardown` keeps: written once, just before the process exits.
nonisolated(unsafe) private var keptUntilExit: Any?
