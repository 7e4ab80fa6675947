/// Which paths are playbook files: one rule for lint's working-tree walk, `--staged`, `review`,
/// the history (reports, `log`, the site) and the site's HEAD playbook, so a file one of them reads
/// is read by all of them.
public enum PlaybookFiles {
    /// A `.yml` or `.yaml` name.
    public static func hasPlaybookName(_ path: String) -> Bool {
        path.hasSuffix(".yml") || path.hasSuffix(".yaml")
    }

    /// The name of the file at `path` without its folder and its `.yml`/`.yaml`: a playbook file is named
    /// after its entity (`HYP-0041.yml`, `squads/growth.yml`).
    public static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".yml", ".yaml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// A name ending in `.yml` or `.yaml` in other letter case (`x.YML`, `x.Yaml`). It is no playbook
    /// file (nothing reads it), but lint, `--staged` and `review` name it rather than pass it over, and
    /// no command writes one under a root: on a case-insensitive file system `metrics.YML` is `metrics.yml`.
    public static func hasMiscasedPlaybookName(_ path: String) -> Bool {
        // Asked of every name a walk lists: most end in neither `l` nor `L`, or are playbook names.
        guard let last = path.utf8.last, last | 0x20 == UInt8(ascii: "l"), !hasPlaybookName(path) else { return false }
        // ASCII letters only, by bytes: `.YML` lower-cased, not a Unicode case mapping.
        let end = path.utf8.suffix(5).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return end.suffix(4).elementsEqual(".yml".utf8) || end.elementsEqual(".yaml".utf8)
    }

    /// Whether a path has a hidden component (`.archive/x.yml`, `.draft.yml`).
    public static func isHidden(_ path: String) -> Bool {
        path.utf8.split(separator: UInt8(ascii: "/")).contains { $0.first == UInt8(ascii: ".") && !$0.elementsEqual(".".utf8) && !$0.elementsEqual("..".utf8) }
    }

    /// Whether the repository-relative `path` is a playbook file under one of `roots` (relative to
    /// the same top; `.` or empty for the top itself): a playbook name and no hidden component below
    /// the root it is under, as the working-tree walk never enters a hidden folder. A root may be
    /// hidden itself (`roots: [.growth]`): it was named, so it is read.
    public static func isPlaybookFile(_ path: String, roots: [String]) -> Bool {
        hasPlaybookName(path) && isReadBelowRoot(path, roots: roots)
    }

    /// `isPlaybookFile` for a name in other letter case (`hasMiscasedPlaybookName`): where lint,
    /// `--staged` and `review` would have read it, had its extension been lower-case.
    public static func isMiscasedPlaybookFile(_ path: String, roots: [String]) -> Bool {
        hasMiscasedPlaybookName(path) && isReadBelowRoot(path, roots: roots)
    }

    /// Whether `path` has no hidden component below the root it is under: where the working-tree walk
    /// reaches (a symbolic link to a folder there is named, whatever its name).
    public static func isReadBelowRoot(_ path: String, roots: [String]) -> Bool {
        var below = path
        var matched = -1
        for root in roots {
            let prefix = trimmed(root)
            guard prefix.utf8.count > matched else { continue }
            if prefix.isEmpty {
                below = path
                matched = 0
            } else if let rest = PathSpelling.remainder(of: path, after: prefix + "/") {
                below = rest
                matched = prefix.utf8.count
            }
        }
        return !isHidden(below)
    }

    /// A root as the tree readers take it: no leading `./` or `/`, no trailing `/`, the top as "".
    private static func trimmed(_ root: String) -> String {
        var text = Substring(root)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return text == "." ? "" : String(text)
    }
}
