import PlaybookHistory

/// libFuzzer entry point: any bytes through the history-cache reader, twice: as they are (the
/// checksum should refuse nearly all), and sealed with a correct checksum, so the fuzzer reaches
/// the parser behind it. Neither may crash, hang or allocate beyond the input's size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCache(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for mode in [WalkMode.firstParent, .allParents] {
        _ = HistoryCache.accepts(bytes, roots: ["playbooks"], mode: mode)
        _ = HistoryCache.accepts(HistoryCache.sealed(bytes), roots: ["playbooks"], mode: mode)
    }
    return 0
}
