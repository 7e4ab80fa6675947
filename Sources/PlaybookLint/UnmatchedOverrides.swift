import PlaybookModel
import PlaybookYAML

extension Configuration {
    /// The `overrides:` path patterns that match none of `paths` (every file of the playbook, not
    /// only the reported ones), as `config-override-unmatched` findings on the configuration file:
    /// a typo such as `playbook/**` would otherwise turn rules off nowhere, silently.
    func unmatchedOverrides(among paths: [String]) -> [LocatedDiagnostic] {
        guard let file else { return [] }
        var out: [LocatedDiagnostic] = []
        for override in overrides {
            for (place, pattern) in override.paths.enumerated() where !paths.contains(where: Glob(pattern).matches) {
                let mark = place < override.pathMarks.count ? override.pathMarks[place] : Mark(line: 1, column: 1)
                let hint = Self.matchingSpelling(of: pattern, among: paths).map { "; did you mean \"\($0)\"?" }
                    ?? (paths.min().map { " (files are named from the repository's top, such as \($0))" } ?? "")
                out.append(LocatedDiagnostic(file: file, diagnostic: Diagnostic(
                    rule: LintRuleID.configOverrideUnmatched, mark: mark,
                    message: "the override path pattern \"\(pattern)\" matches no file of the playbook, "
                        + "so its rules apply nowhere\(hint)")))
            }
        }
        return out
    }

    /// `pattern` with each misspelt folder or file name before its first wildcard put right (the
    /// closest name at that depth among `paths` below the names kept), when that spelling matches a file.
    static func matchingSpelling(of pattern: String, among paths: [String]) -> String? {
        var segments = pattern.split(separator: "/").map(String.init)
        var below = paths.map { $0.split(separator: "/").map(String.init) }
        for depth in segments.indices {
            guard !segments[depth].contains(where: { "*?".contains($0) }) else { break }
            let names = Array(Set(below.compactMap { depth < $0.count ? $0[depth] : nil })).sorted()
            if !names.contains(segments[depth]) {
                guard let closest = Suggestion.closest(to: segments[depth], in: names) else { return nil }
                segments[depth] = closest
            }
            below = below.filter { depth < $0.count && $0[depth] == segments[depth] }
        }
        let spelt = segments.joined(separator: "/")
        return spelt != pattern && paths.contains(where: Glob(spelt).matches) ? spelt : nil
    }
}
