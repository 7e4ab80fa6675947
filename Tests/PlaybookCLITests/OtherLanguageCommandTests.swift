import Foundation
import XCTest

/// `overlaps` and `lint` say which hypotheses do not read as English (their duplicates are looked for by words alone), in
/// every format, and list no duplicates among different ideas written in Spanish.
final class OtherLanguageCommandTests: XCTestCase {
    private func repository() throws -> ScratchDirectory {
        func hypothesis(_ id: String, _ squad: String, _ title: String, _ change: String) -> String {
            SecondViewTests.hypothesis(id, squad: squad, title: title, change: change, audience: "visitantes nuevos en la web",
                                       outcome: "más visitantes crearán su cuenta", rationale: "lo vemos en las entrevistas")
        }
        return try SmallPlaybook.threeSquadRepository([
            hypothesis("HYP-0001", "activation-emea", "Registro con un solo campo", "reducir el formulario de registro a un único campo de correo electrónico"),
            hypothesis("HYP-0002", "activation-apac", "Recordatorio por la tarde", "enviar una notificación a las seis de la tarde a quien no terminó el registro"),
            hypothesis("HYP-0003", "activation-latam", "Reseñas en la portada", "mostrar opiniones de otros estudiantes en la portada de la web"),
            hypothesis("HYP-0004", "activation-emea", "Welcome tutorial video", "show a short video walkthrough when people first open the app"),
        ])
    }

    func testOverlapsAndLintSayWhichTextsAreNotEnglishInEveryFormat() throws {
        let scratch = try repository()
        let said = "3 hypotheses or experiments (HYP-0001, HYP-0002, HYP-0003) do not read as English: the duplicate finder reads English, so their duplicates are looked for by words alone"

        let json = try CLI.run(["overlaps", "--format", "json", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.stdout)
        XCTAssertEqual(object["not_english"] as? [String], ["HYP-0001", "HYP-0002", "HYP-0003"])
        XCTAssertEqual((object["overlaps"] as? [[String: Any]])?.filter { $0["kind"] as? String == "duplicate" }.count, 0, json.stdout)
        XCTAssertEqual(object["engine"] as? String, "all-MiniLM-L6-v2", "run scripts/setup to install the model")
        XCTAssertTrue(json.stderr.contains("playbook: " + said + "\n"), json.stderr)

        let text = try CLI.run(["overlaps", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(text.stderr.contains(said), text.stderr)
        let markdown = try CLI.run(["overlaps", "--format", "markdown", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(markdown.stdout.contains("ℹ️ 3 hypotheses or experiments (HYP-0001, HYP-0002, HYP-0003) do not read as English"), markdown.stdout)

        let lint = try CLI.run(["lint", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(lint.status, 0, lint.stderr)
        XCTAssertTrue(lint.stderr.contains("; " + said + "\n"), lint.stderr)
        let lintJSON = try CLI.run(["lint", "--format", "json", "--today", "2026-07-21"], in: scratch.url)
        let lintObject = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lintJSON.stdout.utf8)) as? [String: Any], lintJSON.stdout)
        XCTAssertEqual(lintObject["not_english"] as? [String], ["HYP-0001", "HYP-0002", "HYP-0003"])
        XCTAssertTrue(lintJSON.stderr.contains("playbook: " + said), lintJSON.stderr)

        // With overlap-duplicate turned off, lint compares no texts and says nothing of them.
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate: off\n")
        let off = try CLI.run(["lint", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(off.stderr.contains("English"), off.stderr)
    }

    /// A query in another language is ranked by its words (the model would rank by the language), and says so.
    func testSearchRanksAQueryInAnotherLanguageByItsWords() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "recordatorio por la tarde para terminar el registro", "--format", "json"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("playbook: the query does not read as English: the model reads English, so results are ranked by words alone"), result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        XCTAssertEqual(object["engine"] as? String, "lexical", result.stdout)
        let first = try XCTUnwrap((object["results"] as? [[String: Any]])?.first, result.stdout)
        XCTAssertEqual(first["id"] as? String, "HYP-0002", result.stdout)
        // An English query is ranked by meaning as before, and hears nothing of languages.
        let english = try CLI.run(["search", "a short walkthrough video on first launch", "--format", "json"], in: scratch.url)
        XCTAssertFalse(english.stderr.contains("English"), english.stderr)
        XCTAssertTrue(english.stdout.contains("\"engine\": \"all-MiniLM-L6-v2\""), english.stdout)
    }

    func testAnEnglishPlaybookHearsNothingOfLanguages() throws {
        let scratch = try SmallPlaybook.threeSquadRepository([CouncilFlowTests.hypothesis(
            "HYP-0001", squad: "activation-emea", title: "Streak freeze", change: "give learners one free streak freeze a week", audience: "learners on a streak")])
        let lint = try CLI.run(["lint", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(lint.stderr.contains("English"), lint.stderr)
        let json = try CLI.run(["overlaps", "--format", "json", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(json.stdout.contains("not_english"), json.stdout)
    }
}
