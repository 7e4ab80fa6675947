internal import EmbeddingKernels
import Foundation

/// The fields of a BERT `config.json` the encoder needs.
struct BertConfiguration: Decodable, Sendable {
    var hiddenSize: Int
    var layers: Int
    var heads: Int
    var intermediateSize: Int
    var layerNormEpsilon: Float
    var maximumPositions: Int
    var vocabularySize: Int
    var typeVocabularySize: Int
    var activation: String

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", layers = "num_hidden_layers", heads = "num_attention_heads"
        case intermediateSize = "intermediate_size", layerNormEpsilon = "layer_norm_eps"
        case maximumPositions = "max_position_embeddings", vocabularySize = "vocab_size"
        case typeVocabularySize = "type_vocab_size", activation = "hidden_act"
    }

    /// Sizes a BERT of this kind can have; anything else is another model or a damaged file.
    func check(path: String) throws {
        func fail(_ reason: String) -> ModelError { .malformed(path: path, reason: reason) }
        guard (8...4096).contains(hiddenSize), (1...64).contains(layers), (1...64).contains(heads),
              hiddenSize % heads == 0, (hiddenSize / heads) % 8 == 0 else {
            throw fail("hidden_size \(hiddenSize) with \(heads) heads is not a supported BERT shape")
        }
        guard (8...16384).contains(intermediateSize), intermediateSize % 8 == 0 else {
            throw fail("intermediate_size \(intermediateSize) is not supported")
        }
        guard (2...8192).contains(maximumPositions), (1...1_000_000).contains(vocabularySize), typeVocabularySize >= 1 else {
            throw fail("max_position_embeddings, vocab_size or type_vocab_size is out of range")
        }
        guard layerNormEpsilon > 0, layerNormEpsilon < 1 else { throw fail("layer_norm_eps \(layerNormEpsilon) is out of range") }
        guard activation == "gelu" else { throw fail("hidden_act \(activation) is not supported (only gelu)") }
    }
}

/// A dense layer. Its weight is PyTorch's `[outputs, inputs]`, used in place in the mapped file
/// where the BLAS can multiply by its transpose; with Accelerate's vDSP it is stored transposed.
struct DenseLayer: Sendable {
    /// With the BLAS: each stacked layer's weight where it lies in the file (query, key and value
    /// are multiplied one after the other into their columns of the output: stacking them took
    /// a 10 MB copy each time the model was loaded). With vDSP: one transposed, stacked weight.
    let weights: [TensorData]
    let bias: [Float]
    let inputs: Int
    let outputs: Int

    /// Reads one layer, or several with the same input stacked into one (query, key and value).
    init(_ file: SafetensorsFile, _ prefixes: [String], inputs: Int, outputs: Int) throws {
        let parts = try prefixes.map { try file.tensorData($0 + ".weight", shape: [outputs, inputs]) }
        let total = outputs * prefixes.count
        #if canImport(Accelerate)
        weights = [TensorData(count: inputs * total) { transposed in
            for (part, w) in parts.enumerated() {
                for o in 0..<outputs {
                    for i in 0..<inputs { transposed[i * total + part * outputs + o] = w.pointer[o * inputs + i] }
                }
            }
        }]
        #else
        weights = parts
        #endif
        bias = try prefixes.flatMap { try file.floats($0 + ".bias", shape: [outputs]) }
        self.inputs = inputs
        self.outputs = total
    }

    /// `y[rows × outputs] = x[rows × inputs] · Wᵀ + b`.
    func apply(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>, parallel: Bool) {
        #if canImport(Accelerate)
        MatrixMath.multiply(x, weights[0].pointer, into: y, rows: rows, columns: outputs, inner: inputs)
        #else
        let width = outputs / weights.count
        for (part, weight) in weights.enumerated() {
            MatrixMath.multiplyTransposed(x, weight.pointer, into: y + part * width, rows: rows, columns: width, inner: inputs,
                                          outputStride: outputs)
        }
        #endif
        bias.withUnsafeBufferPointer { b in
            MatrixMath.parallelRanges(rows, parallel: parallel) { range in
                pb_add_bias(y + range.lowerBound * outputs, range.count, outputs, b.baseAddress!)
            }
        }
    }
}

struct LayerNormWeights: Sendable {
    let gamma: [Float]
    let beta: [Float]
    let epsilon: Float

    init(_ file: SafetensorsFile, _ prefix: String, width: Int, epsilon: Float) throws {
        gamma = try file.floats(prefix + ".weight", shape: [width])
        beta = try file.floats(prefix + ".bias", shape: [width])
        self.epsilon = epsilon
    }

    /// `x = layerNorm(x + residual)` for `rows` rows of `width`.
    func apply(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int, parallel: Bool) {
        gamma.withUnsafeBufferPointer { g in
            beta.withUnsafeBufferPointer { b in
                MatrixMath.parallelRanges(rows, parallel: parallel) { range in
                    pb_add_layer_norm(x + range.lowerBound * width, residual.map { $0 + range.lowerBound * width },
                                      range.count, width, g.baseAddress!, b.baseAddress!, epsilon)
                }
            }
        }
    }
}

struct EncoderLayer: Sendable {
    /// Query, key and value side by side: one product gives all three.
    let queryKeyValue: DenseLayer
    let attentionOutput: DenseLayer
    let attentionNorm: LayerNormWeights
    let intermediate: DenseLayer
    let output: DenseLayer
    let outputNorm: LayerNormWeights
}

/// BERT's weights: embeddings and the encoder layers, as all-MiniLM-L6-v2 stores them.
struct BertWeights: Sendable {
    let configuration: BertConfiguration
    /// Rows of the word table are read only for the tokens seen, from the file: never mapped, so
    /// none of its 47 MB stays in memory.
    let wordEmbeddings: TensorRows
    let positionEmbeddings: TensorData
    /// Token type 0 (every token of a single sentence).
    let typeEmbedding: [Float]
    let embeddingNorm: LayerNormWeights
    let layers: [EncoderLayer]

    init(file: SafetensorsFile, configuration c: BertConfiguration) throws {
        configuration = c
        let h = c.hiddenSize
        // Checkpoints saved from BertModel name tensors without a prefix; others add "bert.".
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil ? "bert." : ""
        wordEmbeddings = try file.rows(prefix + "embeddings.word_embeddings.weight", shape: [c.vocabularySize, h])
        positionEmbeddings = try file.tensorData(prefix + "embeddings.position_embeddings.weight", shape: [c.maximumPositions, h])
        typeEmbedding = Array(try file.floats(prefix + "embeddings.token_type_embeddings.weight",
                                              shape: [c.typeVocabularySize, h]).prefix(h))
        embeddingNorm = try LayerNormWeights(file, prefix + "embeddings.LayerNorm", width: h, epsilon: c.layerNormEpsilon)
        layers = try (0..<c.layers).map { index in
            let p = prefix + "encoder.layer.\(index)."
            return EncoderLayer(
                queryKeyValue: try DenseLayer(file, [p + "attention.self.query", p + "attention.self.key", p + "attention.self.value"],
                                              inputs: h, outputs: h),
                attentionOutput: try DenseLayer(file, [p + "attention.output.dense"], inputs: h, outputs: h),
                attentionNorm: try LayerNormWeights(file, p + "attention.output.LayerNorm", width: h, epsilon: c.layerNormEpsilon),
                intermediate: try DenseLayer(file, [p + "intermediate.dense"], inputs: h, outputs: c.intermediateSize),
                output: try DenseLayer(file, [p + "output.dense"], inputs: c.intermediateSize, outputs: h),
                outputNorm: try LayerNormWeights(file, p + "output.LayerNorm", width: h, epsilon: c.layerNormEpsilon))
        }
    }

    /// Lets the system take back the pages of the weights used in place in the mapped file (42 MB
    /// for all-MiniLM-L6-v2), as the encoder does once it has encoded a run's texts: they are read
    /// again from the file if more texts come, and do not stay in memory through the rest of the run.
    func releasePages() {
        positionEmbeddings.releasePages()
        for layer in layers {
            for dense in [layer.queryKeyValue, layer.attentionOutput, layer.intermediate, layer.output] {
                dense.weights.forEach { $0.releasePages() }
            }
        }
    }
}
