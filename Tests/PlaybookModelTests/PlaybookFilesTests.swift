import PlaybookModel
import XCTest

final class PlaybookFilesTests: XCTestCase {
    func testAnExtensionInOtherLetterCaseIsMiscasedNotAPlaybookName() {
        for name in ["x.YML", "x.Yml", "a/b.yMl", "x.YAML", "x.Yaml"] {
            XCTAssertTrue(PlaybookFiles.hasMiscasedPlaybookName(name), name)
            XCTAssertFalse(PlaybookFiles.hasPlaybookName(name), name)
        }
        for name in ["x.yml", "x.yaml", "x.XML", "x.html", "xYML", "x.YMLL", "YAML", "", "l"] {
            XCTAssertFalse(PlaybookFiles.hasMiscasedPlaybookName(name), name)
        }
        XCTAssertTrue(PlaybookFiles.isMiscasedPlaybookFile("playbooks/x.YML", roots: ["playbooks"]))
        XCTAssertFalse(PlaybookFiles.isMiscasedPlaybookFile("playbooks/.draft/x.YML", roots: ["playbooks"]), "a hidden folder is not read")
    }
}
