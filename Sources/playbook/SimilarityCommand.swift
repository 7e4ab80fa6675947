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
        folder) the score is the cosine of the two texts' vectors (below 0 shown as 0), and the \
        default threshold \(Similarity.modelThreshold). Without it, or with --engine lexical, it is \
        the duplicate scorer of `playbook overlaps`: all texts weighed together, as the hypotheses \
        of one repository are; a missing model is said once on standard error.

        Examples:
          printf 'Send a streak reminder\\tRemind learners of their streak\\n' | playbook similarity -
        """
    )

    @Argument(help: "A file of tab-separated text pairs, one pair a line; - for standard input.")
    var pairs: String

    @Option(help: ArgumentHelp("Score at or above which a pair counts as a duplicate (default \(Similarity.modelThreshold) with the model, \(OverlapOptions.defaultThreshold) lexical).", valueName: "score"))
    var threshold: Double?

    @Option(help: "Similarity engine: auto (the model when installed), model, or lexical.")
    var engine: EngineChoice = .auto

    /// The cosine at which two texts count as duplicates with the model. Chosen on the STS
    /// Benchmark dev split (duplicate := gold ≥ 4); the test split was not looked at.
    static let modelThreshold = 0.8

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must lie between 0 and 1, such as 0.4") }
    }

    func run() throws {
        let data: Data
        if pairs == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: pairs) else {
                throw UsageError(description: "cannot read \(pairs)")
            }
            data = read
        }
        var texts: [String] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                throw UsageError(description: "line \(number + 1) of \(pairs) has no tab between two texts")
            }
            texts += [String(fields[0]), String(fields[1])]
        }
        let scores: [Double]
        let cutoff: Double
        if let encoder = try EmbeddingEngine.encoder(for: engine) {
            let vectors = try encoder.encode(texts)
            scores = (0..<(texts.count / 2)).map { pair -> Double in
                var dot: Float = 0
                for (a, b) in zip(vectors[2 * pair], vectors[2 * pair + 1]) { dot += a * b }
                return Double(max(0, dot))
            }
            cutoff = threshold ?? Self.modelThreshold
        } else {
            let corpus = Corpus(texts)
            scores = (0..<(texts.count / 2)).map { Double(corpus.score(2 * $0, 2 * $0 + 1)) }
            cutoff = threshold ?? OverlapOptions.defaultThreshold
        }
        var out = ""
        for score in scores {
            out += String(format: "%.4f\t%d\n", score, score >= cutoff ? 1 : 0)
        }
        Terminal.write(out)
    }
}
