// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets, built apart from the main package: `scripts/fuzz TARGET SECONDS`.
let package = Package(
    name: "playbook-fuzz",
    dependencies: [.package(name: "playbook", path: "..")],
    targets: [
        .executableTarget(
            name: "fuzz-yaml",
            dependencies: [.product(name: "PlaybookLint", package: "playbook")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "fuzz-lint",
            dependencies: [.product(name: "PlaybookLint", package: "playbook")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "fuzz-cache",
            dependencies: [.product(name: "PlaybookHistory", package: "playbook")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "fuzz-tree",
            dependencies: [.product(name: "PlaybookGit", package: "playbook")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
