internal import EmbeddingKernels
import Dispatch
import Foundation

extension BertWeights {
    /// Mean-pooled, L2-normalised vectors for token-id lists (each already within the position
    /// limit), run as one batch. Sentences are packed end to end rather than padded: the dense
    /// layers see only real tokens, and attention runs within each sentence, which is what a
    /// padded batch with an attention mask computes, without the padding's work. With
    /// `parallel`, the element-wise steps and attention are spread over the cores.
    func embed(_ sentences: [[Int32]], parallel: Bool) -> [[Float]] {
        let h = configuration.hiddenSize
        var vectors = [[Float]](repeating: [], count: sentences.count)
        embed(sentences, parallel: parallel) { s, vector in vectors[s] = Array(UnsafeBufferPointer(start: vector, count: h)) }
        return vectors
    }

    /// `embed`'s vectors handed to `write` (the sentence's place, `hiddenSize` floats valid only
    /// during the call), one sentence after the other on the calling thread.
    func embed(_ sentences: [[Int32]], parallel: Bool, write: (Int, UnsafePointer<Float>) -> Void) {
        let h = configuration.hiddenSize
        guard sentences.contains(where: { !$0.isEmpty }) else {
            let zero = [Float](repeating: 0, count: h)
            for s in sentences.indices { zero.withUnsafeBufferPointer { write(s, $0.baseAddress!) } }
            return
        }
        forward(sentences, parallel: parallel) { x, starts in
            meanPooled(x, starts: starts, sentences: sentences, write: write)
        }
    }

    /// The last layer's token states of `sentences`, run as one batch (packed end to end, as
    /// `embed` describes): `read` gets the states, a row of `hiddenSize` floats per token, and
    /// where each sentence's rows start. At least one sentence must have a token.
    func forward<T>(_ sentences: [[Int32]], parallel: Bool, read: (UnsafePointer<Float>, [Int]) -> T) -> T {
        let c = configuration
        let h = c.hiddenSize, headSize = h / c.heads
        var offsets: [Int] = []
        var total = 0
        for sentence in sentences {
            offsets.append(total)
            total += sentence.count
        }
        let starts = offsets

        // Query, key and value, then the attention's context, are used up before the intermediate
        // layer's output is written: the three share one block (6 floats a token and hidden unit in
        // all instead of 10; a batch of 2,048 tokens of all-MiniLM-L6-v2 needs 19 MB, not 31).
        let x = UnsafeMutablePointer<Float>.allocate(capacity: total * h)
        let shared = UnsafeMutablePointer<Float>.allocate(capacity: total * max(4 * h, c.intermediateSize))
        let qkv = shared, context = shared + total * 3 * h, inner = shared
        let projected = UnsafeMutablePointer<Float>.allocate(capacity: total * h)
        defer { [x, shared, projected].forEach { $0.deallocate() } }

        // Embeddings: word + position + token type 0, then LayerNorm. The word's row is copied into
        // the token's row first (read from the file), then the others added to it.
        typeEmbedding.withUnsafeBufferPointer { type in
            for (s, sentence) in sentences.enumerated() {
                for (position, id) in sentence.enumerated() {
                    let row = x + (starts[s] + position) * h
                    wordEmbeddings.copy(row: Int(id), into: row)
                    let place = positionEmbeddings.pointer + position * h
                    for k in 0..<h { row[k] = row[k] + place[k] + type[k] }
                }
            }
        }
        embeddingNorm.apply(x, residual: nil, rows: total, width: h, parallel: parallel)

        let scale = 1 / Float(headSize).squareRoot()
        // Each job writes its own head's columns of its own sentence's rows.
        nonisolated(unsafe) let sharedQKV = qkv, sharedContext = context
        for layer in layers {
            layer.queryKeyValue.apply(x, rows: total, into: qkv, parallel: parallel)
            MatrixMath.parallelRanges(sentences.count * c.heads, minimumBlock: 1, parallel: parallel) { jobs in
                for job in jobs {
                    let s = job / c.heads, head = job % c.heads, length = sentences[s].count
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: pb_attention_scratch(length, headSize)) { scratch in
                        pb_attention_head(sharedQKV + starts[s] * 3 * h, length, h, head, headSize, scale,
                                          sharedContext + starts[s] * h, scratch.baseAddress!)
                    }
                }
            }
            layer.attentionOutput.apply(context, rows: total, into: projected, parallel: parallel)
            layer.attentionNorm.apply(x, residual: projected, rows: total, width: h, parallel: parallel)
            layer.intermediate.apply(x, rows: total, into: inner, parallel: parallel)
            let width = c.intermediateSize
            MatrixMath.parallelRanges(total, parallel: parallel) { range in
                pb_gelu(inner + range.lowerBound * width, range.count * width)
            }
            layer.output.apply(inner, rows: total, into: projected, parallel: parallel)
            layer.outputNorm.apply(x, residual: projected, rows: total, width: h, parallel: parallel)
        }

        return read(x, starts)
    }

    /// Mean over each sentence's tokens, then unit length, handed to `write` sentence by sentence.
    private func meanPooled(_ x: UnsafePointer<Float>, starts: [Int], sentences: [[Int32]], write: (Int, UnsafePointer<Float>) -> Void) {
        let h = configuration.hiddenSize
        var mean = [Float](repeating: 0, count: h)
        mean.withUnsafeMutableBufferPointer { mean in
            for s in sentences.indices {
                mean.update(repeating: 0)
                let count = sentences[s].count
                for position in 0..<count {
                    let row = x + (starts[s] + position) * h
                    for k in 0..<h { mean[k] += row[k] }
                }
                var norm: Float = 0
                for k in 0..<h {
                    mean[k] /= Float(max(count, 1))
                    norm += mean[k] * mean[k]
                }
                let inverse = 1 / max(norm.squareRoot(), 1e-12)
                for k in 0..<h { mean[k] *= inverse }
                write(s, UnsafePointer(mean.baseAddress!))
            }
        }
    }
}
