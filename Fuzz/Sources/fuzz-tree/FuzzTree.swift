import PlaybookGit

/// libFuzzer entry point: two raw tree objects through TreeReader's entry parser and scan.
/// The first two bytes say where the old tree ends and the new one begins.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTree(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = min(size, 2 + (Int(bytes[0]) << 8 | Int(bytes[1])))
    let changes = TreeReader.changedEntries(between: Array(bytes[2..<split]), and: Array(bytes[split...]))
    // Each change is one entry of at least 22 bytes in one of the two trees.
    if changes.count > size / 22 + 1 { fatalError("more changes than entries: \(changes.count)") }
    return 0
}
