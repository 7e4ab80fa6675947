import Foundation
import XCTest
@testable import PlaybookOverlaps
import PlaybookEmbedding
import PlaybookSimilarity

/// Scratch, for choosing `MeaningAdapter`'s knobs: the labelled sets PLAYBOOK_ADAPT_SETS (comma-separated splits) through
/// the duplicate finder with a map read from PLAYBOOK_ADAPTER (384 × 384 float32, row-major, as
/// `Data/train-meaning-adapter.py PREFIX LEFT-OUT-SETS` writes it) instead of the built-in one (none: the model's own
/// vectors); prints each set's rewordings found, look-alikes flagged and other pairs. Nothing without the variables.
final class MeaningAdapterValidation: XCTestCase {
    struct Wrapped: SentenceEncoder, TokenAligner {
        let base: MiniLMEncoder
        let adapter: MeaningAdapter?
        var modelName: String { base.modelName }
        var dimension: Int { base.dimension }
        func encode(_ texts: [String]) throws -> [[Float]] {
            var vectors = try base.encode(texts)
            if let adapter { for i in vectors.indices { vectors[i].withUnsafeMutableBufferPointer { adapter.apply($0.baseAddress!, count: 1) } } }
            return vectors
        }
        func alignments(_ pairs: [(String, String)]) throws -> [Double] { try base.alignments(pairs) }
    }

    func testTheLabelledSetsThroughAMapFromAFile() throws {
        let env = ProcessInfo.processInfo.environment
        guard let sets = env["PLAYBOOK_ADAPT_SETS"] else { return }
        guard case .success(let mini) = ModelLocation.loadEncoder() else { return XCTFail("no model") }
        let adapter = env["PLAYBOOK_ADAPTER"].flatMap { FileManager.default.contents(atPath: $0) }.map { data in
            MeaningAdapter(matrix: data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }, dimension: 384)
        }
        let encoder = Wrapped(base: mini, adapter: adapter)
        var total = (0, 0, 0)
        for split in sets.split(separator: ",").map(String.init) {
            let file = split == "fresh" ? "fresh-pairs.tsv" : (split.hasPrefix("fresh") || split.hasPrefix("dupq")) ? "\(split)-pairs.tsv" : "growth-pairs.tsv"
            let pairs = try GrowthPair.load(file).filter { $0.split == split }
            let (kinds, strays, _) = try GrowthPairQualityTests.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: encoder, meaningMap: false)
            let q = GrowthPairQualityTests.quality(pairs, kinds)
            print(String(format: "ADAPT %@: %d/%d found, %d/%d flagged, %d other, F1 %.3f", split, q.found, q.duplicates, q.flagged, q.different, strays.count, q.f1))
            total.0 += q.found; total.1 += q.flagged; total.2 += strays.count
        }
        print("ADAPT total: \(total.0) found, \(total.1) flagged, \(total.2) other")
    }
}
