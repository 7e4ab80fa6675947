import PlaybookModel
import PlaybookYAML

/// Playbook files are plain data: a tag other than YAML's core ones (`!ruby/object`,
/// `!!python/name`, `!!binary`…) means a file meant for another program.
enum TagCheck {
    static let core: Set<String> = ["!", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq"]

    /// Every node with a non-core tag, walked without recursion.
    static func diagnostics(_ root: Node?) -> [Diagnostic] {
        guard let root else { return [] }
        var out: [Diagnostic] = []
        var pending = [root]
        while let node = pending.popLast() {
            if let tag = node.tag, !core.contains(tag) {
                out.append(Diagnostic(
                    rule: LintRuleID.yamlTag, mark: node.mark,
                    message: "the tag \(tag) is not part of the playbook format; remove it and write the value as plain data"))
            }
            switch node.value {
            case .scalar: break
            case .sequence(let items): pending += items
            case .mapping(let pairs):
                for pair in pairs {
                    pending.append(pair.key)
                    pending.append(pair.value)
                }
            }
        }
        return out
    }
}
