import XCTest
@testable import PlaybookYAML

/// Loads YAML written as a Swift string (UTF-8).
func load(_ text: String, limits: Limits = .standard) -> LoadResult {
    YAMLLoader.load(Array(text.utf8), limits: limits)
}

/// The only document's root, failing the test when the load did not give exactly one.
func root(
    _ text: String, file: StaticString = #filePath, line: UInt = #line
) throws -> Node {
    let result = load(text)
    XCTAssertEqual(result.problems, [], file: file, line: line)
    XCTAssertEqual(result.documents.count, 1, file: file, line: line)
    return try XCTUnwrap(result.documents.first?.root, file: file, line: line)
}

func mark(_ line: Int, _ column: Int) -> Mark {
    Mark(line: line, column: column)
}

/// Every mark in a tree, in document order, walked with an explicit stack.
func allMarks(_ node: Node) -> [Mark] {
    var marks: [Mark] = []
    var stack: [Node] = [node]
    while let next = stack.popLast() {
        marks.append(next.mark)
        switch next.value {
        case .scalar: break
        case .sequence(let items): stack.append(contentsOf: items.reversed())
        case .mapping(let pairs):
            for pair in pairs.reversed() { stack.append(pair.value); stack.append(pair.key) }
        }
    }
    return marks
}
