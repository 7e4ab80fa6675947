import CLibGit2
import Foundation
@testable import PlaybookGit
import XCTest

/// CommitReader reads packed commits itself; libgit2's `commitInfo` is the reference. Raw commit
/// objects of many shapes are written into a scratch repository, and each one the reader takes
/// must read exactly as libgit2 reads it; the shapes it leaves to libgit2 must be the odd ones.
final class CommitReaderTests: XCTestCase {
    private let tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  // the empty tree
    private let parent = "1111111111111111111111111111111111111111"

    private func write(_ text: [UInt8], into repository: Repository) throws -> ObjectID {
        var database: OpaquePointer?
        XCTAssertEqual(git_repository_odb(&database, repository.pointer), 0)
        defer { git_odb_free(database) }
        var oid = git_oid()
        let code = text.withUnsafeBytes { git_odb_write(&oid, database, $0.baseAddress, $0.count, GIT_OBJECT_COMMIT) }
        XCTAssertEqual(code, 0)
        return ObjectID(oid)
    }

    private func commit(author: String = "Ada Lovelace <ada@example.com> 1700000000 +0100",
                        committer: String = "Grace Hopper <grace@example.com> 1700000100 -0230",
                        parents: Int = 1, extra: String = "", body: String = "\nSummary line\n") -> [UInt8] {
        var text = "tree \(tree)\n"
        for _ in 0..<parents { text += "parent \(parent)\n" }
        text += "author \(author)\ncommitter \(committer)\n" + extra + body
        return Array(text.utf8)
    }

    /// Every shape: read here or left to libgit2 (nil), never read differently. Returns whether it was read here.
    @discardableResult
    private func check(_ bytes: [UInt8], in repository: Repository, _ label: String) throws -> Bool {
        let id = try write(bytes, into: repository)
        let parsed = bytes.withUnsafeBytes { CommitReader.parse($0, id: id) }
        guard let parsed else { return false }
        let expected = try repository.commitInfo(id)
        XCTAssertEqual(parsed, expected, label)
        return true
    }

    func testPlainCommitsReadAsLibgit2ReadsThem() throws {
        let scratch = try ScratchRepository(for: self)
        let repository = scratch.repository
        let plain: [(String, [UInt8])] = [
            ("one line", commit()),
            ("root commit", commit(parents: 0)),
            ("merge", commit(parents: 2)),
            ("octopus", commit(parents: 3)),
            ("paragraphs", commit(body: "\nFirst line\n\nBody text\nmore\n")),
            ("wrapped summary", commit(body: "\nFirst line\ncontinues  here\n\nBody\n")),
            ("leading blank lines", commit(body: "\n\n\nAfter blanks\n")),
            ("spaces kept inside, dropped at the end", commit(body: "\n  Indented   words \t \n")),
            ("white-space-only line ends the paragraph", commit(body: "\nSummary\n \t \nnot summary\n")),
            ("tab and carriage return", commit(body: "\nTabbed\tword\r\nnext line\n")),
            ("no newline at the end", commit(body: "\nNo newline")),
            ("empty message", commit(body: "\n")),
            ("no message at all", commit(body: "")),
            ("unicode", commit(author: "Zoë Ünal <zoe@example.com> 1700000000 +0545", body: "\nÉtape 2 — fini ✓\n")),
            ("invalid UTF-8", commit(body: "\nBroken \u{FF}") + [0xff, 0xfe, 0x0a]),
            ("spaces around name and e-mail", commit(author: "  Ada   <  ada@example.com > 1700000000 +0000")),
            ("brackets in the name", commit(author: "Ada <ops> Lovelace <ada@example.com> 1700000000 +0000")),
            ("empty name", commit(author: "<ada@example.com> 1700000000 +0000")),
            ("zone at the limits", commit(author: "A <a@b> 0 -1459", committer: "B <b@c> 1 +1400")),
            ("18-digit time", commit(author: "A <a@b> 999999999999999999 +0000")),
        ]
        for (label, bytes) in plain {
            XCTAssertTrue(try check(bytes, in: repository, label), "\(label) is read without libgit2")
        }
    }

    func testOddCommitsAreLeftToLibgit2() throws {
        let scratch = try ScratchRepository(for: self)
        let repository = scratch.repository
        let odd: [(String, [UInt8])] = [
            ("encoding header", commit(extra: "encoding ISO-8859-1\n")),
            ("signed", commit(extra: "gpgsig -----BEGIN PGP SIGNATURE-----\n abc\n -----END PGP SIGNATURE-----\n")),
            ("overflowing time", commit(author: "A <a@b> 99999999999999999999 +0000")),
            ("zone out of range", commit(author: "A <a@b> 1700000000 +1500")),
            ("zone without sign", commit(author: "A <a@b> 1700000000 0100")),
            ("no zone", commit(author: "A <a@b> 1700000000")),
            ("no time", commit(author: "A <a@b>")),
            ("two spaces before the time", commit(author: "A <a@b>  1700000000 +0000")),
            ("NUL in the message", commit(body: "\nBefore\u{0}after\n")),
            ("upper-case headers", Array("TREE \(tree)\n".utf8) + Array(commit(parents: 0).dropFirst(46))),
        ]
        for (label, bytes) in odd {
            // Left to libgit2: then `info` gives libgit2's reading (or its error) whatever it is.
            XCTAssertFalse(try check(bytes, in: repository, label), "\(label) is left to libgit2")
        }
    }

    func testEveryPackedCommitOfAHistoryReadsAsLibgit2ReadsIt() throws {
        let scratch = try ScratchRepository(for: self)
        var tips: [ObjectID] = []
        for step in 0..<30 {
            tips.append(try scratch.commit(["playbooks/metrics.yml": "kind: metric\nid: M-1\ncurrent: \(step)\n"],
                                           message: step % 3 == 0 ? "Step \(step)\n\nWith a body\n" : "Step \(step)"))
        }
        scratch.writePack(of: tips)
        let packs = try XCTUnwrap(PackReader(gitDirectory: scratch.repository.gitDirectory), "the pack was written")
        let reader = CommitReader(repository: scratch.repository)
        for id in tips {
            XCTAssertEqual(packs.read(id)?.kind, .commit, "\(id) is read from the pack")
            XCTAssertEqual(try reader.info(id), try scratch.repository.commitInfo(id))
        }
    }

    /// A commit written with `i18n.commitEncoding` carries an `encoding` header and its names and
    /// message in that encoding: read as UTF-8 (review28's r06: "Jos\u{FFFD} M\u{FFFD}ller" in log,
    /// reports and the site). Latin-1 and Windows-1252 are converted; an encoding not known here
    /// keeps its bytes, with what is not UTF-8 replaced.
    func testCommitsWithAnEncodingHeaderReadAsUTF8() throws {
        let scratch = try ScratchRepository(for: self)
        let repository = scratch.repository
        func raw(_ encoding: String, name: [UInt8], summary: [UInt8]) -> [UInt8] {
            Array("tree \(tree)\nauthor ".utf8) + name + Array(" <j@x> 1700000000 +0100\ncommitter ".utf8) + name
                + Array(" <j@x> 1700000000 +0100\nencoding \(encoding)\n\n".utf8) + summary + Array("\n\nbody\n".utf8)
        }
        let cases: [([UInt8], String, String)] = [
            (raw("ISO-8859-1", name: Array("Jos".utf8) + [0xE9] + Array(" M".utf8) + [0xFC] + Array("ller".utf8),
                 summary: Array("caf".utf8) + [0xE9, 0x20, 0x63, 0x72, 0xE8] + Array("me".utf8)), "José Müller", "café crème"),
            (raw("latin1", name: [0x41, 0xF1, 0x61], summary: [0xBF, 0x51, 0x75, 0xE9, 0x3F]), "Aña", "¿Qué?"),
            (raw("windows-1252", name: [0x5A, 0x6F, 0xEB], summary: [0x80, 0x35, 0x20, 0x93, 0x6F, 0x6B, 0x94, 0x20, 0x81]), "Zoë", "€5 “ok” \u{FFFD}"),
            (raw("KOI8-R", name: Array("Ann".utf8), summary: Array("ok ".utf8) + [0xC1]), "Ann", "ok \u{FFFD}"),
            (raw("UTF-8", name: Array("Zoë".utf8), summary: Array("déjà".utf8)), "Zoë", "déjà"),
        ]
        for (bytes, name, summary) in cases {
            let id = try write(bytes, into: repository)
            XCTAssertNil(bytes.withUnsafeBytes { CommitReader.parse($0, id: id) }, "left to libgit2")
            let info = try repository.commitInfo(id)
            XCTAssertEqual(info.author.name, name)
            XCTAssertEqual(info.committer.name, name)
            XCTAssertEqual(info.summary, summary)
            XCTAssertEqual(try CommitReader(repository: repository).info(id), info)
        }
    }
}
