import Dispatch
import Foundation
import PlaybookSimilarity

/// all-MiniLM-L6-v2 (or another BERT sentence model of the same layout) run natively: WordPiece
/// tokens, the BERT encoder, mean pooling over the tokens, unit length. Loaded from a folder
/// holding `config.json`, `vocab.txt` and `model.safetensors` (and optionally
/// `sentence_bert_config.json` for the token limit).
public struct MiniLMEncoder: SentenceEncoder {
    public let modelName: String
    public var dimension: Int { weights.configuration.hiddenSize }
    /// Token limit per text, `[CLS]` and `[SEP]` included; longer texts are cut, as sentence-transformers does.
    public let maximumTokens: Int
    let tokenizer: WordPieceTokenizer
    let weights: BertWeights

    /// Tokens run through the encoder at once: large enough for efficient matrix products,
    /// small enough to keep the working memory near 19 MB a batch (see `BertWeights.forward`).
    static let tokensPerBatch = 2048

    /// Loads the model in `folder`; `name` defaults to the folder's name.
    public init(folder: String, name: String? = nil) throws {
        func file(_ name: String) throws -> String {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { throw ModelError.notInstalled(folder: folder, missing: name) }
            return path
        }
        let configPath = try file("config.json"), vocabularyPath = try file("vocab.txt"), weightsPath = try file("model.safetensors")
        let configuration: BertConfiguration
        do {
            configuration = try JSONDecoder().decode(BertConfiguration.self, from: Self.read(configPath))
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformed(path: configPath, reason: "it is not a BERT configuration (\(error))")
        }
        try configuration.check(path: configPath)
        tokenizer = try WordPieceTokenizer(vocabularyFile: vocabularyPath)
        // Ids are line numbers, each below the lines: only a longer file needs its ids checked. A
        // token first seen on a line past the model's table (after repeated lines) has no row.
        guard tokenizer.lineCount <= configuration.vocabularySize || tokenizer.largestID < configuration.vocabularySize else {
            throw ModelError.malformed(path: vocabularyPath, reason: tokenizer.vocabularySize > configuration.vocabularySize
                ? "it has \(tokenizer.vocabularySize) tokens, the model \(configuration.vocabularySize)"
                : "its token on line \(tokenizer.largestID + 1) lies past the model's \(configuration.vocabularySize) tokens (lines repeat)")
        }
        weights = try BertWeights(file: SafetensorsFile(path: weightsPath), configuration: configuration)
        var limit = configuration.maximumPositions
        let sentenceConfig = folder + "/sentence_bert_config.json"
        if FileManager.default.fileExists(atPath: sentenceConfig) {
            struct SentenceConfiguration: Decodable { var max_seq_length: Int? }
            guard let parsed = try? JSONDecoder().decode(SentenceConfiguration.self, from: Self.read(sentenceConfig)) else {
                throw ModelError.malformed(path: sentenceConfig, reason: "it is not JSON with max_seq_length")
            }
            if let length = parsed.max_seq_length, length >= 2 { limit = min(limit, length) }
        }
        maximumTokens = limit
        try MatrixMath.prepare()
        modelName = name ?? URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    }

    private static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError.unreadable(path: path, reason: "it cannot be opened")
        }
        return data
    }

    /// The token ids the encoder sees for `text`, `[CLS]` and `[SEP]` included.
    public func tokenIDs(_ text: String) -> [Int32] {
        tokenizer.ids(for: text, maximumLength: maximumTokens)
    }

    public func encode(_ texts: [String]) throws -> [[Float]] {
        let h = dimension
        var vectors = [[Float]](repeating: [], count: texts.count)
        vectors.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            encodeEach(texts) { index, vector in output[index] = Array(UnsafeBufferPointer(start: vector, count: h)) }
        }
        return vectors
    }

    /// The vectors written straight into their rows: no array per vector (20,000 texts' arrays
    /// were 60 MB beside the matrix they were then copied into).
    public func encode(_ texts: [String], into matrix: UnsafeMutableBufferPointer<Float>, rows: [Int]) throws -> Bool {
        let h = dimension
        guard rows.count == texts.count, rows.allSatisfy({ $0 >= 0 && ($0 + 1) * h <= matrix.count }) else { return false }
        nonisolated(unsafe) let output = matrix
        encodeEach(texts) { index, vector in
            (output.baseAddress! + rows[index] * h).update(from: vector, count: h)
        }
        return true
    }

    /// Encodes `texts`, handing each vector to `write` (the text's place, `dimension` floats valid
    /// only during the call), from several threads at once (each place once). The mapped weights'
    /// pages are let go at the end (`BertWeights.releasePages`).
    private func encodeEach(_ texts: [String], write: (Int, UnsafePointer<Float>) -> Void) {
        defer { weights.releasePages() }
        var tokens = [[Int32]](repeating: [], count: texts.count)
        tokens.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            MatrixMath.parallelRanges(texts.count, minimumBlock: 64) { range in
                for index in range { output[index] = tokenIDs(texts[index]) }
            }
        }
        // Batches of up to `tokensPerBatch` tokens, at least one per core, run side by side with
        // each matrix product on its own thread: fewer hand-offs than threaded products.
        let totalTokens = tokens.reduce(0) { $0 + $1.count }
        let batchCount = min(texts.count, max(MatrixMath.cores, (totalTokens + Self.tokensPerBatch - 1) / Self.tokensPerBatch))
        var batches: [[Int]] = []
        if batchCount > 0 {
            let budget = (totalTokens + batchCount - 1) / batchCount
            var batch: [Int] = [], batchTokens = 0
            for index in texts.indices {
                if batchTokens + tokens[index].count > budget && !batch.isEmpty {
                    batches.append(batch)
                    batch = []
                    batchTokens = 0
                }
                batch.append(index)
                batchTokens += tokens[index].count
            }
            if !batch.isEmpty { batches.append(batch) }
        }
        let allTokens = tokens, allBatches = batches
        withoutActuallyEscaping(write) { write in
            nonisolated(unsafe) let write = write
            DispatchQueue.concurrentPerform(iterations: allBatches.count) { b in
                let batch = allBatches[b]
                weights.embed(batch.map { allTokens[$0] }, parallel: false) { s, vector in write(batch[s], vector) }
            }
        }
    }
}
