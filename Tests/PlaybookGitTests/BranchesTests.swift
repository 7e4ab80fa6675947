import Foundation
import XCTest
@testable import PlaybookGit

final class BranchesTests: XCTestCase {
    func testLocalAndRemoteTrackingBranchesAreListedAndSymbolicOnesLeftOut() throws {
        let scratch = try ScratchRepository(for: self)
        XCTAssertEqual(try scratch.repository.branches(), [], "an unborn HEAD has no branch yet")
        let first = try scratch.commit(["a.yml": "a: 1\n"])
        let second = try scratch.commit(["a.yml": "a: 2\n"])
        try scratch.write(".git/refs/remotes/origin/main", first.description + "\n")
        try scratch.write(".git/refs/remotes/origin/HEAD", "ref: refs/remotes/origin/main\n")
        try scratch.write(".git/refs/heads/feature/pricing", first.description + "\n")
        let branches = try scratch.repository.branches()
        XCTAssertEqual(branches, [
            Branch(name: "feature/pricing", isRemote: false, commit: first),
            Branch(name: "main", isRemote: false, commit: second),
            Branch(name: "origin/main", isRemote: true, commit: first),
        ])
    }
}
