import Foundation
import PlaybookGit
import XCTest

/// Runs the built `playbook` binary as a user would.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The folder holding the built products (the test bundle sits beside the binary).
    static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    static var binary: URL { productsDirectory.appendingPathComponent("playbook") }

    /// The repository this test file belongs to.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CLIResult {
        try run(executable: binary, arguments, in: directory, environment: environment)
    }

    static func run(executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for key in ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "NO_COLOR"] { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // A watchdog, not a speed test: a run that hangs is killed so the test fails instead of stalling CI.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        defer { watchdog.cancel() }
        // Read both pipes before waiting, so a large output cannot fill a pipe and stall the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting { usleep(1000) }
        return CLIResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A scratch folder that is removed when the test ends.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Every file under the folder with its bytes and modification time, to prove nothing changed.
    func snapshot() throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])
        while let file = enumerator?.nextObject() as? URL {
            let values = try file.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            guard values.isRegularFile == true else { continue }
            let data = try Data(contentsOf: file)
            result[file.path] = "\(data.count):\(data.hashValue):\(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
        }
        return result
    }
}

/// A small clean playbook: a metric catalog with its North Star and one squad.
enum SmallPlaybook {
    static let metrics = """
    kind: Metric
    id: weekly-active-learners
    name: Weekly active learners
    unit: count
    direction: increase
    owner: activation-emea
    north_star: true
    """

    static let squad = """
    kind: Squad
    id: activation-emea
    name: Activation EMEA
    funnel_stage: activation
    members:
      - {name: Ana Ruiz, role: product manager}
    champion: Ana Ruiz
    metrics: [weekly-active-learners]
    """

    /// The squad with a misspelt key on line 4.
    static let brokenSquad = squad.replacingOccurrences(of: "funnel_stage:", with: "funnel_stag:")

    static func write(into scratch: ScratchDirectory) throws {
        try scratch.write("playbooks/metrics.yml", metrics)
        try scratch.write("playbooks/squads/activation-emea.yml", squad)
    }

    /// A git repository of three squads (activation-emea, -latam, -apac) whose `hypotheses` are
    /// written into one file.
    static func threeSquadRepository(_ hypotheses: [String]) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try write(into: scratch)
        for (other, region) in [("activation-latam", "LATAM"), ("activation-apac", "APAC")] {
            try scratch.write("playbooks/squads/\(other).yml", squad
                .replacingOccurrences(of: "activation-emea", with: other).replacingOccurrences(of: "EMEA", with: region))
        }
        try scratch.write("playbooks/hypotheses.yml", hypotheses.joined(separator: "\n---\n"))
        return scratch
    }
}

/// Another tool's hook (husky's, versioned in `.husky`), which `hooks install` must keep or add a line to.
enum AnotherToolsHook {
    static let text = "#!/bin/sh\necho HUSKY-RAN\n"

    /// Points `core.hooksPath` at `.husky` and writes an executable `.husky/pre-commit` holding `text` and then `lines`.
    @discardableResult
    static func install(in scratch: ScratchDirectory, _ repository: Repository, lines: String = "") throws -> URL {
        try repository.setConfig("core.hooksPath", ".husky")
        return try write(in: scratch, lines: lines)
    }

    /// (Re)writes the executable `.husky/pre-commit`: `text`, then `lines`.
    @discardableResult
    static func write(in scratch: ScratchDirectory, lines: String = "") throws -> URL {
        try scratch.write(".husky/pre-commit", text + lines)
        let hook = scratch.url.appendingPathComponent(".husky/pre-commit")
        chmod(hook.path, 0o755)
        return hook
    }

    /// The line a refusal of `hooks install` says to add to the hook; nil when it suggests none.
    static func suggestedLine(_ refusal: CLIResult) -> String? {
        guard let start = refusal.stderr.range(of: "add the line `"),
              let end = refusal.stderr[start.upperBound...].range(of: "` to it") else { return nil }
        return String(refusal.stderr[start.upperBound..<end.lowerBound])
    }
}
