import PlaybookModel
import PlaybookYAML

/// Values still in the form `playbook new` writes them, `<what to fill in>`: a file committed
/// with one is unfinished, however well the rest of it reads (`Placeholder.isUnfilled`).
enum PlaceholderCheck {
    /// Every value (not key) that is a placeholder, walked without recursion.
    static func diagnostics(_ root: Node?) -> [Diagnostic] {
        guard let root else { return [] }
        var out: [Diagnostic] = []
        var pending: [(node: Node, key: String?)] = [(root, nil)]
        while let (node, key) = pending.popLast() {
            switch node.value {
            case .scalar(let text, _):
                guard Placeholder.isUnfilled(text) else { continue }
                let field = key.map { "\"\($0)\" " } ?? ""
                out.append(Diagnostic(
                    rule: LintRuleID.placeholderUnfilled, mark: node.mark,
                    message: "\(field)still holds the placeholder \(text); replace it with the real value"))
            case .sequence(let items):
                pending += items.reversed().map { ($0, key) }
            case .mapping(let pairs):
                for pair in pairs.reversed() {
                    guard case .scalar(let name, _) = pair.key.value else { continue }
                    pending.append((pair.value, name))
                }
            }
        }
        return out
    }
}
