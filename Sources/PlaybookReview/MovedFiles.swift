import PlaybookLint

/// Files the change moves with their content: a base file it removes and a file it adds holding the
/// same text (`git mv`, the id or title edited at most). A finding of no entity there is the base's
/// finding moved, not a new one (as an entity's findings follow a rename), when the line it points at
/// reads the same in both files.
struct MovedFiles {
    /// Old path → new path.
    let moved: [String: String]
    /// The lines of each moved file, at the base (by old path) and at the head (by new path).
    private let oldLines: [String: [Substring]]
    private let newLines: [String: [Substring]]

    /// Each base file of `removed` paired with a file of `head` the base does not have, pass by pass,
    /// each pair the only one of its key on both sides: the same name and the same text apart from
    /// id and title lines (a folder moved), then the same bytes, then the same text apart from id and
    /// title lines. Two experiments of one template share most lines but not all: never paired.
    /// Linear in the files: each pass groups both sides by key.
    init(base: [SourceFile], head: [SourceFile], removed: [String]) {
        let basePaths = Set(base.map(\.path))
        let gone = Set(removed)
        var old = Self.texts(base.filter { gone.contains($0.path) })
        var new = Self.texts(head.filter { !basePaths.contains($0.path) })
        var moved: [String: String] = [:]
        let passes: [(Text) -> [String]] = [
            { [Self.name(of: $0.path), $0.kept] },
            { [$0.whole] },
            { [$0.kept] },
        ]
        for key in passes where !old.isEmpty && !new.isEmpty {
            let olds = Dictionary(grouping: old.values, by: key)
            let news = Dictionary(grouping: new.values, by: key)
            for (found, from) in olds where from.count == 1 {
                guard let to = news[found], to.count == 1 else { continue }
                moved[from[0].path] = to[0].path
                old[from[0].path] = nil
                new[to[0].path] = nil
            }
        }
        self.moved = moved
        let bases = Dictionary(base.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let heads = Dictionary(head.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        oldLines = moved.reduce(into: [:]) { out, pair in out[pair.key] = bases[pair.key].flatMap(Self.lines) }
        newLines = moved.reduce(into: [:]) { out, pair in out[pair.value] = heads[pair.value].flatMap(Self.lines) }
    }

    /// For a base finding of no entity in a moved file, the text of the line it points at; nil elsewhere.
    func baseLine(of finding: Finding) -> String? {
        guard finding.entity == nil, moved[finding.file] != nil else { return nil }
        return Self.line(finding.line, in: oldLines[finding.file])
    }

    /// For a head finding of no entity in a file a base file moved to, the text of the line it points at; nil elsewhere.
    func headLine(of finding: Finding) -> String? {
        guard finding.entity == nil, newLines[finding.file] != nil else { return nil }
        return Self.line(finding.line, in: newLines[finding.file])
    }

    /// A read file's path with its texts: whole, and without blank, id and title lines.
    private struct Text {
        var path: String
        var whole: String
        var kept: String
    }

    private static func texts(_ files: [SourceFile]) -> [String: Text] {
        var out: [String: Text] = [:]
        for file in files {
            guard let lines = lines(of: file), lines.contains(where: { !$0.isEmpty }) else { continue }
            let kept = lines.filter { line in
                let key = line.drop(while: { $0 == " " || $0 == "-" })
                return !key.isEmpty && !key.hasPrefix("id:") && !key.hasPrefix("title:")
            }
            out[file.path] = Text(path: file.path, whole: lines.joined(separator: "\n"), kept: kept.joined(separator: "\n"))
        }
        return out
    }

    /// A file's lines (numbered from 1 at index 0), trailing white space left out; nil for a file not read.
    private static func lines(of file: SourceFile) -> [Substring]? {
        guard case .bytes(let bytes) = file.content else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line[..<(line.lastIndex(where: { !$0.isWhitespace }).map(line.index(after:)) ?? line.startIndex)]
        }
    }

    private static func line(_ number: Int, in lines: [Substring]?) -> String {
        guard let lines, number >= 1, number <= lines.count else { return "" }
        return String(lines[number - 1])
    }

    private static func name(of path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}
