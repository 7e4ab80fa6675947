internal import CStemmer

/// The Snowball English stemmer from libstemmer. Owns one `sb_stemmer`, freed in `deinit`;
/// not thread-safe, so each analysis owns its own.
final class Stemmer {
    private let handle: OpaquePointer
    /// Words already stemmed: playbook text repeats a small vocabulary.
    private var cache: [Substring: String] = [:]

    /// Nil only when libstemmer lacks the English algorithm or is out of memory.
    init?() {
        guard let handle = sb_stemmer_new("english", "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit {
        sb_stemmer_delete(handle)
    }

    /// The stem of a lower-case word.
    func stem(_ word: Substring) -> String {
        if let known = cache[word] { return known }
        var bytes = Array(word.utf8)
        let stemmed: String = bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let result = sb_stemmer_stem(handle, base, Int32(buffer.count)) else { return String(word) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
        cache[word] = stemmed
        return stemmed
    }
}
