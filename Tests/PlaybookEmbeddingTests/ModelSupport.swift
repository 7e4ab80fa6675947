import Foundation
import PlaybookEmbedding
import XCTest

/// The installed model, found as the tool finds it. Its absence fails the test with what to do:
/// scripts/test installs it, so CI always has it.
enum InstalledModel {
    nonisolated(unsafe) private static var loaded: Result<MiniLMEncoder, ModelError>?

    static func encoder(file: StaticString = #filePath, line: UInt = #line) throws -> MiniLMEncoder {
        let result = loaded ?? ModelLocation.loadEncoder()
        loaded = result
        switch result {
        case let .success(encoder):
            return encoder
        case let .failure(error):
            XCTFail("the sentence-embedding model is needed for this test: \(error). Run scripts/setup (scripts/test does).",
                    file: file, line: line)
            throw error
        }
    }
}

/// The reference made by Reference/make-reference.py with Hugging Face transformers.
struct Reference: Decodable {
    struct Case: Decodable {
        var text: String
        var ids: [Int32]
        var vector: [Float]
    }
    var model: String
    var max_seq_length: Int
    var cases: [Case]

    static func load(file: StaticString = #filePath) throws -> Reference {
        let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Reference/reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
}

func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0, na = 0.0, nb = 0.0
    for (x, y) in zip(a, b) {
        dot += Double(x) * Double(y)
        na += Double(x) * Double(x)
        nb += Double(y) * Double(y)
    }
    return dot / max((na * nb).squareRoot(), 1e-30)
}
