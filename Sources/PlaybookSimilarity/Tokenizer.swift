/// One piece of text: a lower-case word, or a number ("10%", "2.5", "3x"; "$30" is "30").
enum Token: Hashable {
    case word(String)
    case number(String)
}

/// Splits text into lower-case words and numbers, scalar by scalar (no grapheme breaking:
/// twenty thousand hypotheses must tokenise in milliseconds). Letters are any alphabetic
/// Unicode scalars; hyphens, apostrophes and punctuation split words.
enum Tokenizer {
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var word = String.UnicodeScalarView()
        var number = ""
        func flushWord() {
            if !word.isEmpty { out.append(.word(String(word))) }
            word = String.UnicodeScalarView()
        }
        func flushNumber() {
            if !number.isEmpty { out.append(.number(number)) }
            number = ""
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if value >= 48 && value <= 57 {
                flushWord()
                number.unicodeScalars.append(scalar)
            } else if !number.isEmpty, value == 46 || value == 44, index + 1 < scalars.count,
                      (48...57).contains(scalars[index + 1].value) {
                if value == 46 { number.append(".") } // "1,000" is 1000; "2.5" keeps its point
            } else if !number.isEmpty, value == 37 {
                number.append("%")
                flushNumber()
            } else if !number.isEmpty, value == 120 || value == 88,
                      index + 1 == scalars.count || !isLetter(scalars[index + 1]) {
                number.append("x")
                flushNumber()
            } else if isLetter(scalar) {
                flushNumber()
                if value < 128 {
                    word.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
                } else {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            } else {
                flushWord()
                flushNumber()
            }
            index += 1
        }
        flushWord()
        flushNumber()
        return out
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return (value | 32) >= 97 && (value | 32) <= 122 }
        return scalar.properties.isAlphabetic
    }
}
