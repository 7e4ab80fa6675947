import Foundation
import XCTest
@testable import PlaybookHistory
import PlaybookTestSupport

/// `EntityState.placed` finds a path's place in its own hash table (`PathPlaces`): the places and
/// values it gives are those a `[String: Int]` of places gave.
final class PlacedFieldsTests: XCTestCase {
    /// The first version of `placed`, with a dictionary of places.
    private func placedByDictionary(_ layers: [[FieldChange]]) -> (paths: [String], values: [FieldValue?]) {
        var paths: [String] = []
        var values: [FieldValue?] = []
        var position: [String: Int] = [:]
        for layer in layers {
            for change in layer {
                if let place = position[change.path] {
                    values[place] = change.newValue
                } else if let value = change.newValue {
                    position[change.path] = paths.count
                    paths.append(change.path)
                    values.append(value)
                }
            }
        }
        return (paths, values)
    }

    func testPlacesAreTheDictionarysOnRandomLayersWithRepeatsAndRemovals() {
        var generator = SeededGenerator(state: 55)
        let names = (0..<90).map { index -> String in
            switch index % 4 {
            case 0: "key_results[KR-\(index)].current"
            case 1: "f\(index)"
            case 2: "approvals[\(index)].by.é\(index)"
            default: String(repeating: "x", count: index)  // long and short, sharing prefixes
            }
        }
        for _ in 0..<2_000 {
            // Up to 8 layers: no fold, each change read as written.
            let layerCount = Int.random(in: 1...8, using: &generator)
            var layers: [[FieldChange]] = []
            for layer in 0..<layerCount {
                // A first layer of up to 60 changes (repeats too), later ones small: the table grows past its first size.
                let count = layer == 0 ? Int.random(in: 0...60, using: &generator) : Int.random(in: 1...12, using: &generator)
                layers.append((0..<count).map { _ in
                    let path = names[Int.random(in: 0..<names.count, using: &generator)]
                    let removed = Int.random(in: 0..<4, using: &generator) == 0
                    return FieldChange(path: path, old: nil, new: removed ? nil : .string("v\(Int.random(in: 0..<5, using: &generator))"))
                })
            }
            guard let first = layers.first else { continue }
            var state = EntityState(layer: first)
            for layer in layers.dropFirst() { state = state.applying(layer) }
            let expected = placedByDictionary(layers.filter { !$0.isEmpty })
            let placed = state.placed
            XCTAssertEqual(placed.paths, expected.paths)
            XCTAssertEqual(placed.values, expected.values)
        }
    }

    func testTheMarkIsTheFirstCharacterExactlyWhenItIsTheFirstByte() {
        for text in ["", "\u{1}", "\u{1}x", "\u{1}\u{301}", "\u{1}\r\n", "x\u{1}", "[]", "{}", "47000", "é", "\u{301}"] {
            let value = FieldValue(storage: text)
            XCTAssertEqual(value.isMarked, text.first == FieldValue.stringMark, text.debugDescription)
        }
        XCTAssertEqual(FieldValue.string("47000").text, "47000")
        XCTAssertEqual(FieldValue.string("\u{1}\u{301}").text, "\u{1}\u{301}")
    }
}
