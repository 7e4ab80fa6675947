import PlaybookYAML

/// libFuzzer entry point: any bytes through the YAML loader, with limits small enough that
/// a slow input is a finding, not a timeout.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = YAMLLoader.load(bytes, limits: Limits(maxBytes: 1 << 20, maxDepth: 64, maxAliasExpansion: 20_000))
    // Every problem must be located inside the input.
    for problem in result.problems where problem.mark.line < 1 || problem.mark.column < 1 {
        fatalError("problem without a location: \(problem)")
    }
    return 0
}
