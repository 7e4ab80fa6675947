import PlaybookModel

/// The renderers of `playbook search`. Every string from the playbook is made inert for where it
/// goes: on a terminal no control, escape or bidirectional-override character survives; in
/// Markdown every character with a meaning there is escaped and no mention,
/// reference or autolink is made; JSON is quoted. Both go through the shared `Inert` neutralisers.
public enum SearchRendering {
    public static func text(_ hits: [SearchHit], query: String, engine: String) -> String {
        guard !hits.isEmpty else { return "No hypothesis or experiment resembles \"\(terminal(echo(query)))\".\n" }
        var out = ""
        for hit in hits {
            let item = hit.item
            var facts = [item.kind.rawValue]
            if let squad = item.squad { facts.append("squad " + terminal(squad)) }
            if let status = item.status { facts.append(terminal(status)) }
            if let outcome = item.outcome { facts.append(terminal(outcome)) }
            if let lift = item.lift { facts.append("lift " + percent(lift)) }
            out += "\(score(hit.score))  \(terminal(item.id))  \(facts.joined(separator: " · "))\n"
            out += "      \(terminal(item.title ?? "(no title)"))\n"
            for learning in item.learnings { out += "      learning: \(terminal(Inert.foldingLines(learning)))\n" }
        }
        return out
    }

    /// `unread`: files that could not be read in full, listed as `"unread"` only when there are some.
    public static func json(_ hits: [SearchHit], query: String, engine: String, unread: [String] = []) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.quoted) ?? "null" }
        var out = "{\"version\": 1, \"query\": \(JSONText.quoted(query)), \"engine\": \(JSONText.quoted(engine)), \"results\": ["
        out += hits.map { hit in
            let item = hit.item
            let lift = item.lift.flatMap { $0.isFinite ? String($0) : nil } ?? "null"
            return "\n  {\"id\": \(string(item.id)), \"kind\": \(string(item.kind.rawValue)), \"score\": \(score(hit.score)), "
                + "\"squad\": \(string(item.squad)), \"status\": \(string(item.status)), \"outcome\": \(string(item.outcome)), "
                + "\"lift\": \(lift), \"title\": \(string(item.title)), "
                + "\"learnings\": [\(item.learnings.map(JSONText.quoted).joined(separator: ", "))], \"file\": \(string(item.file))}"
        }.joined(separator: ",")
        out += hits.isEmpty ? "]" : "\n]"
        if !unread.isEmpty { out += ", \"unread\": [\(unread.map(JSONText.quoted).joined(separator: ", "))]" }
        return out + "}\n"
    }

    /// `incomplete`: the closing note when files could not be read in full (the text output's), or "".
    public static func markdown(_ hits: [SearchHit], query: String, engine: String, incomplete: String = "") -> String {
        var out = "### Prior art for “\(markdown(echo(query)))”\n\n"
        let note = incomplete.isEmpty ? "" : "\n**" + markdown(incomplete.hasSuffix("\n") ? String(incomplete.dropLast()) : incomplete) + "**\n"
        guard !hits.isEmpty else { return out + "No hypothesis or experiment resembles it.\n" + note }
        out += "| score | id | kind | squad | status | outcome | lift | title | learnings |\n"
        out += "| ---: | --- | --- | --- | --- | --- | ---: | --- | --- |\n"
        for hit in hits {
            let item = hit.item
            let cells = [score(hit.score), markdown(item.id), item.kind.rawValue, markdown(item.squad ?? ""),
                         markdown(item.status ?? ""), markdown(item.outcome ?? ""), item.lift.map(percent) ?? "",
                         markdown(item.title ?? ""), item.learnings.map { markdown(Inert.foldingLines($0)) }.joined(separator: "<br>")]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\nRanked by \(markdown(engine)).\n" + note
    }

    /// How much of the query text and Markdown echo: its first 80 characters, `…` when there is
    /// more (a 60 KB query was printed whole). JSON carries the query as given.
    static let echoLimit = 80

    static func echo(_ query: String) -> String {
        query.count > echoLimit ? String(query.prefix(echoLimit)) + "…" : query
    }

    static func score(_ value: Double) -> String {
        guard let hundredths = whole((value * 100).rounded()) else { return "?" }
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// A lift as `report experiments` prints it (`+3.4%`, `-5%`): `LiftText`, the one wording.
    static func percent(_ fraction: Double) -> String { LiftText.signedPercent(fraction) }

    /// A rounded value as an Int, or nil when it is not finite or lies beyond ±1e15 (a lift of 1e16,
    /// which lints clean, trapped converting its percentage to Int).
    static func whole(_ value: Double) -> Int? {
        value.isFinite && abs(value) < 1e15 ? Int(value) : nil
    }

    /// One line for a terminal or a CI log: the shared terminal neutraliser (controls shown as
    /// visible escapes, no workflow command).
    static func terminal(_ text: String) -> String { Inert.terminal(text) }

    /// Inline Markdown for a table cell: the shared Markdown neutraliser (markup escaped, no
    /// mention, issue reference or autolink).
    static func markdown(_ text: String) -> String { Inert.markdown(text) }
}
