#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import PlaybookSimilarity

/// A `TermReader` for the calling thread, made on its first use and kept until the thread ends. A
/// reader owns a stemmer, which is not thread-safe, and remembers the words it stemmed: the rules that
/// read a pair's words while comparing pairs on both cores made a reader (and a stemmer) for each
/// question and stemmed every word of a long text again, each time, for tens of thousands of pairs.
/// A stem does not depend on the reader, so which reader answers changes nothing.
enum ThreadReader {
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { pointer in
            let held: UnsafeMutableRawPointer? = pointer
            if let held { Unmanaged<TermReader>.fromOpaque(held).release() }
        }
        return made == 0 ? key : nil
    }()

    /// The calling thread's reader (a new one each call if the thread cannot keep one).
    static var current: TermReader {
        guard let key else { return TermReader() }
        if let held = pthread_getspecific(key) { return Unmanaged<TermReader>.fromOpaque(held).takeUnretainedValue() }
        let reader = TermReader()
        if pthread_setspecific(key, Unmanaged.passRetained(reader).toOpaque()) != 0 {
            Unmanaged.passUnretained(reader).release()
        }
        return reader
    }
}
