import Foundation
import PlaybookModel

/// A hypothesis's statement as the one sentence the site shows it in, "We believe that CHANGE for
/// AUDIENCE will OUTCOME because RATIONALE.", each field without the lead phrase it already starts
/// with: `playbook new`'s placeholders read `<we believe that CHANGE>`, `<for AUDIENCE>`, `<will
/// OUTCOME>`, `<because RATIONALE…>`, and a field filled in as they read made "We believe that we
/// believe that … for for …" (review69 D2).
enum StatementSentence {
    /// The sentence, plain text (escape it to write it); `…` for a field not given.
    static func text(_ statement: Statement?) -> String {
        let change = clause(statement?.change, leads: ["we believe that", "we believe"])
        let rationale = clause(statement?.rationale, leads: ["because"])
        // A rationale written as a sentence keeps its own full stop.
        let stop = rationale.last.map { ".!?".contains($0) } == true ? "" : "."
        return "We believe that \(change) for \(clause(statement?.audience, leads: ["for"])) "
            + "will \(clause(statement?.outcome, leads: ["will"])) because \(rationale)\(stop)"
    }

    /// The field trimmed, without the first of `leads` (lower-case words) it starts with in any case and
    /// spacing, as a whole word ("forward" keeps its "for"); `…` when nothing else is left.
    static func clause(_ field: String?, leads: [String]) -> String {
        var text = Substring(field ?? "").drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        for lead in leads {
            if let rest = dropping(lead.split(separator: " "), from: text) {
                return rest.isEmpty ? "…" : String(rest)
            }
        }
        return text.isEmpty ? "…" : String(text)
    }

    /// `text` after the `words`, each a whole word compared ignoring case, with the space after them; nil when it does not start so.
    private static func dropping(_ words: [Substring], from text: Substring) -> Substring? {
        var rest = text
        for word in words {
            rest = rest.drop { $0.isWhitespace }
            // The word's length of `rest`, not `rest.count`: counting a long rationale's characters for each lead
            // was some 7 % of a large site's first build.
            let head = rest.prefix(word.count)
            guard head.count == word.count, head.lowercased() == word,
                  rest.dropFirst(word.count).first.map(\.isWhitespace) ?? true else { return nil }
            rest = rest.dropFirst(word.count)
        }
        return rest.drop { $0.isWhitespace }
    }
}
