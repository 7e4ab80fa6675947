import Foundation
import XCTest
@testable import PlaybookOverlaps
import PlaybookEmbedding
import PlaybookSimilarity

/// Scratch, for `Data/train-meaning-adapter.py`: runs the duplicate finder over every labelled set (the script
/// leaves out the sets it is told to; until the last relearning of 2026-12-05 the blind ones were not even
/// recorded here) and writes each text it encodes with the model's own vector
/// (before `MeaningAdapter`): PLAYBOOK_RECORD_VECTORS=PREFIX writes PREFIX.json (the texts, sorted) and
/// PREFIX.bin (their 384 float32 values each, little-endian, in that order). Nothing without the variable.
final class MeaningAdapterRecording: XCTestCase {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var vectors: [String: [Float]] = [:]
        func add(_ texts: [String], _ read: [[Float]]) {
            lock.lock()
            for (text, vector) in zip(texts, read) { vectors[text] = vector }
            lock.unlock()
        }
    }

    /// The model, its vectors recorded as they are read; named as the model, so the finder maps them.
    struct Recording: SentenceEncoder, TokenAligner {
        let model: MiniLMEncoder
        let recorder: Recorder
        var modelName: String { model.modelName }
        var dimension: Int { model.dimension }
        func encode(_ texts: [String]) throws -> [[Float]] {
            let vectors = try model.encode(texts)
            recorder.add(texts, vectors)
            return vectors
        }
        func alignments(_ pairs: [(String, String)]) throws -> [Double] { try model.alignments(pairs) }
    }

    func testRecordTheModelsVectorsOfTheLabelledSets() throws {
        guard let prefix = ProcessInfo.processInfo.environment["PLAYBOOK_RECORD_VECTORS"] else { return }
        guard case .success(let model) = ModelLocation.loadEncoder() else { return XCTFail("no model") }
        let recorder = Recorder()
        let blind: Set<String> = []
        let files = try FileManager.default.contentsOfDirectory(atPath: GrowthPair.folder.path).filter { $0.hasSuffix("-pairs.tsv") }.sorted()
        for file in files {
            let pairs = try GrowthPair.load(file)
            for split in Set(pairs.map(\.split)).subtracting(blind).sorted() {
                _ = try GrowthPairQualityTests.verdicts(pairs.filter { $0.split == split }, threshold: OverlapOptions.defaultThreshold,
                                                        encoder: Recording(model: model, recorder: recorder))
            }
        }
        let texts = recorder.vectors.keys.sorted()
        try JSONSerialization.data(withJSONObject: texts).write(to: URL(fileURLWithPath: prefix + ".json"))
        let flat = texts.flatMap { recorder.vectors[$0]! }
        try flat.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: prefix + ".bin"))
        print("recorded \(texts.count) texts from \(files.count) files")
    }
}
