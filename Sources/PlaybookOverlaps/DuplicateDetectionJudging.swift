import Dispatch
import PlaybookEmbedding
import PlaybookModel
import PlaybookSimilarity
internal import OverlapKernels

/// Whether a candidate pair is a duplicate or related work, and the message that says why.
extension DuplicateDetection {
    /// A duplicate, related work, or nothing, with a reason naming what matches and what differs.
    static func judge(_ a: Item, _ b: Item, _ candidate: Candidate, fields: FieldComparison, terms shared: () -> [String],
                      kindName: String, options: OverlapOptions) -> Overlap? {
        let (matches, differences) = (fields.matches, fields.differences)
        let score = candidate.score
        if !differences.isEmpty, score < options.threshold + relatedMargin { return nil }
        let terms = shared()
        // Written piece by piece into one string sized once (interpolated and joined, each piece was a
        // string of its own, for every pair judged), squads told apart without a set.
        var reason = ""
        reason.reserveCapacity(320)
        func list(_ words: some Sequence<String>) {
            for (offset, word) in words.enumerated() {
                if offset > 0 { reason += ", " }
                reason += word
            }
        }
        reason += kindName
        whose(a.side.squad, b.side.squad, into: &reason)
        reason += differences.isEmpty ? " make the same change (" : " make a similar change ("
        let tested = a.testedHypothesis.flatMap { $0 == b.testedHypothesis ? $0 : nil }
        if let tested {
            reason += "both test "
            reason += tested
            reason += ", "
        }
        if !candidate.byMeaning {
            reason += "alike in words"
        } else if let aligned = candidate.aligned {
            reason += "close in meaning token by token, alignment "
            reason += format(aligned.alignment)
            reason += ", cosine "
            reason += format(candidate.meaning ?? 0)
        } else if let agreed = candidate.agreed {
            reason += "close in meaning with their rationales, each the other's closest, cosine "
            reason += format(agreed.view)
            reason += ", statements alone "
            reason += format(candidate.meaning ?? 0)
        } else {
            reason += "close in meaning, cosine "
            reason += format(candidate.meaning ?? 0)
        }
        // The bar the score met, in figures a reader can check: the threshold, or for related work the threshold plus the margin.
        // A pair the grey band found (under the neighbour rule's bar: by token alignment, or with the rationales) has no score
        // of its own above the threshold: it is counted at the threshold, and says so (review52b #3: "alignment 0.32, cosine
        // 0.30, score 0.40 ≥ threshold 0.40" read as a measured 0.40, and the 0.40 moved with `--threshold`).
        let greyBand = (candidate.aligned != nil || candidate.agreed != nil) && candidate.byMeaning
            && (candidate.aligned?.score ?? candidate.agreed?.score ?? -1) >= score
        if greyBand, differences.isEmpty {
            // (review70 D11: "under the cosine bar" named a knob no reader knows.)
            reason += candidate.aligned != nil ? ", a cosine too low to count alone: found by the alignment, counted at the threshold "
                : ", a cosine too low to count alone: found with the rationales, counted at the threshold "
            reason += format(options.threshold)
        } else if differences.isEmpty {
            reason += ", score "
            reason += format(score)
            reason += " ≥ threshold "
            reason += format(options.threshold)
        } else {
            reason += ", score "
            reason += format(score)
            reason += " ≥ "
            reason += format(options.threshold + relatedMargin)
            reason += " for related work"
        }
        reason += ")"
        if !differences.isEmpty {
            reason += " but differ in "
            list(differences.lazy.map(\.description))
        }
        reason += "; match: "
        list(matches)
        reason += "; shared terms: "
        if terms.isEmpty { reason += "none" } else { list(terms) }
        var overlap = Overlap(kind: differences.isEmpty ? .duplicate : .related, sides: [a.side, b.side], score: score, reason: reason, terms: terms)
        overlap.countedAtThreshold = greyBand && differences.isEmpty
        overlap.differsOnlyInWording = !differences.isEmpty && differences.allSatisfy(\.isWording)
        return overlap
    }

    /// Whose the two sides are, after their kind: " of squads A and B", " of the same squad", " of squad A and of no
    /// squad", " of no squad".
    static func whose(_ a: String?, _ b: String?, into reason: inout String) {
        switch (a, b) {
        case let (first?, second?) where first != second:
            reason += " of squads "
            reason += first
            reason += " and "
            reason += second
        case (_?, _?):
            reason += " of the same squad"
        case let (squad?, nil), let (nil, squad?):
            reason += " of squad "
            reason += squad
            reason += " and of no squad"
        case (nil, nil):
            reason += " of no squad"
        }
    }

    /// Two decimals: "0.73".
    static func format(_ score: Double) -> String {
        let hundredths = Int((min(1, max(0, score)) * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
