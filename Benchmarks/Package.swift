// swift-tools-version: 6.1
import PackageDescription

// Benchmarks, built apart from the main package so that CI's build stays lean.
//
//   swift package --allow-writing-to-package-directory benchmark   # Linter.lint on generated files
//   swift run -c release playbook-fixtures 10000 /tmp/repo          # a synthetic playbook repository
//
// The benchmark plugin runs every executable target whose folder sits directly in a folder
// named `Benchmarks`: here `LintBenchmark/` and `OverlapBenchmark/`. The fixture tool lives under `Sources/` so the
// plugin leaves it alone.
let package = Package(
    name: "playbook-benchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PlaybookFixtures", targets: ["PlaybookFixtures"]),
        .executable(name: "playbook-fixtures", targets: ["playbook-fixtures"]),
    ],
    dependencies: [
        .package(name: "playbook", path: ".."),
        // 1.38.1 defaults to a runtime interposer that is not mirrored here; the malloc
        // interposer alone gives the malloc counts.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // A synthetic, valid playbook repository of any size, as text; no I/O.
        .target(name: "PlaybookFixtures"),
        .executableTarget(name: "playbook-fixtures", dependencies: ["PlaybookFixtures"]),
        .executableTarget(
            name: "LintBenchmark",
            dependencies: [
                "PlaybookFixtures",
                .product(name: "PlaybookLint", package: "playbook"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "LintBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "OverlapBenchmark",
            dependencies: [
                .product(name: "PlaybookOverlaps", package: "playbook"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "OverlapBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
