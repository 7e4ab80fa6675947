import Benchmark
import PlaybookOverlaps

/// Duplicates by meaning on 384-wide unit vectors (all-MiniLM-L6-v2's width), all of one metric:
/// the int8 nearest-neighbour search duplicate detection uses, and, on fewer vectors, the
/// comparison of every pair it replaces (both give the same pairs; a test checks it).
/// The vectors are generated: every one shares a common direction and one of five topics, as
/// texts of one domain do under the model, so most cosines sit near the threshold (0.45) and
/// the neighbour rule decides; a fifth restate an earlier vector.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    for count in [5_000, 20_000] {
        Benchmark("nearest by meaning, \(count) vectors of one metric") { benchmark, input in
            for _ in benchmark.scaledIterations {
                blackHole(MeaningPairs.nearest(input.vectors, metrics: input.metrics, squads: input.squads, threshold: 0.45))
            }
        } setup: {
            GeneratedVectors(count: count)
        }
    }
    Benchmark("every pair compared, 5000 vectors of one metric", configuration: .init(maxIterations: 3)) { benchmark, input in
        for _ in benchmark.scaledIterations {
            blackHole(MeaningPairs.everyPair(input.vectors, metrics: input.metrics, squads: input.squads, threshold: 0.45))
        }
    } setup: {
        GeneratedVectors(count: 5_000)
    }
}

struct GeneratedVectors {
    var vectors: [[Float]] = []
    var metrics: [String?] = []
    var squads: [String?] = []

    init(count: Int, width: Int = 384) {
        var state: UInt64 = 42
        func unit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (0..<4).reduce(0) { sum, _ in sum + unit() } - 2 }
        let common = (0..<width).map { _ in normal() }
        let topics = (0..<5).map { _ in (0..<width).map { _ in normal() } }
        for index in 0..<count {
            var v: [Double]
            if index > 0, unit() < 0.2 {
                v = vectors[Int(unit() * Double(index))].map { Double($0) + 0.02 * normal() }
            } else {
                let topic = topics[Int(unit() * 5)]
                v = (0..<width).map { k in 0.9 * common[k] + 0.6 * topic[k] + normal() }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            vectors.append(v.map { Float($0 / norm) })
            metrics.append("d1-retention")
            squads.append("squad-\(index % 40)")
        }
    }
}
