/// Finds tabs in indentation that libyaml accepted (it allows them, for example,
/// inside flow collections spread over several lines).
///
/// What counts: a line whose leading run of spaces and tabs contains a tab and is
/// followed by content (not a comment, not the end of the line), except lines of a
/// block scalar's content, where whitespace after the indentation is text.
///
/// This is deliberately broader than the spec, which allows a tab as separation
/// after enough indentation spaces (in flow collections, or on the continuation line
/// of a quoted or plain scalar): there a tab is legal but almost always a mistake in
/// a hand-edited file, so it is reported, never fatal.
enum IndentationTabs {
    /// One non-fatal `.tab` problem per offending line, at its first tab.
    static func find(in text: SourceText, blockScalars: [(start: Mark, end: Mark)]) -> [YAMLProblem] {
        let bytes = text.bytes
        guard bytes.contains(0x09) else { return [] }
        var problems: [YAMLProblem] = []
        var scalarIndex = 0
        var line = 1
        var i = 0
        while i < bytes.count {
            // At the start of a line: measure its leading whitespace.
            var column = 1
            var firstTabColumn: Int?
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
                if bytes[i] == 0x09, firstTabColumn == nil { firstTabColumn = column }
                column += 1
                i += 1
            }
            let hasContent = i < bytes.count && bytes[i] != 0x23 && text.lineBreakLength(at: i) == 0
            if let tabColumn = firstTabColumn, hasContent {
                let content = Mark(line: line, column: column)
                while scalarIndex < blockScalars.count, blockScalars[scalarIndex].end <= content {
                    scalarIndex += 1
                }
                let insideScalar = scalarIndex < blockScalars.count
                    && blockScalars[scalarIndex].start < content
                if !insideScalar {
                    problems.append(.tab(
                        at: Mark(line: line, column: tabColumn),
                        inIndentation: true, libyamlProblem: nil, isFatal: false))
                }
            }
            // Skip to the start of the next line.
            let (next, broke) = text.skipLine(from: i)
            i = next
            if broke { line += 1 }
        }
        return problems
    }
}
