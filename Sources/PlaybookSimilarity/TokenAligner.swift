/// Compares two texts token by token: each token of one matched to its most similar token of the
/// other (by the model's contextual token vectors), averaged each way, the two averages' harmonic
/// mean (BERTScore's F, unweighted). A restatement in other words aligns its tokens with the
/// other's where the mean of each text's vectors (`SentenceEncoder`) blurs them with the rest.
public protocol TokenAligner: Sendable {
    /// The alignment of each pair of texts, in order: 1 for a text with itself, the same either way round.
    func alignments(_ pairs: [(String, String)]) throws -> [Double]
}
