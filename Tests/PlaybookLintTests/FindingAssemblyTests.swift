import XCTest
@testable import PlaybookLint
import PlaybookModel
import PlaybookYAML
import PlaybookTestSupport

/// The fast ways a lint assembles its findings give what the plain ones give, on generated inputs:
/// findings moved out of the checks' diagnostics equal the copies they replaced, and a message
/// written byte by byte into a measured buffer equals the pieces appended to a `String`.
final class FindingAssemblyTests: XCTestCase {
    private static let words = ["", "EXP-0042", "playbooks/experiments/EXP-0042.yml", "checkout-emea", "é", "日本語の実験",
                                "a \u{1F600} b", "web/home/banner", String(repeating: "long text ", count: 40), "\u{7}bell"]

    private func word(_ random: inout SeededGenerator) -> String {
        Self.words[Int(random.next() % UInt64(Self.words.count))] + String(random.next() % 1000)
    }

    func testMovedFindingsEqualCopiedOnes() {
        var random = SeededGenerator(state: 7)
        for round in 0..<40 {
            let partCount = 1 + Int(random.next() % 5)
            var parts: [[LocatedDiagnostic]] = (0..<partCount).map { _ in
                (0..<Int(random.next() % 300)).map { _ in
                    LocatedDiagnostic(file: word(&random), diagnostic: Diagnostic(
                        rule: word(&random), mark: Mark(line: Int(random.next() % 500), column: Int(random.next() % 80)),
                        message: word(&random), entity: random.next() % 3 == 0 ? nil : word(&random),
                        related: (0..<Int(random.next() % 3)).map { _ in word(&random) },
                        field: random.next() % 2 == 0 ? nil : word(&random)))
                }
            }
            var kept: [(part: Int, item: Int, severity: Severity)] = []
            for part in parts.indices {
                for item in parts[part].indices where random.next() % 3 != 0 {
                    kept.append((part, item, Severity.allCases[Int(random.next() % 3)]))
                }
            }
            let judged = (0..<Int(random.next() % 4)).map { _ in
                Finding(file: word(&random), line: 1, column: 1, rule: word(&random), severity: .warning, message: word(&random))
            }
            var order = Array(0..<(kept.count + judged.count))
            order.shuffle(using: &random)
            let original = parts
            let expected = order.map { k -> Finding in
                guard k < kept.count else { return judged[k - kept.count] }
                let located = original[kept[k].part][kept[k].item]
                return Finding(file: located.file, line: located.diagnostic.mark.line, column: located.diagnostic.mark.column,
                               rule: located.diagnostic.rule, severity: kept[k].severity, message: located.diagnostic.message,
                               entity: located.diagnostic.entity, related: located.diagnostic.related, field: located.diagnostic.field)
            }
            let moved = Linter.findings(moving: &parts, kept: kept, judged: judged, order: order)
            XCTAssertEqual(moved, expected, "round \(round)")
            // What was not kept stays where it was; what was kept is gone from the parts.
            let taken = Set(kept.map { [$0.part, $0.item] })
            for part in parts.indices {
                for item in parts[part].indices {
                    if taken.contains([part, item]) {
                        XCTAssertEqual(parts[part][item].diagnostic.message, "", "round \(round)")
                    } else {
                        XCTAssertEqual(parts[part][item], original[part][item], "round \(round)")
                    }
                }
            }
        }
    }

    func testMessageWrittenIntoItsMeasuredBufferEqualsTheAppendedText() {
        var random = SeededGenerator(state: 11)
        for _ in 0..<500 {
            let pieces = (0..<Int(random.next() % 12)).map { _ in word(&random) }
            var appended = ""
            var length = MessageLength()
            for piece in pieces {
                appended.append(piece)
                length.append(piece)
            }
            let written = String(unsafeUninitializedCapacity: length.count) { buffer in
                var bytes = MessageBytes(buffer)
                for piece in pieces { bytes.append(piece) }
                return bytes.count
            }
            XCTAssertEqual(Array(written.utf8), Array(appended.utf8))
        }
    }
}
