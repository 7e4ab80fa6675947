import Foundation
import XCTest

/// The repository stands alone: a clone with nothing beside it builds and passes its tests,
/// and every module's imports are declared, so the package builds wherever SwiftPM builds
/// targets in another order (a clean build, another platform).
final class StandAloneTests: XCTestCase {
    private let root = CLI.repositoryRoot
    private let ownFolders = ["Sources", "Tests", "scripts", "Benchmarks", "Fuzz", ".ci", ".githooks", ".github"]

    /// Text files of the repository's own folders (fixtures and build folders excluded).
    private func ownTextFiles() throws -> [(path: String, text: String)] {
        var found: [(String, String)] = []
        let files = FileManager.default
        for folder in ownFolders {
            let top = root.appendingPathComponent(folder)
            guard let walker = files.enumerator(at: top, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker {
                let relative = String(url.path.dropFirst(root.path.count + 1))
                if relative.hasPrefix("Tests/Fixtures/") || relative.contains("/.build") || relative.contains("Goldens/") {
                    walker.skipDescendants()
                    continue
                }
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                found.append((relative, text))
            }
        }
        return found
    }

    func testNothingInTheRepositoryReadsBesideIt() throws {
        // Spelled in pieces so that this file does not name what it looks for.
        let forbidden = [".." + "/shared", "/work" + "/", "/root" + "/"]
        var offenders: [String] = []
        for (path, text) in try ownTextFiles() {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for needle in forbidden where line.contains(needle) {
                    offenders.append("\(path):\(number + 1): \(needle)")
                }
            }
        }
        XCTAssertEqual(offenders, [], "a user's clone has nothing beside it: carry the data in the repository")
    }

    func testTheFixturesTheTestsReadAreCarriedWithTheirSource() throws {
        for folder in ["Tests/Fixtures/yaml-test-suite", "Tests/Fixtures/sarif"] {
            let readme = root.appendingPathComponent(folder).appendingPathComponent("README.md")
            let text = try String(contentsOf: readme, encoding: .utf8)
            XCTAssertTrue(text.contains("Source:") && text.contains("Licence:"), "\(folder)/README.md names its source and licence")
        }
    }

    /// Every Debian package a system-library target names is installed by scripts/setup and by
    /// every `apt-get install` the README and the pre-commit hook's comment tell users to run.
    func testEveryInstallSnippetNamesEverySystemLibraryThePackageNeeds() throws {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var needed: Set<String> = []
        for providers in manifest.matches(of: /\.apt\(\[([^\]]*)\]\)/) {
            for name in String(providers.1).matches(of: /"([^"]+)"/) { needed.insert(String(name.1)) }
        }
        XCTAssertTrue(needed.isSuperset(of: ["libgit2-dev", "libyaml-dev", "libstemmer-dev"]), "the manifest was read: \(needed)")
        var snippets: [(String, String)] = []
        for file in ["README.md", ".pre-commit-hooks.yaml", "scripts/setup"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("apt-get install") || line.contains("for pkg in") {
                // The list itself, and the test suite's own tools (the validator, Node for the search script).
                if line.contains("$missing") || line.contains("${missing") || line.contains("python3-") || line.contains(" nodejs") { continue }
                snippets.append((file, String(line)))
            }
        }
        // The README's install line, the hook's comment and scripts/setup's list; the README's
        // pull-request workflow installs through scripts/setup, so it carries no list of its own.
        XCTAssertGreaterThanOrEqual(snippets.count, 3, "the snippets were found")
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let workflow = try XCTUnwrap(readme.range(of: "```yaml\nname: playbook\non: pull_request\n"))
        let snippet = readme[workflow.upperBound...].prefix { $0 != "`" }
        XCTAssertTrue(snippet.contains("scripts/setup"), "the pull-request workflow installs what playbook needs with scripts/setup")
        for (file, line) in snippets {
            for package in needed.sorted() {
                XCTAssertTrue(line.contains(package), "\(file): \(line.trimmingCharacters(in: .whitespaces)) does not install \(package)")
            }
        }
    }

    /// Target name → the module names in its `dependencies: [...]`, read from Package.swift.
    private func declaredDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        let starts = [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("]
        var index = manifest.startIndex
        while let match = starts.compactMap({ manifest.range(of: $0, range: index..<manifest.endIndex) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            // The declaration runs to the parenthesis that closes the one opened by the match.
            var depth = 1
            var end = match.upperBound
            while end < manifest.endIndex, depth > 0 {
                if manifest[end] == "(" { depth += 1 } else if manifest[end] == ")" { depth -= 1 }
                end = manifest.index(after: end)
            }
            let declaration = String(manifest[match.upperBound..<end])
            index = end
            guard let name = Self.quoted(after: "name:", in: declaration) else { continue }
            var dependencies: Set<String> = []
            if let list = declaration.range(of: "dependencies:") {
                var bracketDepth = 0
                var text = ""
                for character in declaration[list.upperBound...] {
                    if character == "[" { bracketDepth += 1 }
                    if character == "]" { bracketDepth -= 1; if bracketDepth == 0 { break } }
                    text.append(character)
                }
                // Every quoted name in the list, except the package a product comes from.
                let withoutPackages = text.replacing(/package:\s*"[^"]*"/, with: "")
                for found in withoutPackages.matches(of: /"([^"]+)"/) {
                    dependencies.insert(String(found.1))
                }
            }
            // Dependencies held in a constant (`let blas: [Target.Dependency] = [...]`, set per platform).
            for (constant, names) in Self.dependencyConstants(in: manifest) where declaration.contains(constant) {
                dependencies.formUnion(names)
            }
            result[name] = dependencies
        }
        return result
    }

    /// `let NAME: [Target.Dependency] = [...]` in the manifest: NAME → the names quoted in every such list.
    private static func dependencyConstants(in manifest: String) -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        for match in manifest.matches(of: /let\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*\[Target\.Dependency\]\s*=\s*\[([^\]]*)\]/) {
            let names = String(match.2).replacing(/package:\s*"[^"]*"/, with: "").matches(of: /"([^"]+)"/).map { String($0.1) }
            found[String(match.1), default: []].formUnion(names)
        }
        return found
    }

    private static func quoted(after label: String, in text: String) -> String? {
        guard let range = text.range(of: label) else { return nil }
        let rest = text[range.upperBound...]
        guard let open = rest.firstIndex(of: "\"") else { return nil }
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: "\"") else { return nil }
        return String(rest[afterOpen..<close])
    }

    func testEveryImportedModuleIsADeclaredDependencyOfItsTarget() throws {
        let declared = try declaredDependencies()
        let platformModules: Set<String> = ["Foundation", "FoundationXML", "FoundationNetworking", "Dispatch", "XCTest", "Testing",
                                            "Glibc", "Darwin", "Musl", "Accelerate", "Synchronization"]
        let importPattern = /^(?:@testable\s+|@_implementationOnly\s+|internal\s+|public\s+|private\s+|package\s+)*import\s+(?:(?:struct|class|enum|func|var|protocol)\s+)?([A-Za-z_][A-Za-z0-9_]*)/
        var missing: [String] = []
        var checked = 0
        for top in ["Sources", "Tests"] {
            let folder = root.appendingPathComponent(top)
            for target in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where target != "Fixtures" && !target.hasPrefix(".") {
                guard let dependencies = declared[target] else {
                    XCTFail("\(top)/\(target) is not a target in Package.swift")
                    continue
                }
                checked += 1
                let files = FileManager.default.enumerator(atPath: folder.appendingPathComponent(target).path)
                while let file = files?.nextObject() as? String {
                    guard file.hasSuffix(".swift"),
                          let text = try? String(contentsOf: folder.appendingPathComponent(target).appendingPathComponent(file), encoding: .utf8)
                    else { continue }
                    for line in text.split(separator: "\n") {
                        guard let found = line.firstMatch(of: importPattern) else { continue }
                        let module = String(found.1)
                        if platformModules.contains(module) || dependencies.contains(module) { continue }
                        missing.append("\(top)/\(target)/\(file) imports \(module), which is not in \(target)'s dependencies")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 10, "the manifest was read")
        XCTAssertEqual(Set(missing).sorted(), [])
    }
}
