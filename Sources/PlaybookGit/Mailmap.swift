internal import CLibGit2

/// A person as a history report shows them: name and email after `.mailmap`.
public struct Person: Sendable, Hashable, Codable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// The repository's `.mailmap` (HEAD's, the working tree's and `mailmap.file`, as libgit2
/// reads them), mapping the identities commits record to the person behind them.
/// Owns its libgit2 mailmap; remembers every answer, since a walk asks about few people many times.
public final class Mailmap {
    private let owner: Owned<OpaquePointer>
    private var resolved: [Person: Person] = [:]

    init(owner: Owned<OpaquePointer>) {
        self.owner = owner
    }

    /// The person `name <email>` maps to; themselves when the mailmap says nothing.
    public func resolve(_ person: Person) -> Person {
        if let known = resolved[person] { return known }
        // When nothing matches, libgit2 hands back the argument pointers themselves: keep the
        // arguments alive across the call and copy the answers out before they go.
        let answer = person.name.withCString { name in
            person.email.withCString { email in
                owner.withPointer { mailmap -> Person in
                    var realName: UnsafePointer<CChar>?
                    var realEmail: UnsafePointer<CChar>?
                    guard git_mailmap_resolve(&realName, &realEmail, mailmap, name, email) == 0 else {
                        return person
                    }
                    return Person(
                        name: realName.map { String(cString: $0) } ?? person.name,
                        email: realEmail.map { String(cString: $0) } ?? person.email)
                }
            }
        }
        resolved[person] = answer
        return answer
    }
}

@available(*, unavailable, message: "use one Mailmap per task")
extension Mailmap: Sendable {}

extension Repository {
    /// The repository's mailmap; an empty one when there is no `.mailmap`.
    public func mailmap() throws -> Mailmap {
        let owner = try owned("reading the mailmap", borrowing: self, release: git_mailmap_free) {
            git_mailmap_from_repository(&$0, pointer)
        }
        return Mailmap(owner: owner)
    }
}
