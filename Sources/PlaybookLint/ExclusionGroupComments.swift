import PlaybookModel
import PlaybookYAML

/// `exclusion_group: #store-q4`: YAML reads an empty group and a comment, so two experiments that wrote one
/// group share none and collide. Lint's `overlap-collision` findings and `playbook overlaps`' collision
/// reasons say so through this one type, in the same words.
public enum ExclusionGroupComments {
    /// The experiments among a file's documents (each with the entity it decoded to) whose `exclusion_group`
    /// YAML read as a comment: id → the comment as written.
    public static func groups(in bytes: [UInt8], _ documents: [(document: Document, entity: Entity?)]) -> [String: String] {
        guard CommentInValueCheck.mayHold(bytes) else { return [:] }
        var groups: [String: String] = [:]
        for (document, entity) in documents {
            guard let entity, entity.kind == .experiment,
                  let group = CommentInValueCheck.diagnostics(document.root, bytes: bytes).emptiedFields["exclusion_group"] else { continue }
            groups[entity.id.value] = group
        }
        return groups
    }

    /// A collision's message or reason about the experiments `ids`, with a note where it says the pair shares no
    /// group when the exclusion_group of either was read as a comment (`groups`: id → the comment); unchanged otherwise.
    public static func explaining(_ reason: String, ids: [String], groups: [String: String]) -> String {
        // The groups looked up first: most collisions are of experiments whose group was read as written.
        let written = groups.isEmpty ? [] : ids.sorted().compactMap { id in groups[id].map { "of \(id), \"\($0)\"" } }
        guard !written.isEmpty, let range = reason.range(of: ", and share no exclusion_group") else { return reason }
        var explained = reason
        explained.insert(contentsOf: " (the exclusion_group \(written.joined(separator: ", and ")), is read as a comment: quote it to name a group)",
                         at: range.upperBound)
        return explained
    }
}
