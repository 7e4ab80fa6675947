internal import CYAML

/// One libyaml event, copied out of C memory into Swift values.
enum ParseEvent {
    case streamStart
    case streamEnd
    case documentStart(Mark)
    case documentEnd
    case alias(anchor: String, mark: Mark)
    case scalar(ScalarEvent)
    case sequenceStart(CollectionStart)
    case sequenceEnd
    case mappingStart(CollectionStart)
    case mappingEnd
}

/// A scalar event: its text as written (no type resolution) and its extent.
struct ScalarEvent {
    var text: String
    var style: ScalarStyle
    var anchor: String?
    var tag: String?
    var start: Mark
    var end: Mark
}

/// The start of a sequence or mapping.
struct CollectionStart {
    var anchor: String?
    var tag: String?
    var mark: Mark
    /// Written `[…]` or `{…}`, not as a block.
    var isFlow = false
}

/// Why libyaml stopped, with its own words and positions.
struct LibYAMLError: Error {
    enum Stage {
        /// Decoding the input (bad bytes, control characters); located by `byteOffset`.
        case reader
        /// Tokenising or parsing; located by `problemMark` / `characterIndex`.
        case syntax
        /// libyaml could not allocate memory.
        case memory
    }

    var stage: Stage
    var problem: String
    var context: String?
    var problemMark: Mark
    var contextMark: Mark?
    /// libyaml's 0-based character index of the problem (scanner and parser errors).
    var characterIndex: Int
    /// 0-based byte offset of the problem (reader errors).
    var byteOffset: Int
    /// The offending code point or byte (reader errors).
    var value: Int
}

/// The one place that talks to libyaml: an event reader over a UTF-8 buffer.
///
/// A class because it owns the C parser, which `deinit` frees. The caller must keep
/// the input buffer alive for as long as the reader exists.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>

    init(input: UnsafeBufferPointer<UInt8>) throws(LibYAMLError) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw LibYAMLError(
                stage: .memory, problem: "libyaml could not allocate its parser", context: nil,
                problemMark: Mark(line: 1, column: 1), contextMark: nil,
                characterIndex: 0, byteOffset: 0, value: 0)
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
        self.parser = parser
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event; after `.streamEnd` the reader must not be asked again.
    func next() throws(LibYAMLError) -> ParseEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            throw currentError()
        }
        defer { yaml_event_delete(&event) }
        let start = Self.mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(start)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(event.data.alias.anchor) ?? "", mark: start)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            return .scalar(ScalarEvent(
                text: text, style: Self.style(data.style),
                anchor: Self.string(data.anchor), tag: Self.tag(data.tag),
                start: start, end: Self.mark(event.end_mark)))
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(CollectionStart(
                anchor: Self.string(data.anchor), tag: Self.tag(data.tag), mark: start,
                isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(CollectionStart(
                anchor: Self.string(data.anchor), tag: Self.tag(data.tag), mark: start,
                isFlow: data.style == YAML_FLOW_MAPPING_STYLE))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // YAML_NO_EVENT: libyaml only produces it after the stream has ended.
            return .streamEnd
        }
    }

    private func currentError() -> LibYAMLError {
        let p = parser.pointee
        let stage: LibYAMLError.Stage
        switch p.error {
        case YAML_READER_ERROR: stage = .reader
        case YAML_MEMORY_ERROR: stage = .memory
        default: stage = .syntax
        }
        let context = p.context.map { String(cString: $0) }
        return LibYAMLError(
            stage: stage,
            problem: p.problem.map { String(cString: $0) } ?? "libyaml failed without a reason",
            context: context,
            problemMark: Self.mark(p.problem_mark),
            contextMark: context == nil ? nil : Self.mark(p.context_mark),
            characterIndex: Int(p.problem_mark.index),
            byteOffset: Int(p.problem_offset),
            value: Int(p.problem_value))
    }

    /// libyaml counts lines and columns from 0; ours count from 1.
    private static func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Tags in the yaml.org namespace are stored in their short `!!` form.
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let full = string(pointer) else { return nil }
        let prefix = "tag:yaml.org,2002:"
        guard full.hasPrefix(prefix) else { return full }
        return "!!" + full.dropFirst(prefix.count)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
