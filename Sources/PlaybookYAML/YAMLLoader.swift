/// Reads YAML files into `Node` trees with source marks, within `Limits`.
///
/// Order of checks: size, then encoding (UTF-8 only; a UTF-8 byte-order mark is
/// skipped), then libyaml's parse, building the tree without recursion; after a
/// parse that succeeded, tabs in indentation are reported as non-fatal problems.
/// Scalars keep their text, style and explicit tag; types are not resolved here.
public enum YAMLLoader {
    /// Reads a whole YAML stream (one or more documents). Never throws, never
    /// crashes, never recurses on input depth.
    ///
    /// - Returns: the documents read and the problems found. After a fatal problem,
    ///   `documents` holds only the documents completed before it.
    /// Limits above `Limits.ceiling` are lowered to it, whoever passes them.
    public static func load(_ bytes: [UInt8], limits requested: Limits = .standard) -> LoadResult {
        let limits = requested.clamped
        if bytes.count > limits.maxBytes {
            return LoadResult(documents: [], problems: [.size(bytes: bytes.count, limit: limits.maxBytes)])
        }
        // The whole parse happens inside this closure, so the buffer outlives libyaml's use of it.
        return bytes.withUnsafeBufferPointer { all in
            switch EncodingCheck.check(all) {
            case .rejected(let problem):
                return LoadResult(documents: [], problems: [problem])
            case .utf8(let bomLength):
                return parse(SourceText(bytes: UnsafeBufferPointer(rebasing: all[bomLength...])), limits: limits)
            }
        }
    }

    private static func parse(_ text: SourceText, limits: Limits) -> LoadResult {
        guard !text.bytes.isEmpty else { return LoadResult(documents: [], problems: []) }
        var builder = TreeBuilder(limits: limits, inputBytes: text.bytes.count)
        var fatal: YAMLProblem?
        var trail = UnclosedConstruct.Trail()
        do throws(LibYAMLError) {
            let parser = try LibYAMLParser(input: text.bytes)
            while true {
                let event = try parser.next()
                trail.record(event)
                do throws(FatalProblem) {
                    try builder.consume(event)
                } catch {
                    fatal = error.problem
                    break
                }
                if case .streamEnd = event { break }
            }
        } catch {
            fatal = problem(for: error, trail: trail, in: text)
        }
        var problems = builder.problems
        var documents = builder.documents
        if let fatal, fatal.kind == .syntax, let bom = laterByteOrderMark(in: text), bom <= fatal.mark {
            // libyaml reads a byte-order mark only as the stream's first character: one starting a
            // later document (files joined together) breaks the parse there, with messages about
            // what follows it. Said as what it is, where it is; the document it cut short is left out.
            problems.append(YAMLProblem(
                kind: .encoding, mark: bom,
                message: "a byte-order mark (U+FEFF) starts this line: only a file's first character may be one "
                    + "(files joined together?); remove it",
                isFatal: true))
            documents.removeAll { ($0.root?.mark ?? $0.start).line >= bom.line }
        } else if let fatal, fatal.kind == .syntax,
                  let conflict = ConflictMarkers.first(in: text, through: fatal.mark.line) {
            // libyaml reads `<<<<<<< HEAD` as a key missing its colon; the fix is the merge's, not YAML's.
            problems.append(.conflictMarkers(conflict.marker, at: conflict.mark))
            documents.removeAll { ($0.root?.mark ?? $0.start).line >= conflict.mark.line }
        } else if let fatal {
            problems.append(fatal)
        } else {
            let tabs = IndentationTabs.find(in: text, blockScalars: builder.blockScalars)
            if !tabs.isEmpty {
                problems.append(contentsOf: tabs)
                problems.sort { $0.mark < $1.mark }
            }
        }
        return LoadResult(documents: documents, problems: problems, multilineScalars: builder.multilineScalars)
    }

    /// Where the first byte-order mark that starts a line (not the file's first, already skipped) is.
    private static func laterByteOrderMark(in text: SourceText) -> Mark? {
        let bytes = text.bytes
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF, i == 0 || bytes[i - 1] == 0x0A || bytes[i - 1] == 0x0D {
                return text.mark(atByteOffset: i)
            }
            i += 1
        }
        return nil
    }

    /// libyaml's failure as a problem: a tab at the failing position makes it a `.tab` problem.
    private static func problem(for error: LibYAMLError, trail: UnclosedConstruct.Trail, in text: SourceText) -> YAMLProblem {
        switch error.stage {
        case .reader:
            // Not expected after EncodingCheck; located by byte offset, since libyaml gives no mark.
            return .encoding(error.problem, at: text.mark(atByteOffset: error.byteOffset))
        case .memory:
            return .syntax(problem: error.problem, context: nil, contextMark: nil, at: error.problemMark)
        case .syntax:
            let offset = text.byteOffset(ofCharacterIndex: error.characterIndex)
            if offset < text.bytes.count, text.bytes[offset] == 0x09 {
                return .tab(
                    at: error.problemMark, inIndentation: isIndentation(offset, in: text),
                    libyamlProblem: error.problem, isFatal: true)
            }
            if let problem = keyTooLong(error, offset: offset, in: text) { return problem }
            if let problem = missingSpaceAfterColon(error, offset: offset, in: text) { return problem }
            if let problem = FlowComment.problem(error, problemOffset: offset, in: text) { return problem }
            if let problem = CommentEndingValue.problem(error, problemOffset: offset, in: text) { return problem }
            if let problem = UnclosedConstruct.problem(error, offset: offset, trail: trail, in: text) { return problem }
            var problem = YAMLProblem.syntax(
                problem: error.problem, context: error.context,
                contextMark: error.contextMark, at: error.problemMark)
            let previous = previousLine(before: offset, in: text)?.text
            if let hint = SyntaxHint.hint(forLine: line(around: offset, in: text), previousLine: previous, problem: error.problem) {
                problem.message += "; \(hint)"
            }
            return problem
        }
    }

    /// libyaml drops a key written without `? ` (a simple key) once it runs past 1,024 characters, and
    /// then cannot find the colon that is there ("could not find expected ':'"; on the key's own line
    /// that is the only cause: a key whose colon is missing fails on a later line), or, where a key was
    /// not required (the first of a nested mapping), finds a colon it did not expect ("mapping values
    /// are not allowed"). Either way said at the key, as it is.
    private static func keyTooLong(_ error: LibYAMLError, offset: Int, in text: SourceText) -> YAMLProblem? {
        if error.context == "while scanning a simple key", error.problem == "could not find expected ':'",
           let key = error.contextMark, key.line == error.problemMark.line, lineHasKeyColon(around: offset, in: text) {
            return .keyTooLong(at: key)
        }
        guard error.problem == "mapping values are not allowed in this context", offset < text.bytes.count,
              text.bytes[offset] == UInt8(ascii: ":") else { return nil }
        // The line up to the colon: indentation and any `- `, then the key, which holds no `: ` or ` #`.
        var start = offset
        while start > 0, text.bytes[start - 1] != 0x0A, text.bytes[start - 1] != 0x0D { start -= 1 }
        let bytes = text.bytes[start..<offset]
        var keyStart = bytes.startIndex
        while keyStart < bytes.endIndex, bytes[keyStart] == 0x20 || bytes[keyStart] == UInt8(ascii: "-") && keyStart + 1 < bytes.endIndex && bytes[keyStart + 1] == 0x20 {
            keyStart += 1
        }
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart...]), as: UTF8.self)
        guard key.unicodeScalars.count > 1_024, !key.contains(": "), !key.contains(" #") else { return nil }
        return .keyTooLong(at: text.mark(atByteOffset: keyStart))
    }

    /// Whether the line holding `offset` has a `:` that ends a key (followed by a space, a tab or the line's end):
    /// a long line without one is a missing colon, not a key too long (review71).
    private static func lineHasKeyColon(around offset: Int, in text: SourceText) -> Bool {
        let bytes = text.bytes
        var start = min(offset, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
        var index = start
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D {
            if bytes[index] == UInt8(ascii: ":") {
                let next = index + 1
                if next == bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { return true }
            }
            index += 1
        }
        return false
    }

    /// `status:running` is one word to YAML, not a key and its value: libyaml fails on the line
    /// after it, either unable to find that key's colon, or finding the next key inside what it
    /// takes for a two-line value. Said at the `key:value` line, with the line as it would read.
    private static func missingSpaceAfterColon(_ error: LibYAMLError, offset: Int, in text: SourceText) -> YAMLProblem? {
        let keyLine: (text: String, offset: Int)
        if error.context == "while scanning a simple key", error.problem == "could not find expected ':'", let contextMark = error.contextMark {
            let start = text.byteOffset(ofLine: contextMark.line)
            keyLine = (line(around: start, in: text), start)
        } else if error.problem == "mapping values are not allowed in this context", let previous = previousLine(before: offset, in: text),
                  SyntaxHint.keyColumn(of: previous.text) == SyntaxHint.keyColumn(of: line(around: offset, in: text)) {
            keyLine = previous
        } else {
            return nil
        }
        guard let fixed = SyntaxHint.spaceAfterColon(inLine: keyLine.text) else { return nil }
        let mark = text.mark(atByteOffset: keyLine.offset + SyntaxHint.keyColumn(of: keyLine.text))
        var problem = YAMLProblem.syntax(problem: error.problem, context: error.context, contextMark: mark, at: mark)
        problem.message += "; add a space after the colon: \(fixed)"
        return problem
    }

    /// The last line before the one holding `offset` that is neither blank nor a comment, and where it starts.
    private static func previousLine(before offset: Int, in text: SourceText) -> (text: String, offset: Int)? {
        let bytes = text.bytes
        var end = min(offset, bytes.count)
        while end > 0, bytes[end - 1] != 0x0A, bytes[end - 1] != 0x0D { end -= 1 }
        while end > 0 {
            // `end` is just after a line break: step over it to the end of the line before.
            end -= 1
            var start = end
            while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
            let content = bytes[start..<end].first { $0 != 0x20 && $0 != 0x09 }
            if let content, content != 0x23 {
                return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), start)
            }
            end = start
        }
        return nil
    }

    /// The text of the line holding the byte at `offset`, without its line break.
    private static func line(around offset: Int, in text: SourceText) -> String {
        let bytes = text.bytes
        var start = min(offset, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D { start -= 1 }
        var end = min(offset, bytes.count)
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// True when only spaces and tabs stand between the line's start and `offset`.
    private static func isIndentation(_ offset: Int, in text: SourceText) -> Bool {
        var i = offset
        while i > 0 {
            let previous = text.bytes[i - 1]
            if previous == 0x0A || previous == 0x0D { return true }
            if previous != 0x20 && previous != 0x09 { return false }
            i -= 1
        }
        return true
    }
}
