import PlaybookLint
import PlaybookModel

/// libFuzzer entry point: any bytes as one playbook file, through the loader, the decoder
/// and every repository rule, next to a small clean playbook so references resolve.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var files = ExampleBase.files.map { SourceFile(path: $0.path, bytes: Array($0.text.utf8)) }
    files.append(SourceFile(path: "playbooks/fuzz.yml", bytes: Array(UnsafeBufferPointer(start: data, count: size))))
    var configuration = Configuration()
    configuration.limits.maxAliasExpansion = 20_000
    let report = Linter(configuration: configuration, today: Day(year: 2026, month: 11, day: 23)).lint(files)
    for finding in report.findings where finding.line < 1 || finding.column < 1 || finding.message.isEmpty {
        fatalError("finding without a location or message: \(finding)")
    }
    return 0
}
