// swift-tools-version: 6.0
import PackageDescription

// Matrix products: Accelerate on Apple platforms; elsewhere OpenBLAS, opened at run time (declarations in CBLAS, no link).
#if canImport(Darwin)
let blasTargets: [Target] = []
let blasDependencies: [Target.Dependency] = []
#else
let blasTargets: [Target] = [
    .systemLibrary(name: "CBLAS"),
]
let blasDependencies: [Target.Dependency] = ["CBLAS"]
#endif

let package = Package(
    name: "playbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "playbook", targets: ["playbook"]),
        .library(name: "PlaybookLint", targets: ["PlaybookLint"]),
        // for the fuzz targets of the history cache reader and the tree-entry parser
        .library(name: "PlaybookHistory", targets: ["PlaybookHistory"]),
        .library(name: "PlaybookGit", targets: ["PlaybookGit"]),
        // for the benchmark of duplicates by meaning
        .library(name: "PlaybookOverlaps", targets: ["PlaybookOverlaps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C boundary: module maps over the system libraries, no Swift code.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        // Snowball stemmers; Debian ships no pkg-config file, so the module map links it.
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]),
        // bytes -> Node tree with marks; limits live here.
        .target(name: "PlaybookYAML", dependencies: ["CYAML"]),
        // zlib, to read pack files without libgit2 on the history walk's hot path (Debian's
        // zlib1g-dev comes with libgit2-dev; macOS's SDK has it).
        .systemLibrary(name: "CZlib"),
        // libdeflate: inflates pack objects of known size about twice as fast as zlib.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        // jemalloc: the executable's allocator on Linux. The history walk, lint and site allocate
        // millions of small objects from two threads; glibc's malloc spent a sixth of a cold
        // history read's CPU on them (macOS keeps its own allocator).
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        // the options jemalloc reads at start-up (a C global it looks up by name).
        .target(name: "JemallocSettings"),
        // owned wrappers over libgit2.
        .target(name: "PlaybookGit", dependencies: ["CLibGit2", "CZlib", "CDeflate"]),
        // the five kinds as values, decoded from nodes; no I/O.
        .target(name: "PlaybookModel", dependencies: ["PlaybookYAML"]),
        // commits -> per-entity timelines; the incremental cache.
        .target(name: "PlaybookHistory", dependencies: ["PlaybookGit", "PlaybookModel", "PlaybookYAML"]),
        // report values from timelines, and their renderers.
        .target(name: "PlaybookReports", dependencies: ["PlaybookHistory", "PlaybookModel", "PlaybookGit"]),
        // rules, configuration, repository-wide checks, reporters.
        .target(name: "PlaybookLint", dependencies: ["PlaybookModel", "PlaybookYAML", "PlaybookOverlaps", "PlaybookSimilarity"]),
        // tokenising, stemming, weighting, candidate search, scores; pure.
        .target(name: "PlaybookSimilarity", dependencies: ["CStemmer"]),
        // a sentence-embedding model (all-MiniLM-L6-v2) run natively, and its cache of vectors.
        .target(name: "PlaybookEmbedding", dependencies: ["PlaybookSimilarity", "EmbeddingKernels"] + blasDependencies),
        // the encoder's element-wise and attention loops in C: vectorised, and fast in debug builds too.
        .target(name: "EmbeddingKernels"),
        // prior-art search: hypotheses and experiments ranked against free text, and its renderers.
        .target(name: "PlaybookSearch", dependencies: ["PlaybookModel", "PlaybookSimilarity"]),
        // duplicate and colliding work across squads, from entities; pure.
        .target(name: "PlaybookOverlaps", dependencies: ["PlaybookModel", "PlaybookYAML", "PlaybookSimilarity", "PlaybookEmbedding", "OverlapKernels"]),
        // the int8 nearest-neighbour and float dot kernels of duplicate detection in C (AVX-512 VNNI or AVX2/FMA chosen at run time, portable loops elsewhere).
        .target(name: "OverlapKernels"),
        // pull-request review: entity changes, lint of changed files, history rules.
        .target(name: "PlaybookReview", dependencies: ["PlaybookHistory", "PlaybookLint", "PlaybookModel", "PlaybookYAML", "PlaybookGit"]),
        // the playbook as a static website, from report values and entities; pure.
        .target(name: "PlaybookSite", dependencies: ["PlaybookReports", "PlaybookHistory", "PlaybookModel", "PlaybookOverlaps", "PlaybookGit"]),
        // the CLI, thin on top.
        .executableTarget(
            name: "playbook",
            dependencies: [
                "PlaybookLint", "PlaybookModel", "PlaybookYAML", "PlaybookGit",
                "PlaybookHistory", "PlaybookReports", "PlaybookReview", "PlaybookOverlaps", "PlaybookSimilarity",
                "PlaybookSite", "PlaybookEmbedding", "PlaybookSearch",
                .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
                .target(name: "JemallocSettings", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PlaybookYAMLTests", dependencies: ["PlaybookYAML"]),
        .testTarget(name: "PlaybookGitTests", dependencies: ["PlaybookGit", "CLibGit2"]),
        .testTarget(name: "PlaybookModelTests", dependencies: ["PlaybookModel", "PlaybookYAML", "PlaybookTestSupport"]),
        .testTarget(
            name: "PlaybookLintTests", dependencies: ["PlaybookLint", "PlaybookModel", "PlaybookOverlaps", "PlaybookYAML", "PlaybookTestSupport"],
            exclude: ["Goldens"]),
        // a seeded random number generator shared by the tests that generate histories and edits.
        .target(name: "PlaybookTestSupport", path: "Tests/PlaybookTestSupport"),
        .testTarget(name: "PlaybookHistoryTests", dependencies: ["PlaybookHistory", "PlaybookGit", "PlaybookModel", "PlaybookYAML", "PlaybookTestSupport"]),
        .testTarget(
            name: "PlaybookReportsTests", dependencies: ["PlaybookReports", "PlaybookHistory", "PlaybookModel", "PlaybookGit", "PlaybookYAML", "PlaybookTestSupport"],
            exclude: ["Goldens"]),
        .testTarget(
            name: "PlaybookReviewTests",
            dependencies: ["PlaybookReview", "PlaybookGit", "PlaybookLint", "PlaybookHistory", "PlaybookModel"],
            exclude: ["Goldens"]),
        .testTarget(name: "PlaybookSimilarityTests", dependencies: ["PlaybookSimilarity", "PlaybookTestSupport"]),
        .testTarget(
            name: "PlaybookOverlapsTests",
            dependencies: ["PlaybookOverlaps", "PlaybookModel", "PlaybookYAML", "PlaybookSimilarity", "PlaybookEmbedding", "PlaybookSearch"],
            exclude: ["Data"]),
        .testTarget(
            name: "PlaybookSiteTests",
            dependencies: ["PlaybookSite", "PlaybookReports", "PlaybookHistory", "PlaybookModel", "PlaybookYAML", "PlaybookOverlaps", "PlaybookGit"]),
        .testTarget(
            name: "PlaybookEmbeddingTests", dependencies: ["PlaybookEmbedding", "PlaybookSimilarity", "EmbeddingKernels"],
            exclude: ["Reference"]),
        .testTarget(name: "PlaybookSearchTests", dependencies: ["PlaybookSearch", "PlaybookModel"]),
        .testTarget(name: "PlaybookCLITests", dependencies: ["playbook", "PlaybookGit"]),
    ] + blasTargets
)
