import XCTest
import PlaybookGit

final class ObjectIDTests: XCTestCase {
    func testHexRoundTripsInLowercase() throws {
        let id = try XCTUnwrap(ObjectID(hex: "0123456789ABCDEFabcdef0123456789abcdef01"))
        XCTAssertEqual(id.description, "0123456789abcdefabcdef0123456789abcdef01")
        XCTAssertEqual(ObjectID(hex: id.description), id)
        XCTAssertEqual(ObjectID(bytes: id.bytes), id)
        XCTAssertEqual(id.bytes.first, 0x01)
        XCTAssertEqual(id.bytes.last, 0x01)
    }

    func testMalformedHexIsRejected() {
        XCTAssertNil(ObjectID(hex: ""))
        XCTAssertNil(ObjectID(hex: "0123"))
        XCTAssertNil(ObjectID(hex: "g123456789abcdefabcdef0123456789abcdef01"))
        XCTAssertNil(ObjectID(hex: "0123456789abcdefabcdef0123456789abcdef012"))
        XCTAssertNil(ObjectID(bytes: [1, 2, 3]))
    }

    func testDistinctIdsHashApart() throws {
        let a = try XCTUnwrap(ObjectID(hex: String(repeating: "0", count: 39) + "1"))
        let b = try XCTUnwrap(ObjectID(hex: "1" + String(repeating: "0", count: 39)))
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(Set([a, b, a]).count, 2)
    }
}
