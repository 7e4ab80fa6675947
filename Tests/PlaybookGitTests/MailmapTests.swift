import Foundation
import XCTest
@testable import PlaybookGit

/// `.mailmap` as git reads it, parsed in one pass.
final class MailmapTests: XCTestCase {
    private func map(_ text: String) -> Mailmap {
        let mailmap = Mailmap()
        mailmap.add(Array(text.utf8))
        return mailmap
    }

    func testEveryLineFormMapsAsGitDoes() {
        let mailmap = map("""
        # a comment line
        Proper Name <commit@example.com>
        <proper@example.com> <old@example.com>
        Both Name <both@example.com> <both-old@example.com>
        Named <named@example.com> Commit Name <shared@example.com>   # trailing comment
        Fallback <fallback@example.com> <shared@example.com>
          not a line without brackets
        Broken <unclosed@example.com

        """)
        XCTAssertEqual(mailmap.resolve(Person(name: "x", email: "commit@example.com")), Person(name: "Proper Name", email: "commit@example.com"))
        XCTAssertEqual(mailmap.resolve(Person(name: "x", email: "old@example.com")), Person(name: "x", email: "proper@example.com"))
        XCTAssertEqual(mailmap.resolve(Person(name: "x", email: "both-old@example.com")), Person(name: "Both Name", email: "both@example.com"))
        // An entry for the exact name wins over the one for the email alone.
        XCTAssertEqual(mailmap.resolve(Person(name: "Commit Name", email: "shared@example.com")), Person(name: "Named", email: "named@example.com"))
        XCTAssertEqual(mailmap.resolve(Person(name: "Other", email: "shared@example.com")), Person(name: "Fallback", email: "fallback@example.com"))
        XCTAssertEqual(mailmap.resolve(Person(name: "x", email: "unknown@example.com")), Person(name: "x", email: "unknown@example.com"))
        XCTAssertEqual(mailmap.count, 5)
    }

    func testALaterLineForTheSameIdentityWins() {
        let mailmap = map("First <a@example.com>\nSecond <a@example.com>\n")
        XCTAssertEqual(mailmap.resolve(Person(name: "x", email: "a@example.com")).name, "Second")
    }

    /// gitmailmap(5): emails and names match ignoring case, as git compares them (`strcasecmp`:
    /// ASCII letters only). Each expectation is what `git log --format='%aN <%aE>'` (git 2.39.5) printed.
    func testEmailsAndNamesMatchIgnoringCaseAsGitDoes() {
        let mailmap = map("""
        Robert Smith <robert@example.com> <bob.smith@example.com>
        Robert Smith <robert@example.com> Bob Smith <bob@old.example.com>
        Named <n@x> JOSÉ smith <J@X>
        Lower <l@x> <É@x>

        """)
        XCTAssertEqual(mailmap.resolve(Person(name: "Bob", email: "Bob.Smith@Example.com")),
                       Person(name: "Robert Smith", email: "robert@example.com"))
        XCTAssertEqual(mailmap.resolve(Person(name: "bob smith", email: "BOB@old.example.com")),
                       Person(name: "Robert Smith", email: "robert@example.com"))
        // Only ASCII letters fold: `É` and `é` stay different, in names and in emails.
        XCTAssertEqual(mailmap.resolve(Person(name: "JOSÉ SMITH", email: "j@x")), Person(name: "Named", email: "n@x"))
        XCTAssertEqual(mailmap.resolve(Person(name: "josé smith", email: "j@x")), Person(name: "josé smith", email: "j@x"))
        XCTAssertEqual(mailmap.resolve(Person(name: "q", email: "É@X")), Person(name: "Lower", email: "l@x"))
        XCTAssertEqual(mailmap.resolve(Person(name: "q", email: "é@x")), Person(name: "q", email: "é@x"))
    }

    /// Lines for an email alone add up as git's do: one gives the name, a later one the email.
    func testLinesForAnEmailAloneAddUpAsGitDoes() {
        let mailmap = map("Proper <a@x>\n<new@x> <A@X>\nTwo <t@x> Old Name <o@x>\n<t2@x> Old Name <o@x>\n")
        XCTAssertEqual(mailmap.resolve(Person(name: "z", email: "a@x")), Person(name: "Proper", email: "new@x"))
        // For a name and email, the latest line wins whole.
        XCTAssertEqual(mailmap.resolve(Person(name: "old name", email: "O@X")), Person(name: "old name", email: "t2@x"))
    }

    func testTextWithANulByteIsIgnoredWhole() {
        let mailmap = Mailmap()
        mailmap.add(Array("Proper <a@example.com>\n".utf8) + [0])
        XCTAssertEqual(mailmap.count, 0)
    }

    func testTwoHundredThousandLinesAreRead() {
        var text = ""
        text.reserveCapacity(200_000 * 48)
        for index in 0..<200_000 { text += "Person \(index) <p\(index)@example.com> <old\(index)@example.com>\n" }
        let mailmap = map(text)
        XCTAssertEqual(mailmap.count, 200_000)
        XCTAssertEqual(mailmap.resolve(Person(name: "x", email: "old199999@example.com")).email, "p199999@example.com")
    }

    func testTheWorkingTreeMailmapAndHEADAreReadButNeverThroughASymlink() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.commit([".mailmap": "Committed <c@example.com> <old@example.com>\n"])
        // The working tree's file overrides nothing here: HEAD's is read only in a bare repository,
        // so the working tree's own copy is what counts.
        XCTAssertEqual(try scratch.repository.mailmap().resolve(Person(name: "x", email: "old@example.com")).name, "Committed")
        let outside = try ScratchRepository.temporaryDirectory(for: self) + "/outside.mailmap"
        try Data("Leaked <leak@example.com> <old@example.com>\n".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.removeItem(atPath: scratch.root + "/.mailmap")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/.mailmap", withDestinationPath: outside)
        XCTAssertEqual(try scratch.repository.mailmap().resolve(Person(name: "x", email: "old@example.com")).name, "x")
    }
}
