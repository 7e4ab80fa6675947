import Foundation
import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// Hypotheses written in another language than English are compared by their words alone, and the run says which.
/// The model reads English: ten different Spanish ideas of one metric gave six duplicate warnings through it (cosines
/// 0.46–0.58, "shared terms: de, en, el"), where their English versions read apart.
final class OtherLanguageTests: XCTestCase {
    /// Ten different ideas of a grocery app's first-order conversion, in Spanish, five per squad.
    static let spanishIdeas: [(title: String, change: String, audience: String)] = [
        ("Registro con un solo campo", "reducir el formulario de registro a un único campo de correo electrónico", "visitantes nuevos en la web"),
        ("Recordatorio de carrito por la tarde", "enviar una notificación a las seis de la tarde a quien dejó productos en el carrito sin pagar", "clientes con un carrito abierto"),
        ("Envío gratis en el primer pedido", "no cobrar los gastos de envío en la primera compra de cada hogar", "hogares que todavía no han comprado"),
        ("Reseñas de vecinos en la ficha de tienda", "mostrar opiniones de otros vecinos del barrio en la página de cada supermercado asociado", "visitantes que abren una tienda por primera vez"),
        ("Franja horaria garantizada", "permitir reservar una hora exacta de entrega con una compensación si el repartidor llega tarde", "familias con horarios ajustados"),
        ("Pago con Bizum", "añadir Bizum como método de pago en el último paso de la compra", "usuarios en España"),
        ("Cupón en el buzón", "repartir folletos con un código de descuento en los portales cercanos a las tiendas", "vecinos a menos de dos kilómetros de una tienda"),
        ("Lista de la compra importada", "dejar que la gente pegue su lista de la compra en texto y la convertimos en un carrito", "nuevos usuarios de la aplicación"),
        ("Farmacia sin receta destacada", "poner los productos de farmacia sin receta en la portada durante la primera visita", "visitantes que llegan desde anuncios de salud"),
        ("Chat con un repartidor", "ofrecer un chat en directo con el equipo de reparto antes de pagar el primer pedido", "clientes que dudan en la pantalla de pago"),
    ]

    static func playbook(_ ideas: [(title: String, change: String, audience: String)]) -> [SourcedEntity] {
        entities((["kind: Metric\nid: d1-retention\nname: Conversion\nevent: order.placed\nunit: percent\ndirection: increase"]
                  + ideas.enumerated().map { index, idea in
                      hypothesis(String(format: "HYP-%04d", index + 1), squad: index % 2 == 0 ? "alpha" : "beta", title: idea.title,
                                 change: idea.change, audience: idea.audience, outcome: "más clientes nuevos harán su primer pedido",
                                 rationale: "lo vemos en las entrevistas con clientes")
                  }).joined(separator: "\n---\n"))
    }

    func testDifferentIdeasInSpanishAreNoDuplicatesWithTheModel() throws {
        guard let model = installedModel() else { return }
        let read = Self.playbook(Self.spanishIdeas)
        XCTAssertEqual(OverlapFinder.notEnglish(read), (1...10).map { String(format: "HYP-%04d", $0) })
        let found = OverlapFinder.duplicates(read, options: OverlapOptions(), encoder: model)
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map(\.ids), [], found.map(\.reason).joined(separator: "\n"))
        // Nor by words: their articles and prepositions are not what they share.
        XCTAssertEqual(OverlapFinder.duplicates(read, options: OverlapOptions()).filter { $0.kind == .duplicate }.map(\.ids), [])
    }

    func testTheSameSpanishIdeaFiledTwiceIsStillFoundByWords() throws {
        guard let model = installedModel() else { return }
        var ideas = Array(Self.spanishIdeas.prefix(5))
        ideas.append(("Envío gratis en el primer pedido de cada hogar", "no cobrar los gastos de envío en la primera compra de un hogar", "hogares que aún no han comprado"))
        let found = OverlapFinder.duplicates(Self.playbook(ideas), options: OverlapOptions(), encoder: model)
        let duplicate = found.first { $0.kind == .duplicate }
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map { Set($0.ids) }, [["HYP-0003", "HYP-0006"]], found.map { "\($0.kind) \($0.ids) \($0.reason)" }.joined(separator: "\n"))
        XCTAssertTrue(duplicate?.reason.contains("alike in words") == true, duplicate?.reason ?? "")
        XCTAssertFalse(duplicate?.terms.contains("de") ?? true, "\(duplicate?.terms ?? [])")
    }

    func testEnglishHypothesesBesideThemAreComparedByMeaningAsBefore() throws {
        guard let model = installedModel() else { return }
        // A restatement sharing no words, found only by meaning, beside the Spanish ideas.
        let english = [("Cut the signup form to email only", "cutting the signup form down to a single email field", "new visitors on the web"),
                       ("One-field registration", "a registration page that asks for nothing but an address to write to", "first-time visitors")]
        let read = Self.playbook(Self.spanishIdeas + english)
        XCTAssertEqual(OverlapFinder.notEnglish(read).count, 10)
        let found = OverlapFinder.duplicates(read, options: OverlapOptions(), encoder: model)
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map { Set($0.ids) }, [["HYP-0011", "HYP-0012"]], found.map(\.reason).joined(separator: "\n"))
    }

    func testTextsInOtherLanguagesAndScriptsAreToldApart() {
        for text in [
            "reducir el formulario de registro a un único campo de correo electrónico",
            "reduzir o formulário de cadastro a um único campo de e-mail para os novos usuários",
            "réduire le formulaire d'inscription à un seul champ pour les nouveaux visiteurs",
            "das Anmeldeformular auf ein einziges E-Mail-Feld kürzen, damit mehr Besucher ein Konto anlegen",
            "ridurre il modulo di registrazione a un solo campo per i nuovi visitatori",
            "het aanmeldformulier inkorten tot één e-mailveld voor nieuwe bezoekers",
            "сократить форму регистрации до одного поля электронной почты",
            "登録フォームをメールアドレスだけにする",
            "把注册表单缩减为只有一个邮箱字段",
        ] {
            XCTAssertFalse(TextLanguage.readsAsEnglish(text), text)
        }
        for text in [
            "Cut the signup form to email only",
            "show the banner 'Envío gratis en tu primer pedido' on the Spanish home page for new visitors",
            "launch the referral programme in the UK, IE and DE markets at the same time",
            "offer the Plus plan à la carte next to the bundle",
            "Bizum",
            "",
        ] {
            XCTAssertTrue(TextLanguage.readsAsEnglish(text), text)
        }
        XCTAssertEqual(TextLanguage.withoutForeignFunctionWords("Envío gratis en el primer pedido de cada hogar"), "Envío gratis   primer pedido   hogar")
    }

    /// Every text of the labelled growth pairs (all English, in many styles: 12,000 texts) and of the hand-written playbooks reads as English.
    func testEveryEnglishTextOfTheLabelledSetsReadsAsEnglish() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")
        var texts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix("-pairs.tsv") {
            let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
            guard let header = lines.first?.components(separatedBy: "\t") else { continue }
            for line in lines.dropFirst() {
                let cells = line.components(separatedBy: "\t")
                func cell(_ column: String) -> String? { header.firstIndex(of: column).flatMap { $0 < cells.count ? cells[$0] : nil } }
                for side in ["a_", "b_"] {
                    texts.append([cell(side + "title"), cell(side + "change")].compactMap { $0 }.joined(separator: ". "))
                    texts += [cell(side + "audience"), cell(side + "rationale")].compactMap { $0 }
                }
            }
        }
        // The hand-written playbooks: one of basketly's hypotheses is in Portuguese (a Brazilian squad's, a single).
        for (playbook, other) in [("basketly", ["HYP-0060"]), ("pennywise", [])] {
            let root = folder.appendingPathComponent(playbook + "/playbooks")
            var read: [SourcedEntity] = []
            for file in FileManager.default.enumerator(atPath: root.path)?.compactMap({ $0 as? String }) ?? [] where file.hasSuffix(".yml") {
                read += entities(try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8))
            }
            XCTAssertGreaterThan(read.count, 70)
            XCTAssertEqual(OverlapFinder.notEnglish(read), other, playbook)
        }
        XCTAssertGreaterThan(texts.count, 10_000)
        let told = texts.filter { !TextLanguage.readsAsEnglish($0) }
        XCTAssertEqual(told, [])
    }
}
