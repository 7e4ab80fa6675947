/// Whether a text reads as English, told by its letters and its function words.
///
/// The duplicate finder reads English: its stop words, its Snowball stemmer, its synonyms and the
/// sentence model (all-MiniLM-L6-v2 learned English) all do. Two unrelated Spanish or German changes
/// read alike to the model (cosine 0.34–0.36 for ideas whose English cosine is 0.13, enough to make
/// different ideas of one metric "the same change") and share their articles as words ("de, en, el").
/// A text that does not read as English is told apart so that it is compared by its words alone,
/// without those function words, and the run says which texts those were.
///
/// A text reads as other than English when most of its letters are of another script (Cyrillic, Greek,
/// Arabic, Hebrew, CJK, Devanagari, Thai, Hangul…), or when at least two of its words are function
/// words of Spanish, Portuguese, French, German, Italian or Dutch that English does not use, more of
/// them than English function words. A text of fewer than three words tells nothing and reads as English.
public enum TextLanguage {
    /// Whether `text` reads as English (or is too short to tell).
    ///
    /// Read once per text compared (every hypothesis and experiment of a lint, 14,400 on a large playbook), so
    /// words are looked up as their first eight bytes, lower-cased, packed in an integer: no string is made.
    public static func readsAsEnglish(_ text: String) -> Bool {
        var latin = 0, other = 0
        var english = 0, foreign = 0, words = 0
        var key: UInt64 = 0, length = 0
        func endWord() {
            guard length > 0 else { return }
            words += 1
            if length <= 8 {
                if englishKeys.contains(key) { english += 1 } else if foreignKeys.contains(key) { foreign += 1 }
            }
            key = 0
            length = 0
        }
        func add(_ byte: UInt8) {
            if length < 8 { key |= UInt64(byte) << (8 * UInt64(length)) }
            length += 1
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                if (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") {
                    latin += 1
                    add(byte | 0x20)
                } else if byte == UInt8(ascii: "'"), length > 0 {
                    // "l'inscription", "don't": the part before the apostrophe is a word of its own.
                    endWord()
                } else {
                    endWord()
                }
            } else if scalar.properties.isAlphabetic {
                if isLatin(scalar) { latin += 1 } else if scalar.properties.generalCategory != .nonspacingMark { other += 1 }
                let lower = scalar.properties.isUppercase ? (scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar) : scalar
                for byte in String(lower).utf8 { add(byte) }
            } else {
                endWord()
            }
        }
        endWord()
        if other >= 3, other > latin { return false }
        guard words >= 3 else { return true }
        return !(foreign >= 2 && foreign > english)
    }

    /// A word's first eight UTF-8 bytes packed in an integer, first byte lowest (as `readsAsEnglish` packs them).
    private static func key(_ word: String) -> UInt64 {
        var key: UInt64 = 0
        for (index, byte) in word.utf8.prefix(8).enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
        return key
    }

    private static let englishKeys = Set(englishFunctionWords.filter { $0.utf8.count <= 8 }.map(key))
    private static let foreignKeys = Set(foreignFunctionWords.filter { $0.utf8.count <= 8 }.map(key))

    /// `text` without the function words of the other languages `readsAsEnglish` knows (for a text that
    /// does not read as English: its articles and prepositions would otherwise be what two texts share).
    public static func withoutForeignFunctionWords(_ text: String) -> String {
        var out = ""
        var word = ""
        func endWord() {
            if !word.isEmpty, !foreignFunctionWords.contains(word.lowercased()) { out += word }
            word = ""
        }
        for character in text {
            if character.isLetter {
                word.append(character)
            } else {
                endWord()
                out.append(character)
            }
        }
        endWord()
        return out
    }

    /// Latin letters: ASCII, Latin-1, Latin Extended-A and -B, IPA, Latin Extended Additional, fullwidth.
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0x24F, 0x250...0x2AF, 0x1E00...0x1EFF, 0xFF21...0xFF3A, 0xFF41...0xFF5A: true
        default: false
        }
    }

    /// English function words (what a sentence of growth prose holds a few of, whatever its topic).
    static let englishFunctionWords: Set<String> = [
        "the", "and", "of", "to", "in", "for", "with", "on", "at", "by", "from", "into", "onto", "about", "after",
        "before", "than", "then", "that", "this", "these", "those", "their", "they", "them", "who", "whom", "whose",
        "which", "what", "when", "where", "while", "will", "would", "should", "could", "can", "be", "been", "being",
        "is", "are", "was", "were", "has", "have", "had", "it", "its", "our", "we", "us", "you", "your", "more",
        "less", "fewer", "most", "each", "every", "any", "some", "not", "no", "or", "but", "if", "so", "an", "as",
        "up", "out", "over", "under", "instead", "without", "within", "through", "only", "also", "all", "both",
        "because", "there", "here", "such", "other", "his", "her", "he", "she", "once", "per", "via",
    ]

    /// Function words of Spanish, Portuguese, French, German, Italian and Dutch that are not English words
    /// a growth text would use ("die", "den", "van", "pour", "non", "am", "os", "com", "au" and the like are left out).
    static let foreignFunctionWords: Set<String> = [
        // Spanish
        "de", "el", "la", "los", "un", "uno", "las", "del", "al", "que", "y", "en", "para", "con", "por", "una", "unos", "unas", "su",
        "sus", "se", "lo", "como", "más", "pero", "muy", "sin", "sobre", "este", "esta", "estos", "estas", "cuando",
        "también", "hasta", "desde", "donde", "cada", "porque", "nuestro", "nuestra", "nuestros", "nuestras", "les",
        "ya", "tu", "tus", "usted", "ustedes", "sí", "qué", "cuál", "será", "serán", "hay", "entre", "después", "antes",
        // Portuguese
        "das", "dos", "da", "não", "uma", "mais", "pelo", "pela", "pelos", "pelas", "ao", "aos", "em",
        "quando", "seu", "sua", "seus", "suas", "são", "mas", "também", "num", "numa", "nosso", "nossa",
        "ou", "até", "depois", "vai", "vão", "é", "à", "às",
        // French
        "le", "des", "et", "avec", "une", "du", "aux", "sur", "sont", "pas", "dans", "qui",
        "ce", "cette", "ces", "leur", "leurs", "nous", "vous", "ils", "elle", "elles", "où", "chaque",
        "notre", "nos", "votre", "vos", "sera", "seront", "après", "avant", "très", "sans", "être", "ne",
        // German
        "der", "und", "mit", "für", "nicht", "ein", "eine", "einen", "einem", "einer", "zu", "auf", "dem",
        "ist", "sind", "wir", "sie", "werden", "wird", "bei", "nach", "vor", "über", "auch", "oder", "von",
        "im", "zum", "zur", "ihre", "ihr", "ihren", "unsere", "unser", "wenn", "dass", "weil", "jede", "jeden",
        "durch", "ohne", "mehr", "als", "kein", "keine", "nur", "schon", "sich", "vom", "beim", "ins",
        // Italian
        "il", "gli", "della", "delle", "dei", "degli", "che", "di", "nel", "nella", "nelle", "alla", "alle", "anche",
        "più", "sono", "sul", "sulla", "loro", "ogni", "perché", "dopo", "prima", "senza", "questo", "questa",
        // Dutch
        "het", "een", "voor", "niet", "zijn", "wordt", "worden", "ook", "naar", "bij", "uit", "aan", "deze", "onze",
        "hun", "meer", "zonder", "wanneer", "omdat", "elke", "wij", "jullie",
    ]
}
