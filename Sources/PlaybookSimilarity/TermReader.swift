/// The words of a text as Snowball stems, in order, for the checks that read what a text says
/// rather than score how alike two texts are (direction, negation, facets). Owns a stemmer, so
/// one reader serves one thread.
public final class TermReader {
    private let stemmer: Stemmer?

    public init() {
        stemmer = Stemmer()
    }

    /// Lower-case words, numbers left out, each stemmed ("Screens" → "screen").
    public func stems(_ text: String) -> [String] {
        Tokenizer.tokens(text).compactMap { token in
            guard case .word(let word) = token else { return nil }
            return stemmer?.stem(Substring(word)) ?? word
        }
    }

    /// `stems` without stop words and one-letter words: the words that carry what a text says, in order.
    public func contentStems(_ text: String) -> [String] {
        Tokenizer.tokens(text).compactMap { token in
            guard case .word(let word) = token, !Lexicon.stopwords.contains(word), word.unicodeScalars.count > 1 else { return nil }
            return stemmer?.stem(Substring(word)) ?? word
        }
    }
}
