import Foundation
import PlaybookGit
import XCTest

/// `playbook search` and `playbook similarity` end to end, on a small repository in a temp folder.
final class SearchCommandTests: XCTestCase {
    static let hypotheses = """
    kind: Hypothesis
    id: HYP-0001
    squad: activation-emea
    title: Email-only signup form
    statement: {change: cut the signup form down to the email field, audience: new visitors, outcome: more visitors finish registration, rationale: form analytics}
    metric: weekly-active-learners
    ice: {impact: 5, confidence: 5, ease: 5}
    status: validated
    ---
    kind: Hypothesis
    id: HYP-0002
    squad: activation-emea
    title: "Evening streak reminder \\u202E|<script>"
    statement: {change: send a push reminder in the evening before a streak breaks, audience: learners, outcome: more come back the next day, rationale: interviews}
    metric: weekly-active-learners
    ice: {impact: 5, confidence: 5, ease: 5}
    status: backlog
    ---
    kind: Hypothesis
    id: HYP-0003
    squad: activation-emea
    title: Annual plan first on pricing
    statement: {change: show the yearly plan first on the pricing page, audience: visitors, outcome: more buy yearly plans, rationale: anchoring}
    metric: weekly-active-learners
    ice: {impact: 5, confidence: 5, ease: 5}
    status: backlog
    """

    static let experiment = """
    kind: Experiment
    id: EXP-0001
    squad: activation-emea
    title: One-field registration page
    hypothesis: HYP-0001
    status: concluded
    metrics: {primary: weekly-active-learners}
    surface: web/signup
    result:
      outcome: win
      lift: 0.042
      decision: ship
      learnings: ["Fewer fields, more finished signups \\e[31mred"]
    """

    func repository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", Self.hypotheses)
        try scratch.write("playbooks/experiments.yml", Self.experiment)
        return scratch
    }

    /// Fails, saying what to do, when the run fell back because the model is not installed.
    func requireModel(_ result: CLIResult, file: StaticString = #filePath, line: UInt = #line) {
        if result.stderr.contains("using the lexical similarity engine") {
            XCTFail("the sentence-embedding model is needed for this test; run scripts/setup (scripts/test does): \(result.stderr)",
                    file: file, line: line)
        }
    }

    struct Output: Decodable {
        struct Hit: Decodable {
            var id: String
            var kind: String
            var outcome: String?
            var lift: Double?
            var learnings: [String]
            var tested_by: [Test]?
            var hypothesis: String?
        }
        struct Test: Decodable {
            var id: String
            var outcome: String?
            var lift: Double?
            var learnings: [String]
        }
        var engine: String
        var results: [Hit]
    }

    func testFindsARewordedIdeaByMeaningAndCachesTheVectors() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "a single-field registration page so more people complete sign up", "--format", "json"], in: scratch.url)
        requireModel(result)
        XCTAssertEqual(result.status, 0, result.stderr)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        XCTAssertEqual(output.engine, "all-MiniLM-L6-v2")
        // The idea is one result: the hypothesis, with the experiment that tested it (review51).
        XCTAssertEqual(output.results.first?.id, "HYP-0001")
        XCTAssertFalse(output.results.contains { $0.id == "EXP-0001" }, result.stdout)
        let experiment = try XCTUnwrap(output.results.first?.tested_by?.first { $0.id == "EXP-0001" }, result.stdout)
        XCTAssertEqual(experiment.outcome, "win")
        XCTAssertEqual(experiment.lift, 0.042)
        let hypothesis = try XCTUnwrap(output.results.first { $0.id == "HYP-0001" })
        XCTAssertEqual(hypothesis.outcome, "win", "a hypothesis shows the result of the experiment that tested it")
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.url.path + "/.git/playbook/embedding-cache"))

        let again = try CLI.run(["search", "a single-field registration page so more people complete sign up", "--format", "json"], in: scratch.url)
        XCTAssertEqual(again.stdout, result.stdout, "the cached vectors give the same ranking")
    }

    /// A query that resembles nothing says so with the model too (review44: gibberish, emoji, stopwords
    /// and another language each listed a full page of "prior art" at cosines of 0.10–0.28).
    func testAQueryThatResemblesNothingSaysSoByMeaning() throws {
        let scratch = try repository()
        for query in ["asdfghjkl qwertyuiop", "🚀🔥", "the and of a to", "привет мир"] {
            let result = try CLI.run(["search", query], in: scratch.url)
            requireModel(result)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.hasPrefix("No hypothesis or experiment resembles"), "\(query): \(result.stdout)")
        }
        // A reworded idea sharing no word with the query is still found by meaning alone.
        let reworded = try CLI.run(["search", "shrink the account creation screen to a single input", "--format", "json"], in: scratch.url)
        let output = try JSONDecoder().decode(Output.self, from: Data(reworded.stdout.utf8))
        XCTAssertTrue(["HYP-0001", "EXP-0001"].contains(output.results.first?.id ?? ""), reworded.stdout)
    }

    func testAFileThatIsNotUTF8IsNamedByOverlapsSearchAndLog() throws {
        let scratch = try repository()
        // HYP-0001 again under another id, with one Latin-1 byte: lint reports yaml-encoding.
        var bytes = Array(Self.hypotheses.components(separatedBy: "---")[0].replacingOccurrences(of: "HYP-0001", with: "HYP-0009").utf8)
        bytes.insert(0xE9, at: try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "E"))))
        let broken = scratch.url.appendingPathComponent("playbooks/latin1.yml")
        try Data(bytes).write(to: broken)
        let repository = try Repository.open(at: scratch.url.path)
        try repository.stage(paths: ["playbooks/latin1.yml"])
        _ = try repository.commit(message: "add", author: Signature(name: "Ada", email: "ada@example.com", time: 1_782_907_200))
        let lexical = ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"]

        let lint = try CLI.run(["lint"], in: scratch.url, environment: lexical)
        XCTAssertTrue(lint.stdout.contains("playbooks/latin1.yml:"), lint.stdout)
        XCTAssertTrue(lint.stdout.contains("[yaml-encoding]"), lint.stdout)
        // Each command names the file it skipped (they used to say nothing: "No overlaps found.", exit 0).
        let named = "playbooks/latin1.yml: 4:8: invalid UTF-8 byte 0xE9"
        let overlaps = try CLI.run(["overlaps", "--engine", "lexical"], in: scratch.url, environment: lexical)
        XCTAssertTrue(overlaps.stderr.contains("a file could not be read in full, so what it holds is not compared"), overlaps.stderr)
        XCTAssertTrue(overlaps.stderr.contains(named), overlaps.stderr)
        // The results are incomplete, as lint's are an error: exit 1, and the text says so (it used to exit 0).
        XCTAssertEqual(overlaps.status, 1, overlaps.stdout + overlaps.stderr)
        XCTAssertTrue(overlaps.stdout.hasSuffix("Incomplete: 1 file could not be read in full, so what it holds was not compared (named on standard error).\n"), overlaps.stdout)
        let overlapsJSON = try CLI.run(["overlaps", "--engine", "lexical", "--format", "json"], in: scratch.url, environment: lexical)
        XCTAssertEqual(overlapsJSON.status, 1, overlapsJSON.stderr)
        let overlapsObject = try XCTUnwrap(try? JSONSerialization.jsonObject(with: Data(overlapsJSON.stdout.utf8)) as? [String: Any], "JSON stays JSON: " + overlapsJSON.stdout)
        // A script reading the JSON (or a PR reading the Markdown) learns the results are incomplete too (review44).
        XCTAssertEqual((overlapsObject["unread"] as? [String])?.first?.hasPrefix(named), true, overlapsJSON.stdout)
        for format in ["json", "markdown"] {
            let result = try CLI.run(["search", "email signup form", "--engine", "lexical", "--format", format], in: scratch.url, environment: lexical)
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(format == "json" ? result.stdout.contains("\"unread\": [\"playbooks/latin1.yml: 4:8: invalid UTF-8 byte 0xE9")
                                           : result.stdout.contains("**Incomplete: 1 file could not be read in full, so what it holds was not searched"), result.stdout)
        }
        let search = try CLI.run(["search", "email signup form", "--engine", "lexical"], in: scratch.url, environment: lexical)
        XCTAssertEqual(search.status, 1, search.stderr)
        XCTAssertTrue(search.stderr.contains(named), search.stderr)
        XCTAssertTrue(search.stdout.hasSuffix("Incomplete: 1 file could not be read in full, so what it holds was not searched (named on standard error).\n"), search.stdout)
        let log = try CLI.run(["log", "HYP-0009"], in: scratch.url, environment: lexical)
        XCTAssertEqual(log.status, 2)
        XCTAssertTrue(log.stderr.contains("no commit on this line of history holds HYP-0009"), log.stderr)
        XCTAssertTrue(log.stderr.contains("playbooks/latin1.yml at "), log.stderr)
        XCTAssertTrue(log.stderr.contains("invalid UTF-8 byte 0xE9"), log.stderr)
        // A clean playbook draws no such note.
        try FileManager.default.removeItem(at: broken)
        let clean = try CLI.run(["overlaps", "--engine", "lexical"], in: scratch.url, environment: lexical)
        XCTAssertFalse(clean.stderr.contains("could not be read"), clean.stderr)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertFalse(clean.stdout.contains("Incomplete"), clean.stdout)
    }

    func testWithoutTheModelFallsBackToWordsAndSaysSoOnce() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "signup form and reminder", "--format", "json", "--limit", "2"], in: scratch.url,
                                 environment: ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "using the lexical similarity engine").count, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("run scripts/setup"), result.stderr)
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        XCTAssertEqual(output.engine, "lexical")
        XCTAssertEqual(output.results.count, 2)
        XCTAssertEqual(output.results.first?.id, "HYP-0001")
    }

    func testAskingForTheModelWhenItIsMissingCannotRun() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "email signup", "--engine", "model"], in: scratch.url,
                                 environment: ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no sentence-embedding model"), result.stderr)
    }

    func testTextOutputShowsResultsAndNoTerminalControls() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "streak reminder and email-only signup", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("HYP-0001  hypothesis · squad activation-emea · validated · win · lift +4.2%\n"
                                             + "      Email-only signup form\n"
                                             + "      tested by EXP-0001 · concluded · win · lift +4.2%\n"
                                             + "        One-field registration page\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("learning: Fewer fields, more finished signups \\u{1B}[31mred"), result.stdout)
        XCTAssertFalse(result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, result.stdout)
    }

    func testMarkdownEscapesWhatTheTableWouldObey() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "evening streak reminder", "--engine", "lexical", "--format", "markdown"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let row = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.contains("HYP-0002") })
        XCTAssertTrue(row.contains("Evening streak reminder \\\\u{202E}\\|\\<script\\>"), String(row))
        XCTAssertEqual(row.components(separatedBy: " | ").count, 9, "user text adds no table cell")
        XCTAssertFalse(result.stdout.unicodeScalars.contains { $0.value == 0x202E })
    }

    func testAnEmptyQueryOrLimitIsAUsageError() throws {
        let scratch = try repository()
        XCTAssertEqual(try CLI.run(["search", "  "], in: scratch.url).status, 2)
        XCTAssertEqual(try CLI.run(["search", "signup", "--limit", "0"], in: scratch.url).status, 2)
        // A negative number is the option's value, refused for its range (it read as a missing value).
        let negative = try CLI.run(["search", "signup", "--limit", "-1"], in: scratch.url)
        XCTAssertEqual(negative.status, 2)
        XCTAssertTrue(negative.stderr.contains("--limit must"), negative.stderr)
        let threshold = try CLI.run(["overlaps", "--threshold", "-1"], in: scratch.url)
        XCTAssertEqual(threshold.status, 2)
        XCTAssertTrue(threshold.stderr.contains("--threshold must lie between 0 and 1"), threshold.stderr)
    }

    func testSimilarityScoresMeaningWithTheModel() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("pairs.tsv", """
        A man is playing a guitar.\tA person plays the guitar.
        Cutting the signup form to email only will lift registration completion\tA one-field registration page should get more visitors to finish creating an account
        Cutting the signup form to email only will lift registration completion\tShowing annual pricing first will raise the share of yearly plans

        """)
        func scores(_ result: CLIResult) -> [(Double, String)] {
            result.stdout.split(separator: "\n").map { line in
                let fields = line.split(separator: "\t")
                return (Double(fields[0]) ?? -1, String(fields[1]))
            }
        }
        // A CRLF file (a spreadsheet's export) has the same three pairs: it was read as one line.
        let text = try String(contentsOf: scratch.url.appendingPathComponent("pairs.tsv"), encoding: .utf8)
        try scratch.write("pairs-crlf.tsv", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let lf = try CLI.run(["similarity", "pairs.tsv", "--engine", "lexical"], in: scratch.url)
        let crlf = try CLI.run(["similarity", "pairs-crlf.tsv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(crlf.status, lf.status, crlf.stderr)
        XCTAssertEqual(crlf.stdout, lf.stdout)
        XCTAssertEqual(scores(crlf).count, 3, crlf.stdout)
        let model = try CLI.run(["similarity", "pairs.tsv"], in: scratch.url)
        requireModel(model)
        XCTAssertEqual(model.status, 0, model.stderr)
        let byModel = scores(model)
        XCTAssertEqual(byModel.map(\.1), ["1", "0", "0"], model.stdout)
        let lexical = try CLI.run(["similarity", "pairs.tsv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(lexical.status, 0, lexical.stderr)
        let byWords = scores(lexical)
        // The model tells the reworded idea from the other idea by a wider margin than word overlap does.
        XCTAssertGreaterThan(byModel[1].0 - byModel[2].0, byWords[1].0 - byWords[2].0, "\(model.stdout)\n\(lexical.stdout)")
        XCTAssertGreaterThan(byModel[0].0, byWords[0].0)
        // The default blends the cosine with the word score: (cosine + 0.3 × words) / 1.3.
        let cosine = try CLI.run(["similarity", "pairs.tsv", "--word-weight", "0"], in: scratch.url)
        XCTAssertEqual(cosine.status, 0, cosine.stderr)
        for (blended, (alone, words)) in zip(byModel, zip(scores(cosine), byWords)) {
            XCTAssertEqual(blended.0, (alone.0 + 0.3 * words.0) / 1.3, accuracy: 0.0002)
        }
    }

    /// Standard input scores as the same lines in a file do (the word score weighs every text of
    /// the input together), and a read error is a message with exit 2, not a trap.
    func testSimilarityOfStandardInputScoresAsAFileAndReportsAReadError() throws {
        let scratch = try ScratchDirectory()
        // Thirty lines: enough texts for the word score's corpus weights, which a line scored on
        // its own does not get (then "learner", in every text, would weigh as much as "streak").
        let actions = ["finishes the first lesson", "opens the app every day", "shares a streak with a friend",
                       "pays for the yearly plan", "turns on reminders", "skips the placement test"]
        let rewordings = ["completes a first lesson", "returns to the app daily", "invites a friend to keep a streak",
                          "buys an annual subscription", "enables notifications", "jumps past the level quiz"]
        let lines = (0..<30).map { "a learner in cohort \($0) \(actions[$0 % 6])\tthe learner \(rewordings[$0 % 6])\n" }.joined()
        try scratch.write("pairs.tsv", lines)
        let fromFile = try CLI.run(["similarity", "pairs.tsv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
        XCTAssertEqual(fromFile.stdout.split(separator: "\n").count, 30)
        let sh = URL(fileURLWithPath: "/bin/sh")
        let piped = try CLI.run(executable: sh, ["-c", "exec \"$0\" similarity - --engine lexical < pairs.tsv", CLI.binary.path], in: scratch.url)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, fromFile.stdout)
        for script in ["exec \"$0\" similarity - --engine lexical < /", "exec \"$0\" similarity - --engine lexical <&-"] {
            let result = try CLI.run(executable: sh, ["-c", script, CLI.binary.path], in: scratch.url)
            XCTAssertEqual(result.status, 2, script + ": " + result.stdout + result.stderr)
            XCTAssertEqual(result.stdout, "", script)
            XCTAssertTrue(result.stderr.hasPrefix("playbook: cannot read standard input: "), script + ": " + result.stderr)
        }
    }

    /// A line that is not exactly two texts is refused at its line and column, with exit 2 and
    /// nothing on standard output: a third column is not dropped, a blank line is not skipped
    /// (the scores would no longer line up with the lines), invalid UTF-8 is not repaired, and an
    /// empty text is not scored. A file that cannot be read says why.
    func testSimilarityRefusesMalformedLinesAtTheirLineAndColumn() throws {
        let scratch = try ScratchDirectory()
        let good = "a streak reminder\tremind learners of their streak\n"
        let cases: [(String, [UInt8], String)] = [
            ("three.tsv", Array((good + "4.5\ta streak reminder\tremind learners\n").utf8),
             "three.tsv:2:22: 3 columns; each line holds two texts separated by one tab"),
            ("blank.tsv", Array((good + "\n" + good).utf8), "blank.tsv:2:1: blank line; "),
            ("blank-crlf.tsv", Array((good + "  \r\n" + good).utf8), "blank-crlf.tsv:2:1: blank line; "),
            ("bad.tsv", Array(good.utf8) + Array("a streak ".utf8) + [0xFF, 0xFE] + Array(" reminder\tremind\n".utf8),
             "bad.tsv:2:10: invalid UTF-8"),
            ("empty-first.tsv", Array("\tremind learners of streak\n".utf8), "empty-first.tsv:1:1: the first text is empty"),
            ("empty-second.tsv", Array("a streak reminder\t \n".utf8), "empty-second.tsv:1:19: the second text is empty"),
            ("one.tsv", Array("one column\n".utf8), "one.tsv:1:1: no tab between two texts"),
            // review52b #11: a text of invisible characters only is no text; an empty file holds no pairs.
            ("invisible.tsv", Array("\u{200B}\u{200E}\tremind learners of streak\n".utf8), "invisible.tsv:1:1: the first text is empty"),
            ("empty.tsv", [], "empty.tsv holds no pairs; each line holds two texts separated by one tab"),
        ]
        for (name, bytes, message) in cases {
            try Data(bytes).write(to: scratch.url.appendingPathComponent(name))
            let result = try CLI.run(["similarity", name, "--engine", "lexical"], in: scratch.url)
            XCTAssertEqual(result.status, 2, name + ": " + result.stderr)
            XCTAssertEqual(result.stdout, "", name)
            XCTAssertTrue(result.stderr.hasPrefix("playbook: " + message), name + ": " + result.stderr)
        }
        let sh = URL(fileURLWithPath: "/bin/sh")
        let piped = try CLI.run(executable: sh, ["-c", "exec \"$0\" similarity - --engine lexical < three.tsv", CLI.binary.path], in: scratch.url)
        XCTAssertEqual(piped.status, 2, piped.stderr)
        XCTAssertTrue(piped.stderr.hasPrefix("playbook: (standard input):2:22: 3 columns"), piped.stderr)
        // The newline ending the last line is not a blank line; two good lines give two scores.
        try scratch.write("good.tsv", good + good)
        let fine = try CLI.run(["similarity", "good.tsv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(fine.status, 0, fine.stderr)
        XCTAssertEqual(fine.stdout.split(separator: "\n").count, 2, fine.stdout)
        for (path, reason) in [("missing.tsv", "No such file or directory"), (".", "it is a folder")] {
            let result = try CLI.run(["similarity", path, "--engine", "lexical"], in: scratch.url)
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("playbook: cannot read \(path): \(reason)"), result.stderr)
        }
    }

    /// An STS Benchmark file (genre, file, year, id, score, sentence 1, sentence 2, some lines with
    /// source columns after them) is scored as its sentence pairs, one output line per input line;
    /// a line of another shape in it is refused, and a third column elsewhere names the recipe.
    func testSimilarityReadsTheSTSBenchmarkLayout() throws {
        let scratch = try ScratchDirectory()
        let sentences = [("A streak reminder brings learners back.", "Reminding learners of their streak brings them back."),
                         ("Show annual pricing first.", "The onboarding checklist has five steps."),
                         ("A \"one-field\" signup form.", "A signup form with one field.")]
        try scratch.write("sts.csv", """
        main-captions\tMSRvid\t2012test\t0001\t4.800\t\(sentences[0].0)\t\(sentences[0].1)
        main-forums\tanswers-forums\t2015\t0002\t0\t\(sentences[1].0)\t\(sentences[1].1)\tsource a\tsource b
        main-news\theadlines\t2016\t0003\t3.75\t\(sentences[2].0)\t\(sentences[2].1)

        """)
        try scratch.write("pairs.tsv", sentences.map { "\($0.0)\t\($0.1)\n" }.joined())
        let sts = try CLI.run(["similarity", "sts.csv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(sts.status, 0, sts.stderr)
        XCTAssertEqual(sts.stdout.split(separator: "\n").count, 3, sts.stdout)
        let pairs = try CLI.run(["similarity", "pairs.tsv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(sts.stdout, pairs.stdout)
        // A file is one layout, read off its first line.
        try scratch.write("mixed.csv", "main-news\theadlines\t2016\t0003\t3.75\tA cat.\tA dog.\nA cat.\tA dog.\n")
        let mixed = try CLI.run(["similarity", "mixed.csv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(mixed.status, 2, mixed.stderr)
        XCTAssertEqual(mixed.stdout, "")
        XCTAssertTrue(mixed.stderr.hasPrefix("playbook: mixed.csv:2:14: 2 columns; each line is an STS Benchmark pair, as line 1 is"), mixed.stderr)
        // Extra columns that are not the benchmark's are refused with the way to score them.
        try scratch.write("labelled.tsv", "0001\tA cat.\tA dog.\n")
        let labelled = try CLI.run(["similarity", "labelled.tsv", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(labelled.status, 2, labelled.stderr)
        XCTAssertTrue(labelled.stderr.contains("labelled.tsv:1:12: 3 columns; "), labelled.stderr)
        XCTAssertTrue(labelled.stderr.contains("cut -f2,3 FILE | playbook similarity -"), labelled.stderr)
        XCTAssertTrue(labelled.stderr.contains("an STS Benchmark file (genre, file, year, id, score, sentence 1, sentence 2"), labelled.stderr)
    }

    /// Learnings written as a YAML `|` block read as one sentence wherever one line shows them
    /// (search's text and Markdown, `report experiments` in Markdown and HTML), not with `\n`
    /// escapes (`\\n` in Markdown); JSON keeps the text as written.
    func testMultiLineLearningsReadAsOneLineInSearchAndReports() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", Self.hypotheses)
        try scratch.write("playbooks/experiments.yml", Self.experiment.replacing(
            "learnings: [\"Fewer fields, more finished signups \\e[31mred\"]",
            with: "learnings: |\n    Fewer fields, more finished signups.  \n    Mobile gained most.\n"))
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "playbooks/hypotheses.yml", "playbooks/experiments.yml"])
        _ = try repository.commit(message: "add", author: Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_794_000_000))
        let oneLine = "Fewer fields, more finished signups. Mobile gained most."
        let lexical = ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"]
        let text = try CLI.run(["search", "one-field registration page", "--limit", "1"], in: scratch.url, environment: lexical)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("      learning: \(oneLine)\n"), text.stdout)
        let markdown = try CLI.run(["search", "one-field registration page", "--limit", "1", "--format", "markdown"], in: scratch.url, environment: lexical)
        XCTAssertTrue(markdown.stdout.contains(" | Fewer fields, more finished signups. Mobile gained most. |\n"), markdown.stdout)
        let json = try CLI.run(["search", "one-field registration page", "--limit", "1", "--format", "json"], in: scratch.url, environment: lexical)
        XCTAssertTrue(json.stdout.contains("\"learnings\": [\"Fewer fields, more finished signups.  \\nMobile gained most.\\n\"]"), json.stdout)
        let report = try CLI.run(["report", "experiments", "--quarter", "2026-Q4", "--today", "2026-11-20"], in: scratch.url)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains(" — win, ship: \(oneLine)\n"), report.stdout)
        let html = try CLI.run(["report", "experiments", "--quarter", "2026-Q4", "--today", "2026-11-20", "--format", "html"], in: scratch.url)
        XCTAssertTrue(html.stdout.contains("<br>\(oneLine)</li>"), html.stdout)
        for output in [text.stdout, markdown.stdout, report.stdout, html.stdout] { XCTAssertFalse(output.contains("\\n"), output) }
    }

    /// A hypothesis shows the result of the experiment that concluded last, whatever file or
    /// folder each lies in (moving a file must not flip the prior-art verdict).
    func testAHypothesisShowsTheResultOfItsLatestExperiment() throws {
        let scratch = try repository()
        // Sorted before experiments.yml by path, concluded after EXP-0001.
        try scratch.write("playbooks/a/EXP-0002.yml", Self.experiment.replacingOccurrences(of: "EXP-0001", with: "EXP-0002")
            .replacingOccurrences(of: "outcome: win", with: "outcome: loss").replacingOccurrences(of: "decision: ship", with: "decision: kill")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/signup\nstart: 2026-07-21\nend: 2026-08-10"))
        try scratch.write("playbooks/experiments.yml", Self.experiment.replacingOccurrences(of: "surface: web/signup", with: "surface: web/signup\nstart: 2026-07-01\nend: 2026-07-20"))
        let lexical = ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"]
        let result = try CLI.run(["search", "cut the signup form down to the email field", "--format", "json"], in: scratch.url, environment: lexical)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout + result.stderr)
        let hits = try XCTUnwrap(object["results"] as? [[String: Any]] ?? object["hits"] as? [[String: Any]], result.stdout)
        let hypothesis = try XCTUnwrap(hits.first { $0["id"] as? String == "HYP-0001" }, result.stdout)
        XCTAssertEqual(hypothesis["outcome"] as? String, "loss", result.stdout)
    }

    /// review48: an experiment planned by its start and duration, with no `end`, ended after one
    /// whose `end` is earlier; EXP-10 comes after EXP-9 when the dates tie.
    func testALaterExperimentPlannedByItsDurationOrNumberIsTheLatest() throws {
        let scratch = try repository()
        try scratch.write("playbooks/a/EXP-0002.yml", Self.experiment.replacingOccurrences(of: "EXP-0001", with: "EXP-0002")
            .replacingOccurrences(of: "outcome: win", with: "outcome: loss").replacingOccurrences(of: "decision: ship", with: "decision: kill")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/signup\nstart: 2026-08-01\ndesign: {duration_days: 28}"))
        try scratch.write("playbooks/experiments.yml", Self.experiment.replacingOccurrences(of: "surface: web/signup", with: "surface: web/signup\nstart: 2026-07-01\nend: 2026-07-20"))
        let lexical = ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"]
        func outcome() throws -> String? {
            let result = try CLI.run(["search", "cut the signup form down to the email field", "--format", "json"], in: scratch.url, environment: lexical)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout + result.stderr)
            let hits = try XCTUnwrap(object["results"] as? [[String: Any]] ?? object["hits"] as? [[String: Any]], result.stdout)
            return try XCTUnwrap(hits.first { $0["id"] as? String == "HYP-0001" }, result.stdout)["outcome"] as? String
        }
        XCTAssertEqual(try outcome(), "loss")
        // Same end day: the greater number, read as a number, is the later.
        try scratch.write("playbooks/a/EXP-0002.yml", Self.experiment.replacingOccurrences(of: "EXP-0001", with: "EXP-9")
            .replacingOccurrences(of: "outcome: win", with: "outcome: loss").replacingOccurrences(of: "decision: ship", with: "decision: kill")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/signup\nstart: 2026-07-01\nend: 2026-07-20"))
        try scratch.write("playbooks/experiments.yml", Self.experiment.replacingOccurrences(of: "EXP-0001", with: "EXP-10")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/signup\nstart: 2026-07-01\nend: 2026-07-20"))
        XCTAssertEqual(try outcome(), "win")
    }

    // MARK: review51: prior art a user looks for, on ideas from the bundled example

    static let priorArt = """
    kind: Hypothesis
    id: HYP-0022
    squad: retention-habits
    title: Fewer pushes for learners who ignore them
    statement:
      change: cutting daily pushes to four a week for learners who have not opened a single push in ten days
      audience: push-enabled learners who have ignored every push for 10+ days
      outcome: lift week-4 retention by 2% because fewer of them mute us completely
      rationale: push opt-outs reached 3.3% a month and are concentrated among people who ignore most pushes
    metric: week4-retention
    status: invalidated
    ---
    kind: Experiment
    id: EXP-0019
    squad: retention-habits
    title: Four pushes a week instead of seven for learners who ignore them
    hypothesis: HYP-0022
    status: concluded
    metrics: {primary: week4-retention}
    surface: app/notifications/frequency
    result:
      outcome: loss
      lift: -0.038
      decision: kill
      learnings: ["For disengaged learners the daily push is what still brings some of them back."]
    ---
    kind: Hypothesis
    id: HYP-0023
    squad: retention-apac
    title: A two-minute comeback lesson sent over LINE
    statement:
      change: a LINE message after 14 days of inactivity carrying a two-minute comeback lesson that opens straight into the exercise
      audience: lapsed learners in Japan who have linked LINE
      outcome: raise 30-day reactivation by 15%
      rationale: LINE messages are opened by over 60% of recipients in Japan against 9% for our push
    metric: lapsed-reactivation-rate
    status: validated
    ---
    kind: Hypothesis
    id: HYP-0027
    squad: referral-na
    title: Give the invited friend a free month too
    statement:
      change: rewarding the invited friend with a free month of Plus as well, instead of rewarding only the person who sends the invite
      audience: learners in the US and Canada who open the invite screen
      outcome: produce 15% more accepted invites
      rationale: an invite currently offers the friend nothing beyond the public trial
    metric: referral-invites-accepted
    status: invalidated
    ---
    kind: Experiment
    id: EXP-0023
    squad: referral-na
    title: "Double-sided referral reward: a free month for the friend too"
    hypothesis: HYP-0027
    status: concluded
    metrics: {primary: referral-invites-accepted}
    result:
      outcome: flat
      lift: 0.021
      decision: kill
      learnings: ["A free month for the friend did not change accepted invites."]
    ---
    kind: Hypothesis
    id: HYP-0029
    squad: referral-na
    title: Shareable progress cards for Instagram and TikTok stories
    statement:
      change: a vertical card at every unit completion that shares to Instagram or TikTok stories
      audience: learners in the US and Canada who complete a unit
      outcome: add 8% accepted invites
      rationale: learners already post screenshots when they finish a unit
    metric: invites-accepted
    status: testing
    ---
    kind: Hypothesis
    id: HYP-0031
    squad: revenue-consumer
    title: Preselect the annual plan and show it as a monthly price
    statement:
      change: making the annual plan the default on the paywall and showing it as EUR 5.83 a month billed yearly
      audience: trial starters on web and Android in every market
      outcome: raise net revenue per paying user by 5%
      rationale: annual payers churn at a third of the rate of monthly payers
    metric: revenue-per-paying-user
    status: validated
    ---
    kind: Experiment
    id: EXP-0026
    squad: revenue-consumer
    title: Annual plan preselected and shown as a monthly price
    hypothesis: HYP-0031
    status: concluded
    metrics: {primary: revenue-per-paying-user}
    result:
      outcome: win
      lift: 0.064
      decision: ship
      learnings: ["The monthly-equivalent price did the heavy lifting; iOS needs App Store-compliant wording before we can follow."]
    ---
    kind: Hypothesis
    id: HYP-0005
    squad: acq-paid-emea
    title: Stop bidding on our own brand keywords in DACH
    statement:
      change: pausing Google bids on our brand name in Germany, Austria and Switzerland
      audience: people who search for Lumen by name on Google in DACH
      outcome: cut blended CAC by 5% while total signups fall by no more than 2%
      rationale: we rank first organically for our brand there
    metric: blended-cac
    status: testing
    """

    func priorArtRepository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/prior-art.yml", Self.priorArt)
        return scratch
    }

    func search(_ arguments: [String], in scratch: ScratchDirectory, lexical: Bool) throws -> Output {
        let environment = lexical ? ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"] : [:]
        let result = try CLI.run(["search"] + arguments + ["--format", "json"], in: scratch.url, environment: environment)
        if !lexical { requireModel(result) }
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
    }

    /// The model reads "stop sending notifications" as far from "fewer pushes" (cosine 0.11): the
    /// idea that says the query's words ranked 8th by meaning, first by words. It is first either way.
    func testAnIdeaSayingTheQuerysWordsRanksFirstByMeaningToo() throws {
        let scratch = try priorArtRepository()
        for lexical in [false, true] {
            let output = try search(["stop sending notifications to people who ignore them"], in: scratch, lexical: lexical)
            XCTAssertEqual(output.results.first?.id, "HYP-0022", "lexical: \(lexical), \(output.results.map(\.id))")
        }
    }

    /// "referral" found one item of the referral squad by meaning; every idea that says it, in its
    /// title, metric or squad, is listed.
    func testAOneWordQueryListsEveryIdeaThatSaysIt() throws {
        let scratch = try priorArtRepository()
        for lexical in [false, true] {
            let output = try search(["referral"], in: scratch, lexical: lexical)
            XCTAssertEqual(Set(output.results.map(\.id)), ["HYP-0027", "HYP-0029"], "lexical: \(lexical)")
            XCTAssertEqual(output.results.first?.id, "HYP-0027", "said in the title first")
        }
    }

    /// What an experiment taught is searched: its learnings name App Store wording.
    func testLearningsAreSearched() throws {
        let scratch = try priorArtRepository()
        for lexical in [false, true] {
            let output = try search(["App Store compliant wording for iOS"], in: scratch, lexical: lexical)
            XCTAssertEqual(output.results.first?.id, "HYP-0031", "lexical: \(lexical), \(output.results.map(\.id))")
        }
    }

    /// A hypothesis and its experiment came out as two results printing the same learning twice;
    /// they are one idea now, and `--limit` counts ideas.
    func testAHypothesisAndItsExperimentAreOneResultWithTheLearningOnce() throws {
        let scratch = try priorArtRepository()
        let lexical = ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"]
        let output = try search(["lower the price of the yearly subscription", "--limit", "1"], in: scratch, lexical: true)
        XCTAssertEqual(output.results.map(\.id), ["HYP-0031"])
        XCTAssertEqual(output.results[0].tested_by?.map(\.id), ["EXP-0026"])
        XCTAssertEqual(output.results[0].tested_by?.first?.outcome, "win")
        let all = try search(["lower the price of the yearly subscription", "--limit", "20"], in: scratch, lexical: true)
        XCTAssertFalse(all.results.contains { $0.id == "EXP-0026" }, "\(all.results.map(\.id))")
        let text = try CLI.run(["search", "lower the price of the yearly subscription"], in: scratch.url, environment: lexical)
        XCTAssertEqual(text.stdout.components(separatedBy: "iOS needs App Store-compliant wording").count, 2, text.stdout)
        XCTAssertTrue(text.stdout.contains("      tested by EXP-0026 · concluded · win · lift +6.4%\n"), text.stdout)
        let markdown = try CLI.run(["search", "lower the price of the yearly subscription", "--format", "markdown"], in: scratch.url, environment: lexical)
        XCTAssertEqual(markdown.stdout.components(separatedBy: "iOS needs App Store-compliant wording").count, 2, markdown.stdout)
    }

    /// `search HYP-0022` found nothing; an id finds that item first (an experiment within its idea).
    func testAnIDFindsThatItemFirstAndTextSaysHowItRanked() throws {
        let scratch = try priorArtRepository()
        for lexical in [false, true] {
            XCTAssertEqual(try search(["HYP-0022"], in: scratch, lexical: lexical).results.first?.id, "HYP-0022")
            let experiment = try search(["exp-0023"], in: scratch, lexical: lexical)
            XCTAssertEqual(experiment.results.first?.id, "HYP-0027")
            XCTAssertEqual(experiment.results.first?.tested_by?.map(\.id), ["EXP-0023"])
        }
        let lexical = try CLI.run(["search", "HYP-0022"], in: scratch.url, environment: ["PLAYBOOK_MODEL": scratch.url.path + "/no-model-here"])
        XCTAssertTrue(lexical.stdout.hasSuffix("\nRanked by shared words (the lexical engine).\n"), lexical.stdout)
        let model = try CLI.run(["search", "fewer pushes"], in: scratch.url)
        requireModel(model)
        XCTAssertTrue(model.stdout.hasSuffix("\nRanked by meaning (all-MiniLM-L6-v2) and shared words.\n"), model.stdout)
    }

    /// One common word ("learners") shared with a query about something else listed items at 0.03.
    func testOneCommonWordSharedIsNoResemblance() throws {
        let scratch = try priorArtRepository()
        for lexical in [false, true] {
            let output = try search(["badges and trophies for learners"], in: scratch, lexical: lexical)
            XCTAssertEqual(output.results.map(\.id), [], "lexical: \(lexical)")
        }
    }
}
