import Dispatch
import PlaybookModel
import PlaybookYAML

/// An entity with the file it was read from.
public struct PlacedEntity: Sendable {
    public var entity: Entity
    public var file: String

    public init(entity: Entity, file: String) {
        self.entity = entity
        self.file = file
    }
}

/// What one file yielded: its entities, and the diagnostics of reading and decoding it.
struct ParsedFile: Sendable {
    var path: String
    var entities: [Entity] = []
    var diagnostics: [Diagnostic] = []
}

/// Lints a set of files as one repository: each file on its own, then the checks across files.
public struct Linter: Sendable {
    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Lints `files` together. When `reportedFiles` is given, every file still takes part
    /// (so references resolve) but only findings in those files are reported.
    public func lint(_ files: [SourceFile], reportedFiles: Set<String>? = nil) -> LintReport {
        let parsed = parse(files)
        var located: [(file: String, diagnostic: Diagnostic)] = []
        var entities: [PlacedEntity] = []
        for file in parsed {
            located += file.diagnostics.map { (file.path, $0) }
            entities += file.entities.map { PlacedEntity(entity: $0, file: file.path) }
        }
        located += RepositoryChecks.run(entities, fallbackFile: parsed.first?.path ?? Configuration.fileName)

        var findings: [Finding] = []
        findings.reserveCapacity(located.count)
        for (file, diagnostic) in located {
            if let reportedFiles, !reportedFiles.contains(file) { continue }
            guard let severity = configuration.severity(for: diagnostic.rule) else { continue }
            findings.append(Finding(
                file: file, line: diagnostic.mark.line, column: diagnostic.mark.column, rule: diagnostic.rule,
                severity: severity, message: diagnostic.message, entity: diagnostic.entity, related: diagnostic.related))
        }
        findings.sort(by: Finding.ordered)
        return LintReport(findings: findings, files: files.count, entities: entities.count)
    }

    /// Reads and decodes every file, spread over the machine's cores.
    func parse(_ files: [SourceFile]) -> [ParsedFile] {
        let limits = configuration.limits
        var results = [ParsedFile](repeating: ParsedFile(path: ""), count: files.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let chunk = 64
            let chunks = (files.count + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for index in (c * chunk)..<min(files.count, (c + 1) * chunk) {
                    output[index] = Linter.parse(files[index], limits: limits)
                }
            }
        }
        return results
    }

    static func parse(_ file: SourceFile, limits: Limits) -> ParsedFile {
        var parsed = ParsedFile(path: file.path)
        switch file.content {
        case .unreadable(let reason):
            parsed.diagnostics.append(Diagnostic(
                rule: LintRuleID.fileUnreadable, mark: Mark(line: 1, column: 1), message: "cannot read the file: \(reason)"))
        case .tooLarge(let size):
            parsed.diagnostics.append(Diagnostic(
                rule: LintRuleID.yamlSizeLimit, mark: Mark(line: 1, column: 1),
                message: "the file is \(size) bytes, more than the limit of \(limits.maxBytes) bytes (limits.max_file_bytes in .playbook.yml)"))
        case .bytes(let bytes):
            let loaded = YAMLLoader.load(bytes, limits: limits)
            parsed.diagnostics += loaded.problems.map { problem in
                Diagnostic(rule: rule(for: problem.kind), mark: problem.mark, message: problem.message)
            }
            for document in loaded.documents {
                let decoded = EntityDecoder.decode(document)
                parsed.diagnostics += decoded.diagnostics
                if let entity = decoded.entity { parsed.entities.append(entity) }
            }
        }
        return parsed
    }

    static func rule(for kind: YAMLProblem.Kind) -> String {
        switch kind {
        case .syntax: LintRuleID.yamlSyntax
        case .duplicateKey: LintRuleID.yamlDuplicateKey
        case .tab: LintRuleID.yamlTab
        case .aliasLimit: LintRuleID.yamlAliasLimit
        case .depthLimit: LintRuleID.yamlDepthLimit
        case .sizeLimit: LintRuleID.yamlSizeLimit
        case .encoding: LintRuleID.yamlEncoding
        }
    }
}
