import Foundation
import PlaybookFixtures

/// `playbook-fixtures N DIR [--seed S]`: writes a synthetic playbook repository of N files
/// into DIR (its `playbooks/` folder), then prints what it wrote and the date to lint it as of.
let usage = "usage: playbook-fixtures N DIR [--seed S]   (N ≥ \(FixtureRepository.minimumFileCount))"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("playbook-fixtures: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var seed: UInt64 = 2026
if let flag = arguments.firstIndex(of: "--seed") {
    guard flag + 1 < arguments.count, let value = UInt64(arguments[flag + 1]) else { fail("--seed needs a whole number\n\(usage)") }
    seed = value
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 2, let count = Int(arguments[0]) else { fail(usage) }
let root = URL(fileURLWithPath: arguments[1], isDirectory: true)

let repository: GeneratedRepository
do {
    repository = try FixtureRepository.generate(fileCount: count, seed: seed)
} catch {
    fail("\(error)")
}

var created: Set<String> = []
var bytes = 0
for file in repository.files {
    let url = root.appendingPathComponent(file.path)
    let folder = url.deletingLastPathComponent().path
    do {
        if !created.contains(folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            created.insert(folder)
        }
        let data = Data(file.text.utf8)
        try data.write(to: url)
        bytes += data.count
    } catch {
        fail("cannot write \(url.path): \(error.localizedDescription)")
    }
}
let kinds = ["Metric", "Squad", "Objective", "Hypothesis", "Experiment"]
    .map { "\(repository.entities[$0] ?? 0) \($0)" }.joined(separator: ", ")
print("wrote \(repository.files.count) files (\(bytes) bytes; \(kinds)) under \(root.path)/playbooks")
print("as-of: \(repository.asOf)")
