import ArgumentParser
import Foundation
import PlaybookOverlaps
import PlaybookSimilarity

struct Similarity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score pairs of texts with the duplicate scorer of `playbook overlaps`.",
        discussion: """
        Reads lines of two tab-separated texts (a file, or standard input with -) and prints, \
        for each line, the score in 0–1 and 1 or 0 for whether it reaches the threshold, \
        tab-separated. All texts are weighed together, as the hypotheses of one repository \
        are. For checking the scorer against labelled sentence pairs.

        Examples:
          printf 'Send a streak reminder\\tRemind learners of their streak\\n' | playbook similarity -
        """
    )

    @Argument(help: "A file of tab-separated text pairs, one pair a line; - for standard input.")
    var pairs: String

    @Option(help: ArgumentHelp("Score at or above which a pair counts as a duplicate (default \(OverlapOptions.defaultThreshold)).", valueName: "score"))
    var threshold: Double = OverlapOptions.defaultThreshold

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must lie between 0 and 1, such as 0.4") }
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
        let corpus = Corpus(texts)
        var out = ""
        for pair in 0..<(texts.count / 2) {
            let score = corpus.score(2 * pair, 2 * pair + 1)
            out += String(format: "%.4f\t%d\n", score, score >= threshold ? 1 : 0)
        }
        Terminal.write(out)
    }
}
