import EmbeddingKernels
import Foundation
import XCTest

/// The encoder's C loops against plain Swift: attention's blocking (four query rows, keys padded
/// to 16) and layer norm's (eight rows at once) must not show in the results.
final class KernelTests: XCTestCase {
    /// softmax(q kᵀ · scale) v of one head, one row at a time, in Double.
    private func plainAttention(_ qkv: [Float], length: Int, hidden: Int, head: Int, headSize: Int, scale: Float) -> [[Double]] {
        (0..<length).map { i in
            let scores = (0..<length).map { j in
                (0..<headSize).reduce(0.0) { $0 + Double(qkv[i * 3 * hidden + head * headSize + $1]) * Double(qkv[j * 3 * hidden + hidden + head * headSize + $1]) } * Double(scale)
            }
            let largest = scores.max()!
            let weights = scores.map { exp($0 - largest) }
            let total = weights.reduce(0, +)
            return (0..<headSize).map { d in
                (0..<length).reduce(0.0) { $0 + weights[$1] / total * Double(qkv[$1 * 3 * hidden + 2 * hidden + head * headSize + d]) }
            }
        }
    }

    func testAttentionOfEveryLengthIsThePlainSoftmaxWhateverTheScratchHeld() {
        var random = SystemRandomNumberGenerator()
        for (hidden, headSize) in [(384, 32), (48, 8)] {
            for length in [1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 22, 31, 32, 33, 40] {
                let qkv = (0..<(length * 3 * hidden)).map { _ in Float.random(in: -2...2, using: &random) }
                let scale = 1 / Float(headSize).squareRoot()
                for head in [0, hidden / headSize - 1] {
                    var context = [Float](repeating: 0, count: length * hidden)
                    // Scratch left full of NaN: padding read by mistake would show.
                    var scratch = [Float](repeating: .nan, count: pb_attention_scratch(length, headSize))
                    pb_attention_head(qkv, length, hidden, head, headSize, scale, &context, &scratch)
                    let expected = plainAttention(qkv, length: length, hidden: hidden, head: head, headSize: headSize, scale: scale)
                    for i in 0..<length {
                        for d in 0..<headSize {
                            XCTAssertEqual(Double(context[i * hidden + head * headSize + d]), expected[i][d], accuracy: 1e-5,
                                           "length \(length), head size \(headSize), row \(i)")
                        }
                    }
                }
            }
        }
    }

    func testLayerNormOfARowIsTheSameBitsAloneAsAmongOthers() {
        var random = SystemRandomNumberGenerator()
        let width = 384
        let gamma = (0..<width).map { _ in Float.random(in: 0.5...1.5, using: &random) }
        let beta = (0..<width).map { _ in Float.random(in: -0.1...0.1, using: &random) }
        for rows in [1, 7, 8, 9, 13, 17] {
            let x = (0..<(rows * width)).map { _ in Float.random(in: -3...3, using: &random) }
            let residual = (0..<(rows * width)).map { _ in Float.random(in: -1...1, using: &random) }
            for withResidual in [false, true] {
                var together = x
                withResidual ? pb_add_layer_norm(&together, residual, rows, width, gamma, beta, 1e-12)
                             : pb_add_layer_norm(&together, nil, rows, width, gamma, beta, 1e-12)
                for row in 0..<rows {
                    var alone = Array(x[(row * width)..<((row + 1) * width)])
                    let add = Array(residual[(row * width)..<((row + 1) * width)])
                    withResidual ? pb_add_layer_norm(&alone, add, 1, width, gamma, beta, 1e-12)
                                 : pb_add_layer_norm(&alone, nil, 1, width, gamma, beta, 1e-12)
                    XCTAssertEqual(alone, Array(together[(row * width)..<((row + 1) * width)]), "row \(row) of \(rows)")
                    // and it is a layer norm: mean beta's, spread gamma's
                    let normalised = zip(alone, zip(gamma, beta)).map { Double(($0 - $1.1) / $1.0) }
                    XCTAssertEqual(normalised.reduce(0, +) / Double(width), 0, accuracy: 1e-4)
                }
            }
        }
    }
}
