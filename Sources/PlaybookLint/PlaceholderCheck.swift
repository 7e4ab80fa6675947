import PlaybookModel
import PlaybookYAML

/// Values still in the form `playbook new` writes them, `<what to fill in>`: a file committed
/// with one is unfinished, however well the rest of it reads.
enum PlaceholderCheck {
    /// True for `<…>` with no other angle bracket inside (so `<b>bold</b>` is not one).
    static func isPlaceholder(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.count > 2, scalars.first == "<", scalars.last == ">" else { return false }
        return !scalars.dropFirst().dropLast().contains { $0 == "<" || $0 == ">" || $0 == "\n" }
    }

    /// Every value (not key) that is a placeholder, walked without recursion.
    static func diagnostics(_ root: Node?) -> [Diagnostic] {
        guard let root else { return [] }
        var out: [Diagnostic] = []
        var pending: [(node: Node, key: String?)] = [(root, nil)]
        while let (node, key) = pending.popLast() {
            switch node.value {
            case .scalar(let text, _):
                guard isPlaceholder(text) else { continue }
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
