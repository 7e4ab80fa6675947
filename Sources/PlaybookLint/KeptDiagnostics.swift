import Dispatch
import PlaybookModel
import PlaybookYAML

/// The diagnostics a lint keeps (in a reported file, not where a placeholder sits, under a rule
/// that is on, not suppressed), each with its severity and its file's rank among the paths, read
/// over the cores in chunks. A playbook where one surface is busy has over half a million
/// diagnostics: read on one thread, each with its path hashed twice and its rule's severity
/// looked up, they were the longest stretch of a lint's end, with the other core idle.
struct KeptDiagnostics {
    /// By part and place in `parts`, with the severity, in the parts' order.
    var kept: [(part: Int, item: Int, severity: Severity)] = []
    /// Each kept diagnostic's file, by its rank in `files`, and its place.
    var fileRanks: [Int] = []
    var marks: [Mark] = []
    /// The files read and any other file a diagnostic names, sorted: ranks order the paths as comparing them does.
    var files: [String] = []
    /// The suppressions' rules used, by file.
    var used: [String: Set<Suppression.Use>] = [:]

    /// What a chunk of one part yielded; a file it names that is not among those read is `-1 - k`,
    /// `k` its place in `others`.
    private struct Chunk {
        var kept: [(part: Int, item: Int, severity: Severity)] = []
        var fileRanks: [Int] = []
        var marks: [Mark] = []
        var others: [String] = []
        var used: [String: Set<Suppression.Use>] = [:]
    }

    /// The file ranks of `files` in `self.files`; the rank of a file that is not there is 0 (as was
    /// the rank of a file missing from the ranks before).
    func ranks(of files: [String]) -> [Int] {
        let rank = Dictionary(uniqueKeysWithValues: zip(self.files, self.files.indices))
        return files.map { rank[$0] ?? 0 }
    }

    /// `read` are the files read (any order, repeats allowed). `suppressing` holds the
    /// suppressions of the files that have any.
    init(_ parts: [[LocatedDiagnostic]], read: [String], reportedFiles: Set<String>?, placeholders: [String: Set<Mark>],
         suppressing: [String: [Suppression]], configuration: Configuration, mode: LintMode, index: RepositoryIndex) {
        let known = Array(Set(read)).sorted()
        let rank = Dictionary(uniqueKeysWithValues: zip(known, known.indices))
        let size = 16_384
        let slices = parts.indices.flatMap { part in
            stride(from: 0, to: parts[part].count, by: size).map { (part: part, items: $0..<min(parts[part].count, $0 + size)) }
        }
        // The severity depends on the rule alone without overrides: a run of one rule looks it up once.
        let byRuleAlone = configuration.overrides.isEmpty
        let gate = configuration.overlapGate.severity(in: mode)
        var chunks = [Chunk](repeating: Chunk(), count: slices.count)
        chunks.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: slices.count) { s in
                let (part, items) = slices[s]
                var chunk = Chunk()
                chunk.kept.reserveCapacity(items.count)
                chunk.fileRanks.reserveCapacity(items.count)
                chunk.marks.reserveCapacity(items.count)
                var lastFile: (file: String, rank: Int)?, lastRule: (rule: String, severity: Severity?)?
                // Read in place, field by field (a diagnostic copied is a retain of each of its fields).
                parts[part].withUnsafeBufferPointer { diagnostics in
                    for place in items {
                        let (file, rule, mark) = (diagnostics[place].file, diagnostics[place].diagnostic.rule, diagnostics[place].diagnostic.mark)
                        if let reportedFiles, !reportedFiles.contains(file) { continue }
                        if !placeholders.isEmpty, rule != LintRuleID.placeholderUnfilled, placeholders[file]?.contains(mark) == true { continue }
                        let configured: Severity?
                        if byRuleAlone, let lastRule, rule == lastRule.rule {
                            configured = lastRule.severity
                        } else {
                            configured = configuration.severity(for: rule, file: file)
                            lastRule = (rule, configured)
                        }
                        guard var severity = configured else { continue }
                        // The gate's severity first: without one (lint's default) no entity is looked up.
                        if let gate, OverlapGate.applies(to: diagnostics[place].diagnostic, index: index) {
                            severity = gate
                        }
                        if !suppressing.isEmpty, let list = suppressing[file],
                           let index = list.firstIndex(where: { $0.rules.contains(rule) && $0.covers(line: mark.line) }),
                           let named = list[index].rules.firstIndex(of: rule) {
                            chunk.used[file, default: []].insert(Suppression.Use(suppression: index, rule: named))
                            continue
                        }
                        let fileRank: Int
                        if let lastFile, file == lastFile.file {
                            fileRank = lastFile.rank
                        } else if let known = rank[file] {
                            fileRank = known
                        } else {
                            fileRank = -1 - chunk.others.count
                            chunk.others.append(file)
                        }
                        lastFile = (file, fileRank)
                        chunk.kept.append((part, place, severity))
                        chunk.fileRanks.append(fileRank)
                        chunk.marks.append(mark)
                    }
                }
                output[s] = chunk
            }
        }
        // A file named that is not among those read (none in practice): every rank worked out again.
        let others = Set(chunks.flatMap(\.others)).subtracting(known)
        files = others.isEmpty ? known : (known + others).sorted()
        let renumbered = others.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: zip(files, files.indices))
        let total = chunks.reduce(0) { $0 + $1.kept.count }
        kept.reserveCapacity(total)
        fileRanks.reserveCapacity(total)
        marks.reserveCapacity(total)
        for chunk in chunks {
            kept += chunk.kept
            marks += chunk.marks
            if others.isEmpty {
                fileRanks += chunk.fileRanks
            } else {
                fileRanks += chunk.fileRanks.map { renumbered[$0 >= 0 ? known[$0] : chunk.others[-1 - $0]] ?? 0 }
            }
            used.merge(chunk.used) { $0.union($1) }
        }
    }
}
