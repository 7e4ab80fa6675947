import Dispatch
import PlaybookModel
import PlaybookSimilarity

/// Duplicate hypotheses and duplicate experiments: same idea, other words, other squads.
///
/// A hypothesis is compared on its title and change — the idea. Its outcome is left out (on
/// the labelled set, shared outcome wording made different ideas look alike), and its
/// audience is compared on its own: audiences with nothing in common scale the score down
/// to `audienceFloor` (the same change for another audience is another test); audiences
/// scoring `audienceSaturation` or more count as the same.
/// An experiment is compared on its title; a surface that is neither the same nor nested,
/// or an audience that cannot overlap, scales its score by `contextFloor`.
enum DuplicateDetection {
    static let contextFloor = 0.6
    static let audienceFloor = 0.8
    static let audienceSaturation = 0.3
    /// Audiences are short: character trigrams weigh as much as words there.
    static let audienceWeights = ScoreWeights(words: 0.5, pairs: 0, grams: 0.5, numberMismatch: 1)

    struct Item: Sendable {
        var side: OverlapSide
        var text: String
        var audience: String
        var experiment: Experiment?
    }

    static func find(_ entities: [SourcedEntity], options: OverlapOptions) -> [Overlap] {
        var hypotheses: [Item] = []
        var experiments: [Item] = []
        for sourced in entities {
            switch sourced.entity {
            case .hypothesis(let h):
                let s = h.statement
                let text = [h.title, s?.change].compactMap { $0 }.joined(separator: ". ")
                hypotheses.append(Item(side: side(h.id, h.squad, sourced.file), text: text, audience: s?.audience ?? ""))
            case .experiment(let e):
                experiments.append(Item(side: side(e.id, e.squad, sourced.file), text: e.title ?? "", audience: "", experiment: e))
            default:
                continue
            }
        }
        // One analyzer per corpus: analysing in chunks side by side (`Corpus.Parallel`) cost
        // more than it saved on the 2-core machine under load (20,000 hypotheses: 1.0 s CPU
        // for the whole run with one analyzer, 1.1 s with two chunks; wall 1.0 s against 1.5 s).
        let inputs = [hypotheses.map(\.text), hypotheses.map(\.audience), experiments.map(\.text), experiments.map(\.audience)]
        let corpora: [Corpus?] = inputs.enumerated().map { index, texts in
            texts.count > 1 ? Corpus(texts, weights: index % 2 == 0 ? ScoreWeights() : audienceWeights) : nil
        }
        var out: [Overlap] = []
        if let texts = corpora[0], let audiences = corpora[1] {
            out += pairs(hypotheses, texts: texts, audiences: audiences, kindName: "hypotheses", options: options)
        }
        if let texts = corpora[2], let audiences = corpora[3] {
            out += pairs(experiments, texts: texts, audiences: audiences, kindName: "experiments", options: options)
        }
        return out
    }

    static func side(_ id: Located<String>, _ squad: Reference?, _ file: String) -> OverlapSide {
        OverlapSide(id: id.value, squad: squad?.value, file: file, mark: id.mark)
    }

    /// The pairs of `items` at or above the threshold, searched in blocks over the cores.
    static func pairs(_ items: [Item], texts corpus: Corpus, audiences: Corpus, kindName: String, options: OverlapOptions) -> [Overlap] {
        // The context factor only lowers scores, so the text search may use the same threshold.
        let search = CandidateSearch(corpus: corpus, threshold: options.threshold)
        let squads = items.map(\.side.squad)
        let sameSquad = options.sameSquad
        let block = 512
        let blocks = (items.count + block - 1) / block
        var found = [[Match]](repeating: [], count: blocks)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: blocks) { index in
                let rows = (index * block)..<min(items.count, (index + 1) * block)
                output[index] = search.matches(rows: rows) { a, b in
                    sameSquad || squads[a] == nil || squads[a] != squads[b]
                }
            }
        }
        var out: [Overlap] = []
        for match in found.joined() {
            let a = items[match.first], b = items[match.second]
            var score = match.score
            var notes: [String] = []
            if !a.audience.isEmpty, !b.audience.isEmpty {
                let similarity = audiences.score(match.first, match.second)
                score *= audienceFloor + (1 - audienceFloor) * min(1, similarity / audienceSaturation)
                if similarity < audienceSaturation { notes.append("for different audiences") }
            }
            if let ea = a.experiment, let eb = b.experiment {
                if let sa = ea.surface?.value, let sb = eb.surface?.value, !Surface.related(sa, sb) {
                    score *= contextFloor
                    notes.append("on different surfaces")
                }
                if !AudienceOverlap.possible(ea.audience, eb.audience) {
                    score *= contextFloor
                    notes.append("for audiences that cannot overlap")
                }
            }
            guard score >= options.threshold else { continue }
            let terms = corpus.matchedTerms(match.first, match.second)
            let whose = [a.side.squad, b.side.squad].compactMap { $0 }
            let squads = Set(whose).count == 2 ? "squads \(whose[0]) and \(whose[1])" : "the same squad"
            let reason = "\(kindName) of \(squads) read alike (score \(format(score))); shared terms: \(terms.joined(separator: ", "))"
                + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")
            out.append(Overlap(kind: .duplicate, sides: [a.side, b.side], score: score, reason: reason, terms: terms))
        }
        return out
    }

    /// Two decimals: "0.73".
    static func format(_ score: Double) -> String {
        let hundredths = Int((min(1, max(0, score)) * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
