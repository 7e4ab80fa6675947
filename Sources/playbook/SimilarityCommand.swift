import ArgumentParser
import Foundation
import PlaybookEmbedding
import PlaybookModel
import PlaybookOverlaps
import PlaybookSimilarity

struct Similarity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score pairs of texts by how alike they are in meaning.",
        discussion: """
        Reads lines of two tab-separated texts (a file, or standard input with -) and prints, \
        for each line, the score in 0–1 and 1 or 0 for whether it reaches the threshold, \
        tab-separated. For checking the scorer against labelled sentence pairs. Every line must \
        be two texts, neither blank, separated by one tab, in UTF-8: any other line (a third \
        column, a blank line, invalid UTF-8) is refused at FILE:LINE:COLUMN with exit 2 and \
        nothing scored, so the output has one line per input line. An STS Benchmark file (genre, \
        file, year, id, score, sentence 1, sentence 2, tab-separated, perhaps more source columns; \
        known by its first line) is read as such: its two sentences are scored. For texts in other \
        columns, cut them out first: cut -f2,3 FILE | playbook similarity -.

        With the sentence-embedding model installed (scripts/setup; or PLAYBOOK_MODEL naming its \
        folder) the score is the cosine of the two texts' vectors (below 0 counted as 0) blended \
        with the word score: (cosine + w × words) / (1 + w), w = --word-weight (default \
        \(Similarity.defaultWordWeight); 0 for the cosine alone); default threshold \
        \(Similarity.modelThreshold) (\(Similarity.cosineThreshold) for the cosine alone). Without the model, or with --engine lexical, it is the word \
        score alone: the duplicate scorer of `playbook overlaps`, all texts weighed together as \
        the hypotheses of one repository are; a missing model is said once on standard error.

        Examples:
          printf 'Send a streak reminder\\tRemind learners of their streak\\n' | playbook similarity -
          playbook similarity sts-dev.csv | paste - sts-dev.csv | cut -f1,2,7   # score, 1/0, gold score
        """
    )

    @Argument(help: "A file of tab-separated text pairs, one pair a line; - for standard input.")
    var pairs: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Score at or above which a pair counts as a duplicate (default \(Similarity.modelThreshold) with the model, \(OverlapOptions.defaultThreshold) lexical).", valueName: "score"))
    var threshold: Double?

    @Option(help: "Similarity engine: auto (the model when installed), model, or lexical.")
    var engine: EngineChoice = .auto

    @Option(parsing: .unconditional, help: ArgumentHelp("With the model: the word score's weight beside the cosine (default \(Similarity.defaultWordWeight); 0 for the cosine alone).", valueName: "w"))
    var wordWeight: Double?

    /// The word score's share. On the STS Benchmark train split (5,749 pairs) Spearman goes from
    /// 0.810 (cosine alone) to 0.830 at 0.3 (0.822 at 0.1, 0.829 at 0.5); on the dev split from
    /// 0.867 to 0.879. The test split was not looked at.
    static let defaultWordWeight = 0.3

    /// The blended score at which two texts count as duplicates (duplicate := gold ≥ 4): best F1
    /// at 0.78 on the train split (0.665) and 0.76 on dev (0.686).
    static let modelThreshold = 0.77

    /// The same for the cosine alone (word weight 0): best F1 on the dev split (0.670).
    static let cosineThreshold = 0.8

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must lie between 0 and 1, such as 0.4") }
        if let wordWeight, !(0...10).contains(wordWeight) { throw ValidationError("--word-weight must lie between 0 and 10, such as 0.3") }
    }

    /// The most standard input `similarity -` reads: the pairs are scored together, as a file's
    /// are (the word score weighs all texts together, and the model encodes them in batches), so
    /// the input is held whole; an endless stream stops here instead of filling memory.
    static let largestStandardInput = 256 << 20

    func run() throws {
        let data: [UInt8]
        let name: String
        if pairs == "-" {
            data = try Self.read(STDIN_FILENO, limit: Self.largestStandardInput, shown: "standard input")
            name = "(standard input)"
        } else {
            name = Inert.terminal(pairs)
            let fd = open(pairs, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw UsageError(description: "cannot read \(name): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var info = stat()
            if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                throw UsageError(description: "cannot read \(name): it is a folder; name a file of tab-separated pairs")
            }
            data = try Self.read(fd, limit: Int.max, shown: name)
        }
        // Every line is checked before anything is scored, so a refused file prints nothing.
        // Lines split on the byte "\n", then a "\r" ending one dropped: split as a Swift String,
        // "\r\n" is one Character and a CRLF file was read as one line.
        var texts: [String] = []
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }  // the newline ending the last line
        // Nothing to score is said, not answered with nothing (review52b #11: an empty file printed nothing and exited 0).
        guard !lines.isEmpty else { throw UsageError(description: "\(name) holds no pairs; each line holds two texts separated by one tab") }
        let layout = lines.first.map(PairLayout.init(firstLine:)) ?? .pairs
        for (number, bytes) in lines.enumerated() {
            let pair = try Self.pair(in: bytes, line: number + 1, of: name, layout: layout)
            texts += [pair.0, pair.1]
        }
        Terminal.write(try score(texts, encoder: try EmbeddingEngine.encoder(for: engine)))
    }

    /// The two texts of one line, or a usage error naming the line and column (`FILE:LINE:COLUMN: …`,
    /// columns counted in characters from 1, as lint counts them): a line must be valid UTF-8 and
    /// hold exactly two texts, neither blank, separated by one tab (or, in an STS Benchmark file,
    /// be one of its lines, whose two sentences are scored). A blank line is refused too:
    /// skipped, it would leave the scores out of step with the input's lines.
    static func pair(in bytes: ArraySlice<UInt8>, line: Int, of name: String, layout: PairLayout = .pairs) throws -> (String, String) {
        let content = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        func refuse(_ column: Int, _ message: String) -> UsageError {
            UsageError(description: "\(name):\(line):\(column): \(message)")
        }
        var decoder = UTF8()
        var iterator = content.makeIterator()
        var scalars = String.UnicodeScalarView()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break decoding
            case .error: throw refuse(scalars.count + 1, "invalid UTF-8; the pairs must be UTF-8 text (was the file saved as Latin-1 or Windows-1252?)")
            }
        }
        let text = String(scalars)
        let expected = layout == .pairs ? "each line holds two texts separated by one tab" : "each line is an STS Benchmark pair, as line 1 is: \(PairLayout.stsColumns)"
        // Blank: spaces, and characters that show nothing (a zero-width space, a bidi mark), which read as no text.
        let blank: (Unicode.Scalar) -> Bool = {
            $0.properties.isWhitespace || $0.properties.generalCategory == .format || $0.properties.generalCategory == .control
        }
        if text.unicodeScalars.allSatisfy(blank) {
            throw refuse(1, "blank line; \(expected) (a skipped line would put the scores out of step with the lines)")
        }
        let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
        // The column each field starts at.
        var starts = [1]
        for field in fields.dropLast() { starts.append(starts[starts.count - 1] + field.unicodeScalars.count + 1) }
        let texts: (Int, Int)
        switch layout {
        case .pairs:
            guard fields.count >= 2 else { throw refuse(1, "no tab between two texts; \(expected)") }
            guard fields.count == 2 else {
                throw refuse(starts[2] - 1, "\(fields.count) columns; \(expected), so a third column (a label or id) is not scored; "
                    + "cut the two texts out first (`cut -f2,3 FILE | playbook similarity -` for texts in columns 2 and 3); "
                    + "an STS Benchmark file (\(PairLayout.stsColumns)) is read as such")
            }
            texts = (0, 1)
        case .stsBenchmark:
            guard fields.count >= 7 else {
                throw refuse(text.unicodeScalars.count + 1, "\(fields.count) columns; \(expected)")
            }
            guard PairLayout.isGoldScore(fields[4]) else {
                throw refuse(starts[4], "the score is not a number from 0 to 5; \(expected)")
            }
            texts = (5, 6)
        }
        for (index, which) in [(texts.0, "first"), (texts.1, "second")]
        where fields[index].unicodeScalars.allSatisfy(blank) {
            throw refuse(starts[index], "the \(which) text is empty; \(expected)")
        }
        return (String(fields[texts.0]), String(fields[texts.1]))
    }

    /// A descriptor's bytes to its end, read with checked reads: a read error (a folder, a closed
    /// descriptor) or more than `limit` bytes is a usage error, never a trap.
    private static func read(_ fd: Int32, limit: Int, shown: String) throws -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { POSIX.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw UsageError(description: "cannot read \(shown): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit {
                throw UsageError(description: "\(shown) is larger than \(limit >> 20) MiB; write the pairs to a file and pass its path")
            }
        }
    }

    /// "score\t1|0" lines for the pairs (texts 2i and 2i+1), all texts weighed together by words.
    private func score(_ texts: [String], encoder: MiniLMEncoder?) throws -> String {
        let scores: [Double]
        let cutoff: Double
        let pairCount = texts.count / 2
        let weight = encoder == nil ? 0 : wordWeight ?? Self.defaultWordWeight
        let words: [Double] = encoder != nil && weight == 0 ? [] : {
            let corpus = Corpus(texts)
            return (0..<pairCount).map { Double(corpus.score(2 * $0, 2 * $0 + 1)) }
        }()
        if let encoder {
            let vectors = try encoder.encode(texts)
            scores = (0..<pairCount).map { pair -> Double in
                var dot: Float = 0
                for (a, b) in zip(vectors[2 * pair], vectors[2 * pair + 1]) { dot += a * b }
                let cosine = Double(max(0, dot))
                return weight == 0 ? cosine : (cosine + weight * words[pair]) / (1 + weight)
            }
            cutoff = threshold ?? (weight == 0 ? Self.cosineThreshold : Self.modelThreshold)
        } else {
            scores = words
            cutoff = threshold ?? OverlapOptions.defaultThreshold
        }
        var out = ""
        for score in scores {
            out += String(format: "%.4f\t%d\n", score, score >= cutoff ? 1 : 0)
        }
        return out
    }
}

/// How the lines of a pairs file are laid out, read off its first line so that every line is
/// read alike: a file is either pairs of texts or the STS Benchmark's lines.
enum PairLayout: Equatable {
    /// Two texts separated by one tab.
    case pairs
    /// The STS Benchmark's layout, whose sentences 1 and 2 are scored; the source columns some
    /// lines carry after them are not read.
    case stsBenchmark

    static let stsColumns = "genre, file, year, id, score, sentence 1, sentence 2, tab-separated, "
        + "perhaps followed by source columns"

    /// An STS Benchmark line has seven columns or more, a numeric id in the fourth and a gold
    /// score from 0 to 5 in the fifth; pairs of texts have exactly two columns, so no line that
    /// would be scored as a pair is read as this.
    init(firstLine bytes: ArraySlice<UInt8>) {
        let content = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        let fields = String(decoding: content, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
        let isSTS = fields.count >= 7 && !fields[3].isEmpty && fields[3].allSatisfy { $0.isASCII && $0.isNumber }
            && Self.isGoldScore(fields[4])
        self = isSTS ? .stsBenchmark : .pairs
    }

    /// "4.750", "5", "0.00": a similarity score on the benchmark's scale.
    static func isGoldScore(_ field: Substring) -> Bool {
        guard field.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let score = Double(field) else { return false }
        return (0...5).contains(score)
    }
}
