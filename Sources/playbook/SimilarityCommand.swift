import ArgumentParser
import Foundation
import PlaybookEmbedding
import PlaybookOverlaps
import PlaybookSimilarity

struct Similarity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score pairs of texts by how alike they are in meaning.",
        discussion: """
        Reads lines of two tab-separated texts (a file, or standard input with -) and prints, \
        for each line, the score in 0–1 and 1 or 0 for whether it reaches the threshold, \
        tab-separated. For checking the scorer against labelled sentence pairs.

        With the sentence-embedding model installed (scripts/setup; or PLAYBOOK_MODEL naming its \
        folder) the score is the cosine of the two texts' vectors (below 0 counted as 0) blended \
        with the word score: (cosine + w × words) / (1 + w), w = --word-weight (default \
        \(Similarity.defaultWordWeight); 0 for the cosine alone); default threshold \
        \(Similarity.modelThreshold) (\(Similarity.cosineThreshold) for the cosine alone). Without the model, or with --engine lexical, it is the word \
        score alone: the duplicate scorer of `playbook overlaps`, all texts weighed together as \
        the hypotheses of one repository are; a missing model is said once on standard error.

        Examples:
          printf 'Send a streak reminder\\tRemind learners of their streak\\n' | playbook similarity -
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
        let data: Data
        let name: String
        if pairs == "-" {
            data = try Self.readStandardInput(limit: Self.largestStandardInput)
            name = "standard input"
        } else {
            guard let read = FileManager.default.contents(atPath: pairs) else {
                throw UsageError(description: "cannot read \(pairs)")
            }
            data = read
            name = pairs
        }
        var texts: [String] = []
        // Lines split on the byte "\n", then a "\r" ending one dropped: split as a Swift String,
        // "\r\n" is one Character and a CRLF file was read as one line.
        for (number, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let pair = try Self.pair(in: bytes, line: number + 1, of: name) { texts += [pair.0, pair.1] }
        }
        Terminal.write(try score(texts, encoder: try EmbeddingEngine.encoder(for: engine)))
    }

    /// The two texts of one line (nil for an empty line).
    private static func pair(in bytes: some BidirectionalCollection<UInt8>, line: Int, of name: String) throws -> (String, String)? {
        let trimmed = String(decoding: bytes.last == UInt8(ascii: "\r") ? Array(bytes.dropLast()) : Array(bytes), as: UTF8.self)[...]
        if trimmed.isEmpty { return nil }
        let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 2 else {
            throw UsageError(description: "line \(line) of \(name) has no tab between two texts")
        }
        return (String(fields[0]), String(fields[1]))
    }

    /// Standard input to its end, read with checked reads: a read error (a folder, a closed
    /// descriptor) or more than `limit` bytes is a usage error, never a trap.
    private static func readStandardInput(limit: Int) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { POSIX.read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw UsageError(description: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit {
                throw UsageError(description: "standard input is larger than \(limit >> 20) MiB; write the pairs to a file and pass its path")
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
