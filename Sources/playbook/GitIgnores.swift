import PlaybookGit
import PlaybookModel

/// The paths git ignores in the repository a folder walk runs in (`.gitignore`, `.git/info/exclude`,
/// `core.excludesFile`), asked through libgit2: a `node_modules/` or vendored copy beside the
/// playbook is not linted. A folder is asked about once, before the walk enters it; files only
/// where their name could be a playbook file.
final class GitIgnores {
    private let repository: Repository
    /// The repository's top, which the paths asked about are relative to.
    private let top: String

    /// The rules of the repository whose top is `top`; nil outside a repository (no `.git` there),
    /// or when it cannot be opened (then nothing is skipped, as before).
    init?(top: String) {
        guard Workspace.lexists(top + "/.git"), let repository = try? Repository.open(at: top) else { return nil }
        self.repository = repository
        self.top = top
    }

    /// True when git ignores the absolute `path` inside the repository; a path outside it, or one
    /// libgit2 cannot judge, is not ignored.
    func ignores(_ path: String, isFolder: Bool) -> Bool {
        guard let relative = PathSpelling.remainder(of: path, after: top == "/" ? "/" : top + "/"), !relative.isEmpty else { return false }
        return (try? repository.isIgnored(isFolder ? relative + "/" : relative)) ?? false
    }

    /// The walk's test for the folder `folder`: nil (nothing skipped) when `folder` is ignored itself,
    /// as a folder named on the command line or configured as a root is the user's explicit choice.
    func filter(below folder: String) -> ((String, Bool) -> Bool)? {
        if ignores(folder, isFolder: true) { return nil }
        return { [self] path, isFolder in ignores(path, isFolder: isFolder) }
    }
}
