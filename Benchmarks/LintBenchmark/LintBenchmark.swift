import Benchmark
import Foundation
import PlaybookFixtures
import PlaybookLint
import PlaybookModel
import PlaybookYAML

/// `Linter.lint` on generated repositories held in memory: no disk, no process start,
/// only the loader, the decoder and every rule (scripts/bench-lint times the whole CLI).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    for count in [1_000, 10_000] {
        Benchmark("Linter.lint \(count) files", configuration: .init(maxIterations: count > 1_000 ? 10 : 30)) { benchmark, repository in
            let linter = Linter(today: repository.today)
            for _ in benchmark.scaledIterations {
                blackHole(linter.lint(repository.files))
            }
        } setup: {
            try Repository(fileCount: count)
        }
    }

    Benchmark("YAMLLoader.load 10000 files", configuration: .init(maxIterations: 10)) { benchmark, repository in
        for _ in benchmark.scaledIterations {
            for file in repository.files {
                if case .bytes(let bytes) = file.content { blackHole(YAMLLoader.load(bytes)) }
            }
        }
    } setup: {
        try Repository(fileCount: 10_000)
    }
}

/// A generated repository as the linter takes it, checked once to be clean: a finding here
/// is a bug in the generator or the linter, and would make the figures describe the wrong work.
struct Repository {
    var files: [SourceFile]
    var today: Day

    init(fileCount: Int) throws {
        let generated = try FixtureRepository.generate(fileCount: fileCount)
        files = generated.files.map { SourceFile(path: $0.path, bytes: Array($0.text.utf8)) }
        let (year, month, day) = generated.asOf.parts
        today = Day(year: year, month: month, day: day)
        let report = Linter(today: today).lint(files)
        if !report.findings.isEmpty || report.entities != generated.entityCount {
            var message = "LintBenchmark: the \(fileCount)-file fixture is not clean: \(report.errors) errors, \(report.warnings) warnings, "
                + "\(report.entities) of \(generated.entityCount) entities\n"
            for finding in report.findings.prefix(20) {
                message += "  \(finding.file):\(finding.line):\(finding.column): \(finding.message) [\(finding.rule)]\n"
            }
            FileHandle.standardError.write(Data(message.utf8))
        }
    }
}
