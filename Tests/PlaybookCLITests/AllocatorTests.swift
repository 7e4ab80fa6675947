import Foundation
import XCTest

/// On Linux the executable allocates through jemalloc (the `CJemalloc` target), with the options of
/// `JemallocSettings`: glibc's malloc cost a sixth of a cold history read's CPU. jemalloc prints its
/// statistics, options included, at exit when `MALLOC_CONF` asks for them; glibc ignores the variable.
final class AllocatorTests: XCTestCase {
    func testTheExecutableAllocatesThroughJemallocWithItsSettings() throws {
        #if os(Linux)
        let folder = FileManager.default.temporaryDirectory
        let result = try CLI.run(["--version"], in: folder, environment: ["MALLOC_CONF": "stats_print:true"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("Begin jemalloc statistics"), "the executable does not allocate through jemalloc")
        XCTAssertTrue(result.stderr.contains("opt.dirty_decay_ms: 100"), "jemalloc runs without the settings of JemallocSettings")
        XCTAssertTrue(result.stderr.contains("opt.percpu_arena: \"percpu\""), "jemalloc keeps four arenas per CPU")
        #else
        throw XCTSkip("jemalloc is the allocator on Linux only")
        #endif
    }
}
