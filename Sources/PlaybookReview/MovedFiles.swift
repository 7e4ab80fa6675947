import PlaybookLint

/// Files the change moves with their content: a base file it removes and a file it adds holding mostly
/// the same lines (`git mv` and an edit, or a delete and an add). A finding of no entity there is the
/// base's finding moved, not a new one (as an entity's findings follow a rename).
enum MovedFiles {
    /// Each base file of `removed` moved to a file of `head` the base does not have: the one added file
    /// sharing more than half of both files' lines with it, when it shares that much with no other.
    static func between(base: [SourceFile], head: [SourceFile], removed: [String]) -> [String: String] {
        let basePaths = Set(base.map(\.path))
        let gone = Set(removed)
        let old = base.filter { gone.contains($0.path) }.compactMap { file in lines(of: file).map { (file.path, $0) } }
        let new = head.filter { !basePaths.contains($0.path) }.compactMap { file in lines(of: file).map { (file.path, $0) } }
        guard !old.isEmpty, !new.isEmpty else { return [:] }
        var candidates: [(from: String, to: String)] = []
        for (from, before) in old {
            for (to, after) in new where shared(before, after) * 2 > max(before.count, after.count) {
                candidates.append((from, to))
            }
        }
        var out: [String: String] = [:]
        for candidate in candidates
        where candidates.count(where: { $0.from == candidate.from }) == 1 && candidates.count(where: { $0.to == candidate.to }) == 1 {
            out[candidate.from] = candidate.to
        }
        return out
    }

    /// A file's lines, blank ones left out; nil for a file not read.
    private static func lines(of file: SourceFile) -> [Substring]? {
        guard case .bytes(let bytes) = file.content else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.isEmpty ? nil : lines
    }

    /// How many lines of `a` `b` has too, each line of `b` counted once.
    private static func shared(_ a: [Substring], _ b: [Substring]) -> Int {
        var left = Dictionary(b.map { ($0, 1) }, uniquingKeysWith: +)
        var count = 0
        for line in a where (left[line] ?? 0) > 0 {
            left[line, default: 0] -= 1
            count += 1
        }
        return count
    }
}
