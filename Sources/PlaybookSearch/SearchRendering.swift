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
            facts += terminalResult(item)
            if let tested = item.hypothesis { facts.append("tests " + terminal(tested)) }
            out += "\(score(hit.score))  \(terminal(item.id))  \(facts.joined(separator: " · "))\n"
            out += "      \(terminal(item.title ?? "(no title)"))\n"
            // A hypothesis's learnings are its tests': each is shown once, under the experiment that drew it.
            guard hit.tests.isEmpty else {
                for test in hit.tests {
                    var facts = [terminal(test.id)]
                    if let squad = test.squad, squad != item.squad { facts.append("squad " + terminal(squad)) }
                    out += "      tested by " + (facts + terminalResult(test)).joined(separator: " · ") + "\n"
                    out += "        \(terminal(test.title ?? "(no title)"))\n"
                    for learning in test.learnings { out += "        learning: \(terminal(Inert.foldingLines(learning)))\n" }
                }
                continue
            }
            for learning in item.learnings { out += "      learning: \(terminal(Inert.foldingLines(learning)))\n" }
        }
        return out + "\n" + ranking(engine, inert: terminal) + "\n"
    }

    /// Status, outcome and lift, as far as known, for a terminal.
    static func terminalResult(_ item: PriorArt) -> [String] {
        var facts: [String] = []
        if let status = item.status { facts.append(terminal(status)) }
        if let outcome = item.outcome { facts.append(terminal(outcome)) }
        if let lift = item.lift { facts.append("lift " + percent(lift)) }
        return facts
    }

    /// Which evidence ordered the results, said under them (JSON's `engine` names it for scripts).
    static func ranking(_ engine: String, inert: (String) -> String) -> String {
        engine == "lexical" ? "Ranked by shared words (the lexical engine)."
                            : "Ranked by meaning (\(inert(engine))) and shared words."
    }

    /// `unread`: files that could not be read in full, listed as `"unread"` only when there are some.
    /// A hypothesis carries `tested_by`, the experiments that tested it; an experiment `hypothesis`,
    /// the id it tests (listed on its own only when that hypothesis is not in the playbook).
    public static func json(_ hits: [SearchHit], query: String, engine: String, unread: [String] = []) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.quoted) ?? "null" }
        func fields(_ item: PriorArt) -> String {
            let lift = item.lift.flatMap { $0.isFinite ? String($0) : nil } ?? "null"
            return "\"squad\": \(string(item.squad)), \"status\": \(string(item.status)), \"outcome\": \(string(item.outcome)), "
                + "\"lift\": \(lift), \"title\": \(string(item.title)), "
                + "\"learnings\": [\(item.learnings.map(JSONText.quoted).joined(separator: ", "))], \"file\": \(string(item.file))"
        }
        var out = "{\"version\": 1, \"query\": \(JSONText.quoted(query)), \"engine\": \(JSONText.quoted(engine)), \"results\": ["
        out += hits.map { hit in
            let item = hit.item
            var line = "\n  {\"id\": \(string(item.id)), \"kind\": \(string(item.kind.rawValue)), \"score\": \(score(hit.score)), " + fields(item)
            switch item.kind {
            case .hypothesis:
                line += ", \"tested_by\": [" + hit.tests.map { test in
                    "{\"id\": \(string(test.id)), \"kind\": \(string(test.kind.rawValue)), " + fields(test) + "}"
                }.joined(separator: ", ") + "]"
            case .experiment:
                line += ", \"hypothesis\": \(string(item.hypothesis))"
            }
            return line + "}"
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
            var title = markdown(item.title ?? "")
            var learnings = item.learnings.map { markdown(Inert.foldingLines($0)) }
            if let tested = item.hypothesis { title += "<br>tests " + markdown(tested) }
            if !hit.tests.isEmpty {
                // Each learning once, under the experiment that drew it; named when several did.
                let teaching = hit.tests.filter { !$0.learnings.isEmpty }
                learnings = teaching.flatMap { test in
                    test.learnings.map { (teaching.count > 1 ? markdown(test.id) + ": " : "") + markdown(Inert.foldingLines($0)) }
                }
                for test in hit.tests {
                    let result = [test.status, test.outcome].compactMap { $0 }.map(markdown) + [test.lift.map(percent)].compactMap { $0 }
                    title += "<br>tested by " + markdown(test.id) + (result.isEmpty ? "" : " (" + result.joined(separator: ", ") + ")")
                        + ": " + markdown(test.title ?? "(no title)")
                }
            }
            let cells = [score(hit.score), markdown(item.id), item.kind.rawValue, markdown(item.squad ?? ""),
                         markdown(item.status ?? ""), markdown(item.outcome ?? ""), item.lift.map(percent) ?? "",
                         title, learnings.joined(separator: "<br>")]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n" + ranking(engine, inert: markdown) + "\n" + note
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

    /// A lift rounded and signed as `report experiments` prints it (`+3.4%`, `-5%`): `LiftText`, the one wording.
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
