/// Values still in the form `playbook new` writes them, `<what to fill in>`: a file committed
/// with one is unfinished, however well the rest of it reads. Lint reports each one
/// (`placeholder-unfilled`); the duplicate finder leaves an entity that holds one out.
public enum Placeholder {
    /// True for `<…>` with no other angle bracket inside (so `<b>bold</b>` is not one), on one line.
    /// (Read as UTF-8 bytes, which hold an ASCII character only as itself: counting a long text's
    /// scalars first cost a walk over every value of every file.)
    public static func isUnfilled(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">"), bytes.count > 2 else { return false }
        return !bytes.dropFirst().dropLast().contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\n") }
    }

    /// Whether any of `texts` is unfilled.
    public static func anyUnfilled(_ texts: String?...) -> Bool {
        texts.contains { $0.map(isUnfilled) ?? false }
    }
}
