extension StringProtocol {
    /// Says nothing to a reader: empty, or only white space and invisible characters (a zero-width
    /// space, a byte order mark). A required text (`learnings`, an approval's `note`) must be more.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { scalar in
            scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
        }
    }
}
