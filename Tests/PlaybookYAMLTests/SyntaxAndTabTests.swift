import XCTest
@testable import PlaybookYAML

final class SyntaxAndTabTests: XCTestCase {
    func testSyntaxErrorCarriesLibyamlReasonAndMark() {
        let result = load("id: a\nname: x: y\n")
        XCTAssertEqual(result.problems.count, 1)
        let problem = result.problems.first
        XCTAssertEqual(problem?.kind, .syntax)
        XCTAssertEqual(problem?.isFatal, true)
        XCTAssertEqual(problem?.mark, mark(2, 8))
        XCTAssertEqual(problem?.message, "mapping values are not allowed in this context; a value holding \": \" must be quoted: name: \"x: y\"")
        XCTAssertEqual(result.fatalProblem, problem)
    }

    /// libyaml's reason names the grammar; the hint names the fix for the line's shape, with the line
    /// as it would read fixed.
    func testASyntaxErrorSaysHowToQuoteTheValue() {
        let cases: [(String, String)] = [
            ("title: 'It's broken'", "inside single quotes an apostrophe is written twice ('It''s'), or the value goes in double quotes: title: \"It's broken\""),
            ("title: [Draft] new onboarding", "YAML reads a value starting with [ as a list; if it is text, quote it: title: \"[Draft] new onboarding\""),
            ("title: {new} onboarding", "YAML reads a value starting with { as a mapping; if it is text, quote it: title: \"{new} onboarding\""),
            ("title: @channel first", "YAML reserves @ at the start of a value; if it is text, quote it: title: \"@channel first\""),
            ("title: `code` first", "YAML reserves ` at the start of a value; if it is text, quote it: title: \"`code` first\""),
            ("title: \"Say \"hi\" now\"", "a double quote inside double quotes is written \\\" (or the value goes in single quotes): title: \"Say \\\"hi\\\" now\""),
            ("title: - new onboarding", "YAML reads \"- \" after a key as the start of a list; if it is text, quote it: title: \"- new onboarding\""),
            (" title: new onboarding", "this line is indented more than the key before it; keys of one mapping start in the same column"),
        ]
        for (line, hint) in cases {
            let problem = load("kind: Experiment\nid: EXP-0001\n\(line)\nstatus: draft\n").problems.first
            XCTAssertEqual(problem?.kind, .syntax, line)
            XCTAssertTrue(problem?.message.hasSuffix("; " + hint) ?? false, "\(line): \(problem?.message ?? "no problem")")
        }
        // A line of another shape keeps libyaml's reason alone.
        XCTAssertEqual(load("a: 1\nb\nc: 2\n").problems.first?.message, "while scanning a simple key at line 2, column 1: could not find expected ':'")
    }

    /// A key past 1,024 characters got libyaml's "could not find expected ':'", with the colon right
    /// there: said at the key, with the limit. A key of 1,024 is read.
    func testAKeyLongerThanYAMLAllowsIsSaidAtTheKey() {
        let problem = load("kind: Metric\nx: 1\n" + String(repeating: "k", count: 1_100) + ": 1\n").problems.first
        XCTAssertEqual(problem?.kind, .syntax)
        XCTAssertEqual(problem?.mark, mark(3, 1))
        XCTAssertEqual(problem?.message, "this key is longer than the 1,024 characters YAML allows a simple key (one not written after \"? \"); shorten it")
        let nested = load("a:\n  " + String(repeating: "é", count: 1_025) + ": 1\n").problems.first
        XCTAssertEqual(nested?.mark, mark(2, 3))
        XCTAssertEqual(nested?.message.hasPrefix("this key is longer than the 1,024 characters"), true, nested?.message ?? "")
        XCTAssertEqual(load("a:\n  - " + String(repeating: "k", count: 1_100) + ": 1\n").problems.first?.mark, mark(2, 5), "in a list item")
        XCTAssertTrue(load("a:\n  " + String(repeating: "k", count: 1_024) + ": 1\n").problems.isEmpty)
        // A long line with no colon at all is a key missing its colon, not one too long (review71).
        let colonless = load("kind: Metric\nx: 1\n" + String(repeating: "k ", count: 600) + "z # c\n").problems.first
        XCTAssertEqual(colonless?.kind, .syntax)
        XCTAssertFalse(colonless?.message.hasPrefix("this key is longer") ?? true, colonless?.message ?? "")
    }

    /// libyaml read `<<<<<<< HEAD` as a key missing its colon ("could not find expected ':'").
    func testMergeConflictMarkersLeftInAFileAreSaidAtTheFirstMarker() {
        let conflict = "kind: Metric\nid: signup-rate\n<<<<<<< HEAD\nbudget: 4500\n=======\nbudget: 5000\n>>>>>>> feat\nowner: growth\n"
        let result = load(conflict)
        XCTAssertEqual(result.problems, [YAMLProblem(
            kind: .syntax, mark: mark(3, 1),
            message: "merge conflict markers left in the file (<<<<<<< at line 3): resolve the conflict and remove them",
            isFatal: true)])
        XCTAssertEqual(result.documents.count, 0)
        // In a list, and right after a block scalar.
        XCTAssertEqual(load("kind: Metric\nitems:\n<<<<<<< HEAD\n  - a\n=======\n  - b\n>>>>>>> feat\n").problems.map(\.mark), [mark(3, 1)])
        XCTAssertEqual(load("note: |\n  text\n<<<<<<< HEAD\n  more\n=======\n  other\n>>>>>>> feat\n").problems.map(\.mark), [mark(3, 1)])
        // A document before the conflict is kept.
        XCTAssertEqual(load("id: one\n---\n<<<<<<< HEAD\nid: two\n=======\nid: 2\n>>>>>>> feat\n").documents.count, 1)
        // A block scalar's text may hold such a line (indented): the file reads, or fails for its own reason.
        XCTAssertEqual(load("note: |\n  Heading\n  =======\n").documents.first?.root?["note"]?.scalar, "Heading\n=======\n")
        XCTAssertEqual(load("note: |\n  <<<<<<< HEAD\n  =======\nname: x: y\n").problems.map(\.message),
                       ["mapping values are not allowed in this context; a value holding \": \" must be quoted: name: \"x: y\""])
        // So may a quoted scalar's, at column 1, when the file reads.
        XCTAssertEqual(load("title: \"x\n=======\n y\"\n").problems, [])
    }

    /// libyaml read `status:running` as one word, a key missing its colon, and said so at the next line.
    func testAKeyWithoutASpaceAfterItsColonIsSaidAtItsLine() {
        let experiment = "kind: Experiment\nid: EXP-0001\ntitle: t\nowner: growth\nmetric: m\nhypothesis: h\nstatus:running\nstart: 2026-08-01\n"
        XCTAssertEqual(load(experiment).problems, [YAMLProblem(
            kind: .syntax, mark: mark(7, 1),
            message: "while scanning a simple key: could not find expected ':'; add a space after the colon: status: running",
            isFatal: true)])
        // A mapping's first key: libyaml reads it as a value going on to the next line, and stops at that line's colon.
        let nested = load("kind: Experiment\nmetric:\n  status:running\n  owner: growth\n").problems
        XCTAssertEqual(nested.map(\.mark), [mark(3, 3)])
        XCTAssertEqual(nested.map(\.message), ["mapping values are not allowed in this context; add a space after the colon:   status: running"])
        // A list item's key, and the last line of a file.
        XCTAssertEqual(load("items:\n  - status:running\n    owner: growth\n").problems.map(\.mark), [mark(2, 5)])
        XCTAssertTrue(load("id: a\nstatus:running").problems.first?.message.hasSuffix("; add a space after the colon: status: running") ?? false)
    }

    /// `[de, fr #3]`: the ` #` starts a comment that hides the `]`, and libyaml fails on the next line;
    /// said at the `#`. A comment on a line of its own hides nothing and is not blamed.
    func testACommentHidingAFlowCollectionsBracketIsSaidAtItsHash() {
        let problems = load("regions: [de, fr #3]\nstatus: running\n").problems
        XCTAssertEqual(problems.map(\.mark), [mark(1, 18)])
        XCTAssertEqual(problems.map(\.message), [
            "while parsing a flow sequence at line 1, column 10: did not find expected ',' or ']'; \"#3]\" is read as a comment, "
                + "which hides the list's closing \"]\"; if the # belongs to the item, quote it: regions: [de, \"fr #3\"]; a comment goes after the \"]\"",
        ])
        // Inside `{…}`, over lines: the `,` hidden, the comment said to go after it, the line kept as written.
        let nested = load("notes: {first: bundle #2,\n  second: b}\n").problems
        XCTAssertEqual(nested.map(\.mark), [mark(1, 23)])
        XCTAssertEqual(nested.map(\.message), [
            "while parsing a flow mapping at line 1, column 8: did not find expected ',' or '}'; \"#2,\" is read as a comment, "
                + "which hides the \",\" after the value; if the # belongs to the value, quote it: notes: {first: \"bundle #2\",; a comment goes after the \",\"",
        ])
        // A number (a date, a boolean) is read whole: quoted with its `#…` it would be text, so only moving the comment is said.
        let number = load("ice: {impact: 4, confidence: 8 #high,\n  ease: 2}\n").problems
        XCTAssertEqual(number.map(\.message), [
            "while parsing a flow mapping at line 1, column 6: did not find expected ',' or '}'; \"#high,\" is read as a comment, "
                + "which hides the \",\" after the value; a comment goes after the \",\"",
        ])
        XCTAssertTrue(load("dates: [2026-09-27 #extended]\n").problems.first?.message.hasSuffix("which hides the list's closing \"]\"; a comment goes after the \"]\"") ?? false)
        // A quoted item is not cut: only moving the comment is said.
        XCTAssertTrue(load("tags: [\"a #1\" #2]\n").problems.first?.message.hasSuffix("\"#2]\" is read as a comment, which hides the list's closing \"]\"; a comment goes after the \"]\"") ?? false)
        XCTAssertEqual(load("tags: [a, b\n  # note, here\n  c]\n").problems.map(\.message), ["while parsing a flow sequence at line 1, column 7: did not find expected ',' or ']'"])
    }

    /// A quote, `[` or `{` never closed runs to the end of the file: the problem is where it opens
    /// (the user's mistake), its message saying where libyaml gave up (review63: 14:1 for a quote opened at 9:14).
    func testAConstructNeverClosedIsReportedWhereItOpens() {
        let text = "kind: Hypothesis\nid: HYP-0041\nsquad: acq-latam\ntitle: Try a lesson first\nstatement:\n"
            + "  change: play the opening unit without a login\n  audience: new mobile users\n  outcome: more finish it\n"
            + "  rationale: \"a quarter of installs leave at the wall\nmetric: first-lesson-completion\nexpected_lift: 0.05\n"
            + "ice: {impact: 7, confidence: 5, ease: 5}\nstatus: backlog\n"
        let quote = load(text).problems.first
        XCTAssertEqual(quote?.mark, mark(9, 14))
        XCTAssertEqual(quote?.message, "while scanning a quoted scalar starting here: found unexpected end of stream at line 14, column 1; "
                       + "is its closing quote missing?")
        // Run into the next document's `---`, the scan gives up there.
        let nextDocument = load("title: 'open\n---\nid: b\n").problems.first
        XCTAssertEqual(nextDocument?.mark, mark(1, 8))
        XCTAssertTrue(nextDocument?.message.hasPrefix("while scanning a quoted scalar starting here: found unexpected document indicator at line 2, column 1") ?? false,
                      nextDocument?.message ?? "no problem")
        let list = load("kind: Experiment\ntags: [a, b\n").problems.first
        XCTAssertEqual(list?.mark, mark(2, 7))
        XCTAssertEqual(list?.message, "while parsing a flow sequence starting here: did not find expected ',' or ']' at line 3, column 1; "
                       + "is its closing \"]\" missing?")
        let beforeNextDocument = load("tags: [a, b\n---\nid: b\n").problems.first
        XCTAssertEqual(beforeNextDocument?.mark, mark(1, 7))
        XCTAssertEqual(beforeNextDocument?.message, "while parsing a flow sequence starting here: did not find expected ',' or ']' at line 2, column 1; "
                       + "is its closing \"]\" missing?")
        let mapping = load("ice: {impact: 7, confidence: 5\n").problems.first
        XCTAssertEqual(mapping?.mark, mark(1, 6))
        XCTAssertTrue(mapping?.message.hasSuffix("; is its closing \"}\" missing?") ?? false, mapping?.message ?? "no problem")
        // A problem in the middle of the file stays where libyaml found it.
        XCTAssertEqual(load("a: 1\nb\nc: 2\n").problems.first?.mark, mark(3, 1))
    }

    /// `[` or `{` never closed with more lines after it: libyaml reads the next key line into the
    /// collection and fails there (review65: 9:8 for a `[` opened at 8:15), or, after a trailing comma
    /// at the end, fails with no context at all. Said where it opens; one written over lines and
    /// closed keeps libyaml's place for its own mistakes.
    func testAFlowCollectionNeverClosedBeforeMoreLinesIsReportedWhereItOpens() {
        let head = "kind: Experiment\nid: EXP-0102\nsquad: activation\ntitle: Annual plan first\nhypothesis: HYP-0001\nstatus: draft\n"
        let list = load(head + "metrics:\n  primary: signup-rate\n  guardrails: [first-lesson-rate, signup-rate\nsurface: web/pricing\n"
                        + "audience:\n  regions: [emea]\n").problems
        XCTAssertEqual(list.map(\.mark), [mark(9, 15)])
        XCTAssertEqual(list.map(\.message), ["while parsing a flow sequence starting here: did not find expected ',' or ']' at line 10, column 8; "
                                              + "is its closing \"]\" missing?"])
        let mapping = load(head + "metrics: {primary: signup-rate, guardrails: [first-lesson-rate]\nsurface: web/pricing\n").problems
        XCTAssertEqual(mapping.map(\.mark), [mark(7, 10)])
        XCTAssertEqual(mapping.map(\.message), ["while parsing a flow mapping starting here: did not find expected ',' or '}' at line 8, column 1; "
                                                 + "is its closing \"}\" missing?"])
        // Followed by a key of the same mapping, itself with a list; and in a metric file.
        let nested = load(head + "audience:\n  regions: [emea, apac\n  platforms: [ios]\n").problems
        XCTAssertEqual(nested.map(\.mark), [mark(8, 12)])
        XCTAssertTrue(nested.first?.message.hasSuffix("at line 9, column 12; is its closing \"]\" missing?") ?? false, nested.first?.message ?? "no problem")
        XCTAssertEqual(load("kind: Metric\nid: signup-rate\nowner: [activation\nunit: percent\n").problems.map(\.mark), [mark(3, 8)])
        // A trailing comma at the end of the file: libyaml's "while parsing a flow node" names no collection.
        let comma = load(head + "metrics:\n  primary: signup-rate\n  guardrails: [first-lesson-rate,\n").problems
        XCTAssertEqual(comma.map(\.mark), [mark(9, 15)])
        XCTAssertEqual(comma.map(\.message), ["while parsing a flow sequence starting here: did not find expected node content at line 10, column 1; "
                                               + "is its closing \"]\" missing?"])
        // Closed over several lines: the mistake inside is where libyaml found it.
        XCTAssertEqual(load("tags: [a,\n b: x: y,\n c]\nx: 1\n").problems.map(\.mark), [mark(2, 6)])
        XCTAssertEqual(load("tags: {a: 1,\n b: 2\n c: 3}\nx: 1\n").problems.map(\.message),
                       ["while parsing a flow mapping at line 1, column 7: did not find expected ',' or '}'"])
        XCTAssertEqual(load("tags: [a,\n  - b,\n  c]\n").problems.map(\.mark), [mark(2, 3)])
        // A `]` inside quotes closes nothing, nor does one in a comment on a line of its own.
        XCTAssertEqual(load("tags: [a, \"b]\", 'c]'\nx: 1\n").problems.map(\.mark), [mark(1, 7)])
        XCTAssertEqual(load("tags: [a, b,\n  # c]\nx: 1\n").problems.map(\.mark), [mark(1, 7)])
    }

    /// `title: "Annual plan first` never closed, and lines later `primary: "signup-rate"`: YAML lets a
    /// quoted scalar run over lines, so that quote closes it and libyaml fails just after (review65: 9:13,
    /// with advice about a quote inside quotes). Said at the opening quote.
    func testAQuoteThatALaterQuoteClosesIsReportedWhereItOpens() {
        for quote in ["\"", "'"] {
            let text = "kind: Experiment\nid: EXP-0101\nsquad: activation\nhypothesis: HYP-0001\nstatus: draft\n"
                + "title: \(quote)Annual plan first\nsurface: web/pricing\nmetrics:\n  primary: \(quote)signup-rate\(quote)\n"
            let problems = load(text).problems
            XCTAssertEqual(problems.map(\.mark), [mark(6, 8)], quote)
            XCTAssertEqual(problems.map(\.message), ["while scanning a quoted scalar starting here: did not find expected key at line 9, column 13; "
                                                      + "is its closing quote missing?"], quote)
        }
        // In a list of mappings: the next item's key swallowed.
        XCTAssertEqual(load("items:\n  - title: \"first\n  - title: \"second\"\n").problems.map(\.mark), [mark(2, 12)])
        // A one-line value with an inner quote keeps its advice.
        XCTAssertTrue(load("title: \"Say \"hi\" now\"\nx: 1\n").problems.first?.message.hasSuffix("title: \"Say \\\"hi\\\" now\"") ?? false)
        // Text carried on to an indented line is a quoted scalar over lines: what follows its close is the mistake.
        XCTAssertEqual(load("title: \"Pricing page:\n  annual plan first\" extra\nx: 1\n").problems.map(\.mark), [mark(2, 22)])
    }

    /// A complete flow list or mapping on a wrongly indented line is meant as one: the hint is about the indentation.
    func testAWronglyIndentedKeyWithAFlowListSaysHowItIsIndented() {
        let more = "this line is indented more than the key before it; keys of one mapping start in the same column"
        let less = "this line is indented less than the key before it; keys of one mapping start in the same column"
        let cases: [(String, String)] = [
            ("  name: Signups\n   guardrails: [a, b]\n", more),
            ("  name: Signups\n\n  # the guardrails\n   guardrails: {a: 1}\n", more),
            ("  name: Signups\n guardrails: [a, b]\n", less),
            ("  - id: a\n    name: Signups\n   guardrails: [a, b]\n", less),
        ]
        for (lines, hint) in cases {
            let problem = load("kind: Experiment\nid: EXP-0001\nmetric:\n\(lines)  owner: growth\n").problems.first
            XCTAssertEqual(problem?.kind, .syntax, lines)
            XCTAssertTrue(problem?.message.hasSuffix("; " + hint) ?? false, "\(lines): \(problem?.message ?? "no problem")")
            XCTAssertFalse(problem?.message.contains("quote") ?? true, lines)
        }
    }

    func testSyntaxErrorMessageIncludesLibyamlContext() {
        let problem = load("a: 1\n\"b\nc: 2\n").problems.first
        XCTAssertEqual(problem?.kind, .syntax)
        XCTAssertEqual(problem?.mark, mark(2, 1))
        XCTAssertEqual(problem?.message, "while scanning a quoted scalar starting here: found unexpected end of stream at line 4, column 1; "
                       + "is its closing quote missing?")
        let simpleKey = load("a: 1\nb\nc: 2\n").problems.first
        XCTAssertEqual(simpleKey?.mark, mark(3, 1))
        XCTAssertEqual(simpleKey?.message, "while scanning a simple key at line 2, column 1: could not find expected ':'")
    }

    func testDocumentsCompletedBeforeASyntaxErrorAreKept() {
        let result = load("id: one\n---\nid: two\n---\nid: [three\n")
        XCTAssertEqual(result.documents.map { $0.root?["id"]?.scalar }, ["one", "two"])
        XCTAssertEqual(result.problems.map(\.kind), [.syntax])
    }

    func testTabThatLibyamlRejectsIsAFatalTabProblem() {
        let result = load("squad:\n  name: growth\n\tregion: eu\n")
        XCTAssertEqual(result.problems, [YAMLProblem(
            kind: .tab, mark: mark(3, 1),
            message: "tab character in indentation; YAML allows only spaces for indentation", isFatal: true)])
        XCTAssertEqual(result.documents.count, 0)
        let blockScalar = load("note: |\n\tindented with a tab\n").problems
        XCTAssertEqual(blockScalar.map(\.kind), [.tab])
        XCTAssertEqual(blockScalar.first?.mark, mark(2, 1))
        let afterDash = load("- - a\n  -\tb\n").problems
        XCTAssertEqual(afterDash.map(\.kind), [.tab])
        XCTAssertEqual(afterDash.first?.mark, mark(2, 4))
        XCTAssertEqual(afterDash.first?.message,
                       "tab character where YAML does not allow one (found character that cannot start any token)")
        // Valid YAML that libyaml 0.2.5 refuses: a tab-only line after a plain scalar.
        XCTAssertEqual(load("a: 1\n\t\nb: 2\n").problems.map(\.kind), [.tab])
    }

    func testTabInIndentationThatLibyamlAcceptsIsANonFatalTabProblem() {
        let result = load("tags: [\n\talpha,\n  \tbeta ]\nother: 1\n")
        XCTAssertEqual(result.documents.first?.root?["tags"]?.items?.map(\.scalar), ["alpha", "beta"])
        XCTAssertEqual(result.problems.map(\.mark), [mark(2, 1), mark(3, 3)])
        XCTAssertEqual(result.problems.map(\.kind), [.tab, .tab])
        XCTAssertEqual(result.problems.map(\.isFatal), [false, false])
        XCTAssertEqual(result.problems.first?.message, YAMLProblem.tabInIndentation)
        // Legal after a space on a quoted scalar's continuation line, but reported all the same.
        let quoted = load("quote: \"first\n \tsecond\"\n")
        XCTAssertEqual(quoted.documents.first?.root?["quote"]?.scalar, "first second")
        XCTAssertEqual(quoted.problems.map(\.mark), [mark(2, 2)])
        XCTAssertEqual(quoted.problems.map(\.isFatal), [false])
    }

    func testTabsThatBelongToScalarsOrSeparateTokensAreNotReported() {
        let texts = [
            "key:\tvalue\n",
            "note: |\n  text\n  \tindented content keeps its tab\nnext: 1\n",
            "items:\n  - a\t# comment after a tab\n",
        ]
        for text in texts {
            let result = load(text)
            XCTAssertEqual(result.problems, [], text.debugDescription)
            XCTAssertEqual(result.documents.count, 1, text.debugDescription)
        }
    }

    /// `change: showing a card in⏎    the #2 slot⏎    instead of …`: the ` #2` ends the value with a comment, and
    /// the next line cannot go on with it; said at the `#`, with the fix.
    func testACommentEndingAValueOverLinesIsSaidAtItsHash() {
        let problems = load("statement:\n  change: showing a card in\n    the #2 slot of the carousel\n    instead of the quote\n  audience: all\n").problems
        XCTAssertEqual(problems.map(\.mark), [mark(3, 9)])
        XCTAssertEqual(problems.map(\.message), [
            "while parsing a block mapping at line 2, column 3: did not find expected key; \"#2 slot of the carousel\" is read as a comment, "
                + "which ends the value, so line 4 cannot go on with it; if the # belongs to the value, quote the whole value",
        ])
        // On the key's line too.
        XCTAssertEqual(load("statement:\n  change: showing #2 slot\n    instead of the quote\n").problems.map(\.mark), [mark(2, 19)])
        // A line indented wrongly after a real comment is not blamed on it.
        XCTAssertFalse(load("statement:\n  change: showing  # a note\n    instead of the quote\n").problems.first?.message.contains("is read as a comment") ?? true)
    }

    /// A line of a value over lines that starts `#word` is a comment of its own, which ends the value: the line
    /// after it cannot go on with it, and libyaml fails there ("did not find expected '-' indicator" in a list,
    /// "did not find expected key" in a mapping). Said at the `#`, in a list item and in a mapping's value.
    func testACommentLineInsideAValueOverLinesIsSaidAtItsHash() {
        let said = { (line: Int) in
            "\"#2 layout over the grid\" at the start of its line is read as a comment, which ends the value, so line \(line) "
                + "cannot go on with it; if the # belongs to the value, quote the whole value"
        }
        let cases: [(String, Mark, String)] = [
            // A list item, on its `-` line and over more lines.
            ("learnings:\n  - Shoppers preferred the bundle\n    #2 layout over the grid\n    on mobile\n", mark(3, 5),
             "while parsing a block collection at line 2, column 3: did not find expected '-' indicator; " + said(4)),
            ("learnings:\n  - Shoppers preferred the\n    bundle\n    #2 layout over the grid\n    on mobile\n  - Grids sold less\n", mark(4, 5),
             "while parsing a block collection at line 2, column 3: did not find expected '-' indicator; " + said(5)),
            // A list written at its key's column.
            ("learnings:\n- Shoppers preferred the bundle\n  #2 layout over the grid\n  on mobile\nstatus: done\n", mark(3, 3),
             "while parsing a block mapping at line 1, column 1: did not find expected key; " + said(4)),
            // A mapping's value, from its key's line or from the next line, and one in a list item's mapping.
            ("result:\n  learnings: Shoppers preferred the bundle\n    #2 layout over the grid\n    on mobile\n  decision: ship\n", mark(3, 5),
             "while parsing a block mapping at line 2, column 3: did not find expected key; " + said(4)),
            ("title:\n  Shoppers preferred the bundle\n  #2 layout over the grid\n  on mobile\n", mark(3, 3),
             "while parsing a block mapping at line 1, column 1: did not find expected key; " + said(4)),
            ("approvals:\n  - note: Shoppers preferred the bundle\n      #2 layout over the grid\n      on mobile\n    by: Ana\n", mark(3, 7),
             "while parsing a block mapping at line 2, column 5: did not find expected key; " + said(4)),
        ]
        for (yaml, at, message) in cases {
            let problems = load(yaml).problems
            XCTAssertEqual(problems.map(\.mark), [at], yaml)
            XCTAssertEqual(problems.map(\.message), [message], yaml)
        }
        // A ` #word` inside an item's line ends the item there too.
        XCTAssertEqual(load("learnings:\n  - Shoppers preferred #2 the bundle\n    layout over the grid\n").problems.map(\.mark), [mark(2, 24)])
        // A real comment (`# …`), one at the item's column, or one after a quoted value is not blamed.
        for yaml in [
            "learnings:\n  - Shoppers preferred the bundle\n    # a note\n    on mobile\n",
            "learnings:\n  - Shoppers preferred the bundle\n  #2 layout over the grid\n    on mobile\n",
            "learnings:\n  - \"Shoppers preferred the bundle\"\n    #2 layout over the grid\n    on mobile\n",
        ] {
            let problems = load(yaml).problems
            XCTAssertEqual(problems.count, 1, yaml)
            XCTAssertFalse(problems.first?.message.contains("is read as a comment") ?? true, yaml)
        }
    }
}
