import Foundation
import PlaybookOverlaps
import PlaybookSimilarity

/// The labelled growth hypothesis pairs of `Data/growth-pairs.tsv` (see `Data/README.md`).
struct GrowthPair {
    struct Side {
        var title, change, audience, outcome, metric: String
        var rationale = "Interviews point to it."
    }

    var id: String
    var split: String
    var duplicate: Bool
    var kind: String
    var a: Side
    var b: Side

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")

    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The pairs of `file`: `growth-pairs.tsv` (tuning and held-out halves) or `fresh-pairs.tsv`.
    static func load(_ file: String = "growth-pairs.tsv") throws -> [GrowthPair] {
        try rows(file).map { row in
            func side(_ s: String) -> Side {
                var side = Side(title: row["\(s)_title"] ?? "", change: row["\(s)_change"] ?? "", audience: row["\(s)_audience"] ?? "",
                                outcome: row["\(s)_outcome"] ?? "", metric: row["\(s)_metric"] ?? "")
                if let rationale = row["\(s)_rationale"] { side.rationale = rationale }
                return side
            }
            return GrowthPair(id: row["pair"] ?? "", split: row["split"] ?? "", duplicate: row["label"] == "duplicate",
                              kind: row["kind"] ?? "", a: side("a"), b: side("b"))
        }
    }

    /// The metric catalog as YAML documents.
    static func catalog() throws -> [String] {
        try rows("growth-metrics.tsv").map { row in
            "kind: Metric\nid: \(row["id"] ?? "")\nname: \(row["name"] ?? "")\nevent: \(row["event"] ?? "")\nunit: percent\ndirection: increase"
        }
    }

    /// The catalog and every side of the first three labelled sets as hypotheses of squads of their own
    /// (HYP-0001, HYP-0002, … in order): many pairs of every kind for tests that compare fast paths with plain ones.
    static func labelledDocuments() throws -> [String] {
        var documents = try catalog()
        var index = 0
        for file in ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv"] {
            for pair in try load(file) {
                for side in [pair.a, pair.b] {
                    index += 1
                    documents.append(document(side, id: String(format: "HYP-%04d", index), squad: "squad-\(index)"))
                }
            }
        }
        return documents
    }

    static func document(_ side: Side, id: String, squad: String) -> String {
        """
        kind: Hypothesis
        id: \(id)
        squad: \(squad)
        title: "\(side.title)"
        statement:
          change: "\(side.change)"
          audience: "\(side.audience)"
          outcome: "\(side.outcome)"
          rationale: "\(side.rationale)"
        metric: \(side.metric)
        ice: {impact: 5, confidence: 5, ease: 5}
        status: backlog
        """
    }
}

/// Vectors computed elsewhere for every text, looked up: what an encoder would return.
struct VectorTable: SentenceEncoder {
    var modelName = "precomputed"
    var dimension: Int
    var vectors: [String: [Float]]

    enum Missing: Error { case text(String) }

    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path),
              let table = try? JSONDecoder().decode([String: [Float]].self, from: data),
              let first = table.first?.value else { return nil }
        vectors = table
        dimension = first.count
    }

    /// `Data/held-out-vectors.json`: signed bytes (value = byte / 127), base64, per text.
    init?(fixture name: String) {
        struct File: Decodable { var vectors: [String: String] }
        guard let data = FileManager.default.contents(atPath: GrowthPair.folder.appendingPathComponent(name).path),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return nil }
        vectors = file.vectors.compactMapValues { text in
            guard let bytes = Data(base64Encoded: text) else { return nil }
            let values = bytes.map { Float(Int8(bitPattern: $0)) / 127 }
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? values.map { $0 / norm } : nil
        }
        guard let first = vectors.first?.value else { return nil }
        dimension = first.count
    }

    func encode(_ texts: [String]) throws -> [[Float]] {
        try texts.map { text in
            guard let vector = vectors[text] else { throw Missing.text(text) }
            return vector
        }
    }
}
