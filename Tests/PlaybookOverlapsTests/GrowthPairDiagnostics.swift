import Foundation
import XCTest
@testable import PlaybookOverlaps
import PlaybookEmbedding
import PlaybookSimilarity

/// Scratch: each labelled set as the duplicate finder reads it and, for each pair of hypotheses of one
/// metric event (or alike in words), its cosines (title and change, change, title, audience, outcome,
/// rationale), word score, share of terms and what the fields say, written as JSON to
/// PLAYBOOK_DUMP_FEATURES (a path) for `Data/replay-neighbour-rule.py`. A row: first, second,
/// cosine, words, overlap, same metric, differences, change, title, audience, outcome and rationale
/// cosines, differences read as look-alikes, shared terms, terms only the first has, terms only the second has.
/// After the eleven labelled sets, the bundled example playbook (`playbooks/`) as one more set, split `example`.
final class GrowthPairDiagnostics: XCTestCase {
    func testDumpFeatures() throws {
        guard let path = ProcessInfo.processInfo.environment["PLAYBOOK_DUMP_FEATURES"] else { return }
        guard case .success(let model) = ModelLocation.loadEncoder() else { return XCTFail("no model") }
        var sets: [[String: Any]] = []
        let splits: [(String, String)] = [("growth-pairs.tsv", "tune"), ("growth-pairs.tsv", "tune2"), ("growth-pairs.tsv", "held-out"),
                                          ("fresh-pairs.tsv", "fresh"), ("fresh2-pairs.tsv", "fresh2"), ("fresh3-pairs.tsv", "fresh3"), ("fresh4-pairs.tsv", "fresh4"),
                                          ("fresh5-pairs.tsv", "fresh5"), ("fresh6-pairs.tsv", "fresh6"), ("fresh7-pairs.tsv", "fresh7"),
                                          ("fresh8-pairs.tsv", "fresh8"), ("fresh9-pairs.tsv", "fresh9"),
                                          ("fresh10-pairs.tsv", "fresh10")]
        // PLAYBOOK_DUMP_DUPQ22=1 adds the pairs `dupq22` wrote (measured, never chosen on: the replay scripts drop it).
        // PLAYBOOK_DUMP_DUPQ25=1 the pairs `dupq25` wrote (sibling ideas; measured, never chosen on).
        // PLAYBOOK_DUMP_DUPQ29=1 the pairs `dupq29` wrote (low-cosine rewordings; measured, never chosen on).
        // PLAYBOOK_DUMP_DUPQ28=1 those `dupq28` wrote (sibling ideas whose rewordings keep the outcome's words).
        // PLAYBOOK_DUMP_DUPQ32=1 those `dupq32` wrote (age bands, denials against removals, amounts, places of sale).
        // PLAYBOOK_DUMP_DUPQ34=1 those `dupq34` wrote (rewordings sharing at most two content words with their idea).
        // PLAYBOOK_DUMP_DUPQ36=1 those `dupq36` wrote (two rewordings and two look-alikes an idea, five of them siblings).
        // PLAYBOOK_DUMP_DUPQ37=1 those `dupq37` wrote (rewordings sharing almost no words, look-alikes of every kind and siblings).
        // PLAYBOOK_DUMP_DUPQ38=1 those `dupq38` wrote (twenty new products, rewordings sharing almost no words, look-alikes of every kind).
        // PLAYBOOK_DUMP_DUPQ39=1 those `dupq39` wrote (twenty more new products, B2B to games, rewordings sharing almost no words).
        // PLAYBOOK_DUMP_DUPQ40=1 those `dupq40` wrote (twenty more new products, from hosted CI to parcel forwarding).
        // PLAYBOOK_DUMP_DUPQ43=1 those `dupq43` wrote (forty ideas of twenty new products, two an outcome).
        // PLAYBOOK_DUMP_DUPQ46=1 those `dupq46` wrote (forty more ideas of twenty new products, two an outcome).
        // PLAYBOOK_DUMP_DUPQ49=1 those `dupq49` wrote (forty more ideas of twenty new products, two an outcome).
        // PLAYBOOK_DUMP_DUPQ51=1 those `dupq51` wrote (forty more ideas of twenty new products, two an outcome).
        // PLAYBOOK_DUMP_DUPQ52=1 those `dupq52` wrote (forty more ideas of twenty new products, two an outcome).
        let environment = ProcessInfo.processInfo.environment
        let written = ["dupq22", "dupq25", "dupq29", "dupq28", "dupq32", "dupq34", "dupq36", "dupq37", "dupq38", "dupq39", "dupq40", "dupq43", "dupq46",
                       "dupq49", "dupq51", "dupq52"]
        let extra = written.filter { environment["PLAYBOOK_DUMP_\($0.uppercased())"] != nil }.map { ("\($0)-pairs.tsv", $0) }
        for (file, split) in splits + extra {
            let pairs = try GrowthPair.load(file).filter { $0.split == split }
            var documents = try GrowthPair.catalog()
            var sides: [GrowthPair.Side] = []
            var roles: [[String]] = []
            for (index, pair) in pairs.enumerated() {
                documents.append(GrowthPair.document(pair.a, id: String(format: "HYP-%04d", 2 * index + 1), squad: "squad-\(2 * index)"))
                documents.append(GrowthPair.document(pair.b, id: String(format: "HYP-%04d", 2 * index + 2), squad: "squad-\(2 * index + 1)"))
                sides += [pair.a, pair.b]
                roles += [[pair.id, pair.a.change, "a", pair.kind], [pair.id, pair.a.change, pair.duplicate ? "b" : "c", pair.kind]]
            }
            sets.append(try dump(split: split, documents: documents, roles: roles, sides: sides, model: model))
        }
        // The bundled example playbook, every hypothesis its own idea (any pair called a duplicate is a stray).
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("playbooks/hypotheses")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }.sorted()
        var documents = [try String(contentsOf: root.appendingPathComponent("playbooks/metrics.yml"), encoding: .utf8)]
        documents += try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        sets.append(try dump(split: "example", documents: documents, roles: files.map { [$0, $0, "a", ""] }, sides: nil, model: model))
        let data = try JSONSerialization.data(withJSONObject: sets)
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// One set as the duplicate finder reads it; `sides` (the labelled fields) give the per-field cosines, else only the audience's.
    private func dump(split: String, documents: [String], roles: [[String]], sides: [GrowthPair.Side]?, model: some SentenceEncoder) throws -> [String: Any] {
        let parsed = entities(documents.joined(separator: "\n---\n"))
        let catalog = MetricCatalog(parsed)
        var items = DuplicateDetection.items(parsed).hypotheses
        let vectors = try XCTUnwrap(DuplicateDetection.encode(&items, model))
        let corpus = Corpus(items.map(\.text))
        func enc(_ field: (GrowthPair.Side) -> String) throws -> [[Double]] { try sides.map { try model.encode($0.map(field)).map { $0.map(Double.init) } } ?? [] }
        let change = try enc(\.change), title = try enc(\.title), audience = try enc(\.audience)
        let outcome = try enc(\.outcome), rationale = try enc(\.rationale)
        func cosine(_ v: [[Double]], _ i: Int, _ j: Int) -> Double { v.isEmpty ? 0 : Double(DuplicateDetection.dot(v[i].map(Float.init), v[j].map(Float.init))) }
        func audiences(_ i: Int, _ j: Int) -> Double {
            if !audience.isEmpty { return cosine(audience, i, j) }
            guard let a = items[i].audienceVector, let b = items[j].audienceVector else { return 0 }
            return Double(DuplicateDetection.dot(a, b))
        }
        var rows: [[Any]] = []
        for i in items.indices {
            for j in items.indices where j > i {
                let cos = Double(vectors.dot(i, j))
                let words = corpus.score(i, j)
                let sameKey = catalog.key(items[i].metric ?? "") == catalog.key(items[j].metric ?? "")
                guard sameKey || words >= 0.3 else { continue }
                let w = corpus.wording(i, j)
                let fields = FieldComparison(items[i], items[j], words: words, meaning: cos, catalog: catalog, wording: w)
                let look = FieldComparison(items[i], items[j], words: words, meaning: cos, catalog: catalog, wording: w, lookAlike: true)
                rows.append([i, j, cos, words, w.overlap, sameKey, fields.differences.map(\.description).joined(separator: "; "),
                             cosine(change, i, j), cosine(title, i, j), audiences(i, j), cosine(outcome, i, j),
                             cosine(rationale, i, j), look.differences.map(\.description).joined(separator: "; "), w.shared,
                             w.onlyFirst.count, w.onlySecond.count])
            }
        }
        return ["split": split, "texts": items.map(\.text), "roles": roles, "metrics": items.map { $0.metric ?? "" },
                "audiences": sides?.map(\.audience) ?? [], "outcomes": sides?.map(\.outcome) ?? [], "rationales": sides?.map(\.rationale) ?? [],
                "pairs": rows, "titles": sides?.map(\.title) ?? [], "denies": items.map { !$0.direction.negated.isEmpty },
                "negated": items.map { $0.direction.negated.sorted() },
                "changes": sides?.map(\.change) ?? [], "ids": items.map(\.side.id), "squads": items.map { $0.side.squad ?? "" },
                "vectors": ["title": title, "change": change, "audience": audience, "outcome": outcome, "rationale": rationale,
                            "text": items.indices.map { i in (0..<vectors.width).map { Double(vectors.matrix[i * vectors.width + $0]) } }]]
    }
}
