import Foundation
internal import CLibGit2

/// A commit as plain values: what a history walk needs to know about it.
public struct CommitInfo: Sendable, Hashable {
    public var id: ObjectID
    /// Parent ids in order (the first is the main line); empty for a root commit.
    public var parents: [ObjectID]
    public var tree: ObjectID
    public var author: Signature
    public var committer: Signature
    /// The first line of the message.
    public var summary: String

    public init(id: ObjectID, parents: [ObjectID], tree: ObjectID, author: Signature, committer: Signature, summary: String) {
        self.id = id
        self.parents = parents
        self.tree = tree
        self.author = author
        self.committer = committer
        self.summary = summary
    }
}

extension Repository {
    /// Reads one commit's ids, signatures and summary. Without `details`, only the ids and the
    /// committer time are read (the author is left empty): a long walk needs no more.
    public func commitInfo(_ id: ObjectID, details: Bool = true) throws -> CommitInfo {
        var oid = id.oid
        let commit = try owned("reading commit \(id)", borrowing: self, release: git_commit_free) {
            git_commit_lookup(&$0, pointer, &oid)
        }
        return commit.withPointer { commit in
            var parents: [ObjectID] = []
            let count = git_commit_parentcount(commit)
            parents.reserveCapacity(Int(count))
            for index in 0..<count {
                if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
            }
            guard details else {
                let time = Int64(git_commit_time(commit))
                let offset = Int(git_commit_time_offset(commit))
                return CommitInfo(
                    id: id, parents: parents, tree: ObjectID(git_commit_tree_id(commit)),
                    author: Signature(name: "", email: "", time: time, offsetMinutes: offset),
                    committer: Signature(name: "", email: "", time: time, offsetMinutes: offset),
                    summary: "")
            }
            // A commit with an `encoding` header (i18n.commitEncoding) holds its names and message in that encoding.
            let encoding = git_commit_message_encoding(commit).map { String(cString: $0) }
            let summary = git_commit_summary(commit).map { CommitText.decode($0, encoding: encoding) } ?? ""
            return CommitInfo(
                id: id, parents: parents, tree: ObjectID(git_commit_tree_id(commit)),
                author: Self.signature(copying: git_commit_author(commit), encoding: encoding),
                committer: Self.signature(copying: git_commit_committer(commit), encoding: encoding),
                summary: summary)
        }
    }

    /// True when `commit` has `ancestor` in its history (a commit is not its own descendant).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var commitOID = commit.oid
        var ancestorOID = ancestor.oid
        let code = try check(git_graph_descendant_of(pointer, &commitOID, &ancestorOID),
                             "checking whether \(commit) descends from \(ancestor)")
        return code == 1
    }

    /// True when the object database holds `id` (a shallow or partial clone may not).
    public func contains(_ id: ObjectID) -> Bool {
        guard let database = try? owned("opening the object database", borrowing: self, release: git_odb_free, {
            git_repository_odb(&$0, pointer)
        }) else { return false }
        var oid = id.oid
        return git_odb_exists(database.pointer, &oid) == 1
    }

    /// The commits listed in `.git/shallow`: their parents are missing from a shallow clone.
    public var shallowBoundary: Set<ObjectID> {
        guard let text = try? String(contentsOfFile: gitDirectory + "/shallow", encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
    }

    static func signature(copying signature: UnsafePointer<git_signature>?, encoding: String? = nil) -> Signature {
        guard let signature else { return Signature(name: "", email: "", time: 0) }
        let value = signature.pointee
        return Signature(
            name: value.name.map { CommitText.decode($0, encoding: encoding) } ?? "",
            email: value.email.map { CommitText.decode($0, encoding: encoding) } ?? "",
            time: Int64(value.when.time), offsetMinutes: Int(value.when.offset))
    }
}

extension Repository {
    /// The branch HEAD names, short form (`main`), even when it is unborn; nil when HEAD is detached.
    public var headBranch: String? {
        guard !isHeadDetached else { return nil }
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") == 0, let reference else { return nil }
        let owner = Owned<OpaquePointer>(reference, borrowing: self) { git_reference_free($0) }
        return owner.withPointer { reference -> String? in
            guard let target = git_reference_symbolic_target(reference) else { return nil }
            let name = String(cString: target)
            return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
        }
    }
}

extension Repository {
    /// Opens this repository again, for another thread (a `Repository` must stay on one).
    public func reopen() throws -> Repository {
        try Repository.open(at: workdir ?? gitDirectory)
    }
}

/// A commit's text as UTF-8, from the encoding its `encoding` header names (git writes one when
/// `i18n.commitEncoding` is set), converted here without iconv or git: ISO-8859-1 (Latin-1) and
/// Windows-1252 by table; UTF-8, no header, or an encoding not known here: the bytes as UTF-8,
/// anything invalid replaced by U+FFFD (as git log shows what it cannot convert).
enum CommitText {
    static func decode(_ text: UnsafePointer<CChar>, encoding: String?) -> String {
        let bytes = UnsafeRawBufferPointer(start: text, count: strlen(text))
        return decode(bytes, encoding: encoding)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, encoding: String?) -> String {
        let table: Table
        switch encoding.map(normalised) {
        case "iso88591"?, "latin1"?, "l1"?, "iso885911987"?, "cp819"?, "ibm819"?: table = .latin1
        case "windows1252"?, "cp1252"?: table = .windows1252
        default: return String(decoding: bytes, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for byte in bytes {
            if table == .windows1252, (0x80...0x9F).contains(byte) {
                out.append(Unicode.Scalar(windows1252[Int(byte) - 0x80]) ?? "\u{FFFD}")
            } else {
                out.append(Unicode.Scalar(byte))
            }
        }
        return String(out)
    }

    private enum Table { case latin1, windows1252 }

    /// "ISO-8859-1", "iso8859_1", "Latin-1" → "iso88591", "latin1": lower case, no separators.
    private static func normalised(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " && $0 != "." })
    }

    /// Windows-1252's 0x80–0x9F (where it differs from Latin-1); 0xFFFD where it defines nothing.
    private static let windows1252: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
