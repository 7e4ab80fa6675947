/// A quote, `[` or `{` opened and never closed: libyaml reads on past the line it opens on (to the
/// end of the stream, the next `---`, a later key line, or a later quote that "closes" it) and fails
/// far from the mistake, which the construct's start says. Problems are made by `YAMLProblem.unclosed`.
enum UnclosedConstruct {
    /// What the events read before a failure say about where libyaml stood.
    struct Trail {
        /// The collections open, innermost last: the start of each flow one, nil for a block one.
        private var open: [(mark: Mark, isMapping: Bool)?] = []
        /// The last scalar read.
        private(set) var lastScalar: ScalarEvent?

        mutating func record(_ event: ParseEvent) {
            switch event {
            case .sequenceStart(let start): open.append(start.isFlow ? (start.mark, false) : nil)
            case .mappingStart(let start): open.append(start.isFlow ? (start.mark, true) : nil)
            case .sequenceEnd, .mappingEnd: _ = open.popLast()
            case .scalar(let scalar): lastScalar = scalar
            default: break
            }
        }

        /// The innermost open collection, when it is a flow one (a block one cannot be inside a flow one).
        var innermostFlow: (mark: Mark, isMapping: Bool)? { open.last ?? nil }
    }

    /// The problem said where the construct libyaml failed in opens, or nil when the failure is not
    /// one of a construct never closed. `offset` is the byte offset of libyaml's problem mark.
    static func problem(_ error: LibYAMLError, offset: Int, trail: Trail, in text: SourceText) -> YAMLProblem? {
        // Run to the end of the stream, or into the next document: libyaml's context is the construct.
        if let contextMark = error.contextMark, let context = error.context, contextMark != error.problemMark,
           offset >= text.bytes.count || text.isDocumentMarker(at: offset) || error.problem == "found unexpected end of stream"
            || error.problem == "found unexpected document indicator" {
            return .unclosed(problem: error.problem, context: context, at: contextMark, gaveUpAt: error.problemMark)
        }
        if let quote = quoteClosedByALaterOne(error, trail: trail, in: text) {
            return .unclosed(problem: error.problem, context: "while scanning a quoted scalar", at: quote, gaveUpAt: error.problemMark)
        }
        if let flow = flowNeverClosed(error, trail: trail, in: text) {
            return .unclosed(problem: error.problem, context: flow.isMapping ? "while parsing a flow mapping" : "while parsing a flow sequence",
                             at: flow.mark, gaveUpAt: error.problemMark)
        }
        return nil
    }

    /// `title: "Annual plan first` and, lines later, `primary: "signup-rate"`: YAML lets a quoted scalar
    /// run over lines, so the later quote closes it and libyaml fails just after. Said at the opening
    /// quote when the scalar read last began on an earlier line, ends on the failing line, and swallowed
    /// a key line no further right than its own key (text carried on to the next line is indented more).
    private static func quoteClosedByALaterOne(_ error: LibYAMLError, trail: Trail, in text: SourceText) -> Mark? {
        guard let scalar = trail.lastScalar, scalar.style == .singleQuoted || scalar.style == .doubleQuoted,
              scalar.start.line < error.problemMark.line, scalar.end.line == error.problemMark.line else { return nil }
        let keyColumn = SyntaxHint.keyColumn(of: text.text(ofLine: scalar.start.line))
        let swallowsAKey = (scalar.start.line + 1...scalar.end.line).contains { line in
            SyntaxHint.keyColumn(ofKeyLine: text.text(ofLine: line)).map { $0 <= keyColumn } ?? false
        }
        return swallowsAKey ? scalar.start : nil
    }

    /// A `[` or `{` whose failure comes on a later line than the one it opens on, and which nothing
    /// closes before its document ends; a collection written over lines and closed keeps libyaml's place.
    private static func flowNeverClosed(_ error: LibYAMLError, trail: Trail, in text: SourceText) -> (mark: Mark, isMapping: Bool)? {
        // libyaml's own context first: it may fail before the collection's start event reaches us.
        let flow: (mark: Mark, isMapping: Bool)
        if let mark = error.contextMark, error.context == "while parsing a flow sequence" || error.context == "while parsing a flow mapping" {
            flow = (mark, error.context == "while parsing a flow mapping")
        } else if let innermost = trail.innermostFlow {
            flow = innermost
        } else {
            return nil
        }
        guard flow.mark.line < error.problemMark.line, !isClosed(from: text.byteOffset(of: flow.mark), in: text) else { return nil }
        return flow
    }

    /// Whether the `[` or `{` at `open` is closed before its document ends, brackets inside quoted
    /// scalars and comments left out.
    static func isClosed(from open: Int, in text: SourceText) -> Bool {
        let bytes = text.bytes
        guard open < bytes.count, bytes[open] == UInt8(ascii: "[") || bytes[open] == UInt8(ascii: "{") else { return false }
        var depth = 0
        var index = open
        // Whether the next byte that is not a space starts a token (where a quote opens a quoted scalar).
        var atTokenStart = true
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                atTokenStart = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return true }
                atTokenStart = false
            case UInt8(ascii: ","):
                atTokenStart = true
            case UInt8(ascii: ":") where index + 1 == bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index + 1]):
                atTokenStart = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // An apostrophe inside a word (`it's`) opens nothing.
                if atTokenStart {
                    index = text.end(ofQuoted: byte, from: index)
                    atTokenStart = false
                    continue
                }
            case UInt8(ascii: "#") where [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1]):
                while index < bytes.count, text.lineBreakLength(at: index) == 0 { index += 1 }
                continue
            case 0x0A, 0x0D:
                index += text.lineBreakLength(at: index)
                if text.isDocumentMarker(at: index) { return false }
                atTokenStart = true
                continue
            case 0x20, 0x09:
                break
            default:
                atTokenStart = false
            }
            index += 1
        }
        return false
    }
}
