import PlaybookModel
import PlaybookReports

/// The learnings library: every hypothesis and every conclusion of an experiment (a re-opened
/// experiment's earlier ones too, counted by a report or not), with outcome, lift, decision and learnings;
/// searched as you type from an index the site carries as a script.
struct LearningsPage {
    var input: SiteInput
    var catalog: Catalog

    struct Entry {
        var id: String
        var kind: Kind
        var title: String
        var squad: String?
        var stage: String?
        var quarter: String?
        var outcome: String
        /// Its lift (a hypothesis's expected one, `expected`), written with the decimals the page's lifts share.
        var lift: Double?
        var expected = false
        var decision: String?
        var text: [String]
        /// A hypothesis's: the learnings of the experiments that tested it, each under the experiment's name.
        var learnedFrom: [(experiment: String, learnings: [String])] = []
        /// Said under the card's heading: when an earlier conclusion was made and read.
        var note: String?
        /// Everything search looks at.
        var searchable: String
    }

    func entries() -> [Entry] {
        var out: [Entry] = []
        // Experiments no longer in the playbook at HEAD whose conclusions the reports still count
        // (`GoneExperiments`), each as the report counting it read it: in id order among the others,
        // and their learnings are on the card of the hypothesis they tested.
        var gone: [(id: String, entries: [Entry])] = []
        for counted in input.gone.conclusions {
            let card = earlierEntry(counted.experiment, id: counted.id, quarter: counted.concluded.quarter,
                                    note: "Concluded \(counted.concluded), no longer in the playbook at this commit: as it read on \(counted.read).")
            if gone.last?.id == counted.id { gone[gone.count - 1].entries.append(card) } else { gone.append((counted.id, [card])) }
        }
        // Each experiment's conclusion the reports count as of today, read once. One concluded at
        // HEAD after today is not counted yet: neither its card nor its learnings are in the library.
        let list = catalog.sortedExperiments
        let counted = list.indices.map { input.lifecycles.countedConclusion(of: list[$0].id.value, today: input.today) }
        var concludedLater: Set<String> = []
        for i in list.indices where list[i].status?.value == .concluded {
            if let standing = input.life(of: list[i].id.value)?.concluded, counted[i]?.concluded != standing {
                concludedLater.insert(list[i].id.value)
            }
        }
        for hypothesis in catalog.sortedHypotheses {
            let id = hypothesis.id.value
            let statement = StatementSentence.text(hypothesis.statement)
            var learned: [(experiment: String, learnings: [String])] = [], tested: [String] = []
            catalog.forEachExperiment(testing: id) { e in
                // One written after today (a `--today` before the commit's last moves) did not test it yet.
                guard input.onToday.heldOnToday(e.id.value) else { return }
                if !concludedLater.contains(e.id.value), let learnings = e.result?.learnings, !learnings.isEmpty { learned.append((e.id.value, learnings)) }
                tested.append(e.id.value)
            }
            for earlier in input.gone.testing(id) {
                if let learnings = earlier.experiment.result?.learnings, !learnings.isEmpty { learned.append((earlier.id, learnings)) }
                if !tested.contains(earlier.id) { tested.append(earlier.id) }
            }
            let objective = hypothesis.keyResult?.value.split(separator: "/").first.map(String.init)
            let quarter = objective.flatMap { catalog.objectives.read($0) { $0.quarter?.value } }
                ?? input.log(of: id)?.events.first.map { UTC.day(of: $0.time).quarter }
            // Its status as it stood on today, as its page gives it, with the commit's in the note when they differ.
            let status = hypothesis.status?.value.rawValue
            var outcome = status ?? "no status", note: String?
            if let (existed, then) = input.statusOnToday(of: id) {
                if existed { outcome = then ?? "no status" }
                note = (existed ? "Status on \(input.today): \(then ?? "none")" : "Not in the playbook on \(input.today)") + "; \(status ?? "none") at this commit."
            }
            var card = entry(id: id, kind: .hypothesis, title: hypothesis.title, squad: hypothesis.squad?.value, quarter: quarter,
                             outcome: outcome,
                             lift: hypothesis.expectedLift?.value,
                             decision: nil, text: [statement],
                             extra: learned.flatMap(\.learnings) + tested + [hypothesis.metric?.value ?? ""])
            card.note = note
            card.expected = true
            card.learnedFrom = learned
            out.append(card)
        }
        // Each experiment's fields read by position (`for e in` copied every one out to read its
        // status, and so did handing one whole to a function). A re-opened experiment's earlier
        // conclusions come before the one that stands: each undone, counted by no report, as it read
        // until re-opened; or, re-opened after today, counted by the report of its quarter as it reads it.
        var next = 0
        for i in list.indices {
            let id = list[i].id.value
            while next < gone.count, gone[next].id < id { out += gone[next].entries; next += 1 }
            let concluded = list[i].status?.value == .concluded
            let standing = concluded ? input.life(of: id)?.concluded : nil
            for earlier in earlierConclusions(of: id, counted: counted[i], standing: standing) {
                guard let facts = input.lifecycles.facts(of: id, until: earlier.until), let e = facts.experiment else { continue }
                let day = UTC.day(of: earlier.concluded)
                let note: String, undone = earlier.reopened != nil
                if let reopened = earlier.reopened {
                    // Read up to its re-opening; the reports read every move up to today, so none counts a conclusion undone by then.
                    note = "Concluded \(day), re-opened \(UTC.day(of: reopened)): as it read then. Undone, so no report counts this conclusion."
                } else {
                    note = "Concluded \(day), later re-opened: as it read on \(UTC.day(fromDays: UTC.days(UTC.day(of: earlier.until)) - 1))."
                }
                out.append(earlierEntry(e, id: id, quarter: day.quarter, note: note, undone: undone))
            }
            guard concluded, !concludedLater.contains(id) else { continue }
            let quarter = standing.map { UTC.day(of: $0).quarter } ?? list[i].end?.value.quarter ?? list[i].start?.value.quarter
            let result = list[i].result
            out.append(entry(id: id, kind: .experiment, title: list[i].title, squad: list[i].squad?.value, quarter: quarter,
                             outcome: result?.outcome?.value.rawValue ?? "no outcome",
                             lift: result?.lift?.value, decision: result?.decision?.value.rawValue,
                             text: result?.learnings ?? [],
                             extra: [list[i].hypothesis?.value ?? "", list[i].surface?.value ?? "", list[i].metrics?.primary?.value ?? ""]))
        }
        for rest in gone[next...] { out += rest.entries }
        return out
    }

    /// Experiment `id`'s conclusions before the one that stands at HEAD (`standing`), oldest first: the one
    /// the reports count as of today (`counted`, read as its quarter's report reads it) when it was
    /// re-opened after today, and those no report counts, undone by today (`reopened`: when it was
    /// re-opened, up to which it is read). Live spans before the end of today tell them: each span
    /// but the last ends in a conclusion or an abandonment, and its status just before the next span says which.
    private func earlierConclusions(of id: String, counted: (concluded: Int64, until: Int64)?, standing: Int64?)
        -> [(concluded: Int64, until: Int64, reopened: Int64?)] {
        var out = [counted].compactMap { $0 }.filter { $0.concluded != standing }.map { (concluded: $0.concluded, until: $0.until, reopened: Int64?.none) }
        let spans = input.lifecycles.liveSpans(of: id, before: UTC.seconds(UTC.dayAfter(input.today)))
        for (span, next) in zip(spans, spans.dropFirst()) {
            guard let end = span.end, end != standing, counted?.concluded != end,
                  input.lifecycles.status(of: id, before: next.start) == .concluded else { continue }
            out.append((end, next.start, next.start))
        }
        return out.sorted { $0.concluded < $1.concluded }
    }

    /// The card of an earlier conclusion: the experiment as the report counting it read it. One `undone` (no
    /// report counts it) has its outcome said so, "win (undone)", apart in the outcome filter from the wins
    /// the reports count (review59s #6a: it was one of them).
    private func earlierEntry(_ e: Experiment, id: String, quarter: Quarter, note: String, undone: Bool = false) -> Entry {
        let result = e.result
        let outcome = result?.outcome?.value.rawValue ?? "no outcome"
        var made = entry(id: id, kind: .experiment, title: e.title, squad: e.squad?.value, quarter: quarter,
                         outcome: undone ? "\(outcome) (undone)" : outcome,
                         lift: result?.lift?.value, decision: result?.decision?.value.rawValue,
                         text: result?.learnings ?? [],
                         extra: [e.hypothesis?.value ?? "", e.surface?.value ?? "", e.metrics?.primary?.value ?? ""])
        made.note = note
        return made
    }

    private func entry(id: String, kind: Kind, title: String?, squad: String?, quarter: Quarter?, outcome: String, lift: Double?,
                       decision: String?, text: [String], extra: [String]) -> Entry {
        let stage = squad.flatMap { catalog.squads.read($0) { $0.funnelStage?.rawValue } }
        let searchable = ([id, kind.rawValue, title ?? "", squad ?? "", stage ?? "", outcome, decision ?? ""] + text + extra)
            .filter { !$0.isEmpty }.joined(separator: " ")
        return Entry(id: id, kind: kind, title: title ?? "", squad: squad, stage: stage, quarter: quarter?.description,
                     outcome: outcome, lift: lift, decision: decision, text: text, note: nil, searchable: searchable)
    }

    /// The page of `entries` (`entries()`, which the search index shares).
    func render(_ entries: [Entry]) -> String { renderBytes(entries).string }

    /// `render(entries)` as UTF-8 bytes (what the site writes, with no string made of them).
    func renderBytes(_ entries: [Entry]) -> HTMLBuffer {
        let page = Page(path: SitePath.learnings, catalog: catalog)
        let places = NumberTexts.liftPlaces(entries.map(\.lift))
        var body = "<h1>Learnings library</h1>\n"
        body += "<p>Every hypothesis and every conclusion of an experiment (a re-opened experiment's earlier ones too, each as it read then, said when no report counts it), with its outcome, lift, decision and learnings. \(entries.count) \(entries.count == 1 ? "entry" : "entries").</p>\n"
        body += "<form id=\"filters\" class=\"filters\" role=\"search\" hidden>"
        body += "<label for=\"q\">Search<input id=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"a word of a title or learning\"></label>"
        func select(_ id: String, _ label: String, _ values: [String?]) -> String {
            let options = Set(values.compactMap { $0 }).sorted()
            return "<label for=\"\(id)\">\(label)<select id=\"\(id)\"><option value=\"\">all</option>"
                + options.map { "<option value=\"\(h($0))\">\(h($0))</option>" }.joined() + "</select></label>"
        }
        body += select("f-squad", "Squad", entries.map(\.squad))
        body += select("f-stage", "Funnel stage", entries.map(\.stage))
        body += select("f-outcome", "Outcome or status", entries.map(\.outcome))
        body += select("f-quarter", "Quarter", entries.map(\.quarter))
        body += "</form>\n<p id=\"count\" class=\"meta\" aria-live=\"polite\"></p>\n"
        body += "<ul class=\"cards\">\n"
        // The cards (8 MB on the realistic history) written into the page's buffer: each card's pieces
        // as bytes, no string made per piece.
        var out = HTMLBuffer(capacity: 1 << 20)
        page.document(title: "Learnings", section: .learnings, source: input.provenance, scripts: [SitePath.searchIndex, SitePath.searchScript],
                      into: &out) { cards in
            cards.raw(body)
            for (index, entry) in entries.enumerated() {
                cards.raw("<li class=\"card\" id=\"c")
                cards.raw(index)
                cards.raw("\"><article aria-labelledby=\"c")
                cards.raw(index)
                cards.raw("-h\"><h2 id=\"c")
                cards.raw(index)
                cards.raw("-h\">")
                page.entity(entry.id, into: &cards)
                cards.raw(" ")
                cards.text(entry.title)
                cards.raw("</h2><p class=\"meta\">")
                cards.raw(entry.kind.rawValue)
                if let squad = entry.squad {
                    cards.raw(" · ")
                    input.squad(squad, page: page, into: &cards)
                }
                if let stage = entry.stage {
                    cards.raw(" · ")
                    cards.text(stage)
                }
                if let quarter = entry.quarter {
                    cards.raw(" · ")
                    cards.text(quarter)
                }
                cards.raw("</p>")
                if let note = entry.note {
                    cards.raw("<p class=\"meta\">")
                    cards.text(note)
                    cards.raw("</p>")
                }
                // A hypothesis's card gives its status, an experiment's its outcome.
                cards.raw(entry.kind == .hypothesis ? "<dl><dt>status</dt><dd>" : "<dl><dt>outcome</dt><dd>")
                badge(entry.outcome, into: &cards)
                cards.raw("</dd><dt>lift</dt><dd>")
                if entry.expected, entry.lift != nil { cards.raw("expected ") }
                cards.text(input.numbers.signedPercent(entry.lift, places: places))
                cards.raw("</dd>")
                if let decision = entry.decision {
                    cards.raw("<dt>decision</dt><dd>")
                    cards.text(decision)
                    cards.raw("</dd>")
                }
                cards.raw("</dl>")
                for text in entry.text {
                    cards.raw("<p class=\"written\">")
                    cards.written(text)
                    cards.raw("</p>")
                }
                // Which experiment each of a hypothesis's learnings comes from (they read as the hypothesis's own).
                for (experiment, learnings) in entry.learnedFrom {
                    cards.raw("<p class=\"meta\">Learned from ")
                    page.entity(experiment, into: &cards)
                    cards.raw(":</p>")
                    for text in learnings {
                        cards.raw("<p class=\"written\">")
                        cards.written(text)
                        cards.raw("</p>")
                    }
                }
                if entry.kind == .experiment, entry.text.isEmpty { cards.raw("<p class=\"muted\">No learnings written.</p>") }
                cards.raw("</article></li>\n")
            }
            cards.raw("</ul>\n")
        }
        return out
    }

    private func badge(_ outcome: String, into out: inout HTMLBuffer) {
        switch outcome {
        case "win", "validated": out.raw("<span class=\"badge good\">")
        case "loss", "invalidated": out.raw("<span class=\"badge bad\">")
        case "flat", "inconclusive", "testing": out.raw("<span class=\"badge warn\">")
        default: out.raw("<span class=\"badge none\">")
        }
        out.text(outcome)
        out.raw("</span>")
    }

    /// The search index as a script defining `window.playbookSearchIndex`: one entry per card
    /// (`k` its element id, `t` its searchable text, `s` squad, `g` funnel stage, `o` outcome, `q` quarter).
    /// The search index of `entries` (`entries()`, which the page shares).
    func index(_ entries: [Entry]) -> String {
        func quoted(_ text: String?) -> String { text.map(Escaping.jsonQuoted) ?? "null" }
        var out = "window.playbookSearchIndex = [\n"
        for (index, entry) in entries.enumerated() {
            out += "{\"k\": \"c\(index)\", \"t\": \(quoted(entry.searchable)), \"s\": \(quoted(entry.squad)), \"g\": \(quoted(entry.stage)), \"o\": \(quoted(entry.outcome)), \"q\": \(quoted(entry.quarter))},\n"
        }
        return out + "];\n"
    }
}
