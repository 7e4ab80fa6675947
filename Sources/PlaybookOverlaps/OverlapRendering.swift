import PlaybookModel
import PlaybookSimilarity

/// Renders overlaps for people (clusters) and for scripts (the JSON contract).
public enum OverlapRendering {
    /// The pairs of one kind, grouped as clusters: work joined by any chain of pairs of one kind is one
    /// cluster (three squads duplicating one idea are one cluster, listed with its pairs).
    struct Section {
        var kind: OverlapKind
        var title: String
        var clusters: [Cluster]
        var pairs: Int
        /// Experiments colliding with too many to list pair by pair, each one entry.
        var crowds: Int
    }

    struct Cluster {
        /// Each member with its squad ("no squad" when it names none), in order of first appearance.
        var members: [(id: String, squad: String)]
        var squads: Int
        /// Related work between two members of a duplicate cluster joined through others.
        var relatedInside: [Overlap]
        var pairs: [Overlap]
    }

    static func sections(_ overlaps: [Overlap]) -> [Section] {
        // Related work between two entities of one duplicate cluster (joined through others: review54 found
        // a cluster of six holding two the tool calls opposite), said in that cluster.
        let related = overlaps.filter { $0.kind == .related && $0.crowd == nil && $0.sides.count == 2 }
        var sections: [Section] = []
        for kind in [OverlapKind.collision, .duplicate, .related] {
            let pairs = overlaps.filter { $0.kind == kind }
            if pairs.isEmpty { continue }
            var ids: [String] = []
            var position: [String: Int] = [:]
            var squads: [String: String] = [:]
            for pair in pairs {
                for side in pair.sides where position[side.id] == nil {
                    position[side.id] = ids.count
                    ids.append(side.id)
                    squads[side.id] = side.squad ?? "no squad"
                }
            }
            // An experiment's one entry for all its collisions joins it to each partner it names.
            let matches = pairs.flatMap { pair in
                let a = position[pair.ids[0]] ?? 0
                return pair.ids.dropFirst().map { id in
                    let b = position[id] ?? 0
                    return Match(first: min(a, b), second: max(a, b), score: pair.score)
                }
            }
            let clusters = Clustering.clusters(matches)
            // Each pair in its cluster (that of its first side), in order: one pass, not one per cluster.
            var clusterOf = [Int](repeating: 0, count: ids.count)
            for (number, cluster) in clusters.enumerated() {
                for member in cluster { clusterOf[member] = number }
            }
            var inClusters = [[Overlap]](repeating: [], count: clusters.count)
            for pair in pairs { inClusters[clusterOf[position[pair.ids[0]] ?? 0]].append(pair) }
            let crowds = pairs.count(where: { $0.crowd != nil })
            let title = [OverlapKind.collision: "Colliding experiments", .duplicate: "Duplicated work", .related: "Related work"][kind] ?? ""
            let grouped = clusters.enumerated().map { number, cluster -> Cluster in
                let members = cluster.map { (id: ids[$0], squad: squads[ids[$0]] ?? "no squad") }
                var inside: [Overlap] = []
                if kind == .duplicate, members.count > 2 {
                    let set = Set(members.map(\.id))
                    inside = related.filter { set.contains($0.ids[0]) && set.contains($0.ids[1]) }
                }
                return Cluster(members: members, squads: Set(members.map(\.squad)).count, relatedInside: inside, pairs: inClusters[number])
            }
            sections.append(Section(kind: kind, title: title, clusters: grouped, pairs: pairs.count - crowds, crowds: crowds))
        }
        return sections
    }

    /// Text grouped as clusters (`sections`), each pair with its reason and where both sides are written.
    public static func text(_ overlaps: [Overlap]) -> String {
        guard !overlaps.isEmpty else { return "No overlaps found.\n" }
        var out = ""
        for section in sections(overlaps) {
            out += "\(section.title): " + counted(section) + "\n"
            for (number, cluster) in section.clusters.enumerated() {
                out += "\n  \(number + 1). \(cluster.members.map { "\(Inert.terminal($0.id)) (\(Inert.terminal($0.squad)))" }.joined(separator: ", "))"
                out += " — \(cluster.squads) \(cluster.squads == 1 ? "squad" : "squads")\n"
                for pair in cluster.relatedInside {
                    out += "     \(Inert.terminal(pair.ids[0])) and \(Inert.terminal(pair.ids[1])) are joined here through others, "
                    out += "but are not duplicates of each other: \(Inert.terminal(Self.whatDiffers(pair.reason))) (under Related work)\n"
                }
                for pair in cluster.pairs {
                    let state = pair.acknowledgedBy.map { " [acknowledged by \(Inert.terminal($0))]" } ?? ""
                    if let crowd = pair.crowd, let side = pair.sides.first {
                        // Where the experiment is written; each partner is written on its own entries.
                        out += "     \(Inert.terminal(side.id)) ↔ \(crowd) experiments\(state): \(Inert.terminal(pair.reason))\n"
                        out += "       \(Inert.terminalPath(side.file)):\(side.mark.line):\(side.mark.column) \(Inert.terminal(side.id))\n"
                        continue
                    }
                    let score = section.kind == .collision ? "" : " \(DuplicateDetection.format(pair.score))"
                    out += "     \(Inert.terminal(pair.ids[0])) ↔ \(Inert.terminal(pair.ids[1]))\(score)\(state): \(Inert.terminal(pair.reason))\n"
                    for side in pair.sides {
                        out += "       \(Inert.terminalPath(side.file)):\(side.mark.line):\(side.mark.column) \(Inert.terminal(side.id))\n"
                    }
                }
            }
            out += "\n"
        }
        return out
    }

    /// Markdown for a pull-request comment or a wiki page: the clusters of `text`, a heading a kind, a
    /// numbered item a cluster and a bullet a pair; every id, squad, reason and path made inert
    /// (`Inert.markdown`, `Inert.markdownCode`). `unread`: the files not read in full, named at the end.
    /// `notEnglish`: the ids `OverlapFinder.notEnglish` found, said under the pairs.
    public static func markdown(_ overlaps: [Overlap], unread: [String] = [], notEnglish: [String] = []) -> String {
        var out = "### Overlaps across squads\n\n"
        // Named here: a pull-request comment has no standard error to point at.
        let one = unread.count == 1
        let note = (unread.isEmpty ? "" : "\n**Incomplete:** \(one ? "1 file" : "\(unread.count) files") could not be read in full, so what "
            + "\(one ? "it holds" : "they hold") was not compared (`playbook lint` reports why):\n\n"
            + unread.map { "- " + Inert.markdownCodeOutsideTables($0) + "\n" }.joined())
            + (OverlapFinder.notEnglishNote(notEnglish).map { "\nℹ️ " + Inert.markdown($0) + ".\n" } ?? "")
        guard !overlaps.isEmpty else { return out + "No overlaps found.\n" + note }
        func place(_ side: OverlapSide) -> String {
            Inert.markdownCodeOutsideTables("\(side.file):\(side.mark.line):\(side.mark.column)")
        }
        for section in sections(overlaps) {
            out += "#### \(section.title): " + counted(section) + "\n\n"
            for (number, cluster) in section.clusters.enumerated() {
                // A bullet under item 10 is indented past "10. ", or it would end the numbered list.
                let indent = String(repeating: " ", count: String(number + 1).count + 2)
                out += "\(number + 1). " + cluster.members.map { "**\(Inert.markdown($0.id))** (\(Inert.markdown($0.squad)))" }.joined(separator: ", ")
                out += " — \(cluster.squads) \(cluster.squads == 1 ? "squad" : "squads")\n"
                for pair in cluster.relatedInside {
                    out += indent + "- \(Inert.markdown(pair.ids[0])) and \(Inert.markdown(pair.ids[1])) are joined here through others, but are not "
                    out += "duplicates of each other: \(Inert.markdown(Self.whatDiffers(pair.reason))) (under Related work)\n"
                }
                for pair in cluster.pairs {
                    let state = pair.acknowledgedBy.map { " *(acknowledged by \(Inert.markdown($0)))*" } ?? ""
                    if let crowd = pair.crowd, let side = pair.sides.first {
                        out += indent + "- **\(Inert.markdown(side.id)) ↔ \(crowd) experiments**\(state): \(Inert.markdown(pair.reason)) (\(place(side)))\n"
                        continue
                    }
                    let score = section.kind == .collision ? "" : " \(DuplicateDetection.format(pair.score))"
                    out += indent + "- **\(Inert.markdown(pair.ids[0])) ↔ \(Inert.markdown(pair.ids[1]))**\(score)\(state): \(Inert.markdown(pair.reason))"
                    out += " (" + pair.sides.map(place).joined(separator: ", ") + ")\n"
                }
            }
            out += "\n"
        }
        return out + note
    }

    /// "2 clusters, 3 pairs" and the crowded experiments, as a section's heading counts them.
    private static func counted(_ section: Section) -> String {
        let clusters = section.clusters.count
        var out = "\(clusters) \(clusters == 1 ? "cluster" : "clusters"), \(section.pairs) \(section.pairs == 1 ? "pair" : "pairs")"
        if section.crowds > 0 {
            out += ", and \(section.crowds) \(section.crowds == 1 ? "experiment" : "experiments") colliding with too many to list pair by pair, each listed once"
        }
        return out
    }

    /// What a related pair's reason says differs ("they differ in direction (hide / show)"), or the reason itself.
    static func whatDiffers(_ reason: String) -> String {
        guard let from = reason.range(of: " but differ in ") else { return reason }
        let rest = reason[from.upperBound...]
        let end = rest.range(of: "; match: ")?.lowerBound ?? rest.endIndex
        return "they differ in " + rest[..<end]
    }

    /// `{"version": 1, "overlaps": [{"kind", "entities", "squads", "score", "reason", …}]}`, one
    /// entry per pair. Beyond the contract: `terms`, `acknowledged`, `acknowledged_by`, `files`; and
    /// for an experiment that collides with too many to list pair by pair, one entry whose
    /// `entities` (two, as the contract says: `squads` and `files` alike) are it and the first it
    /// collides with, `partners` the first it collides with (`id`, `squad`, `file`), and `more`, how
    /// many others it collides with.
    /// `unread`: the files that could not be read in full, listed as `"unread"` only when there are
    /// some (the pairs are then not all there are; the command exits 1). `engine`: what the texts
    /// were compared with (the model's name, or `lexical`: by words), as `search --format json` says it.
    /// `notEnglish`: the ids `OverlapFinder.notEnglish` found, listed as `"not_english"` only when there are some.
    public static func json(_ overlaps: [Overlap], unread: [String] = [], engine: String? = nil, notEnglish: [String] = []) -> String {
        var out = "{\n  \"version\": 1,\n"
        if let engine { out += "  \"engine\": \(quote(engine)),\n" }
        out += "  \"overlaps\": ["
        for (index, overlap) in overlaps.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"kind\": \(quote(overlap.kind.rawValue)), "
            // A crowded experiment's entry stays a pair (it and its first partner); the rest are `partners`.
            let pair = overlap.crowd == nil ? overlap.sides : Array(overlap.sides.prefix(2))
            out += "\"entities\": [\(pair.map { quote($0.id) }.joined(separator: ", "))], "
            out += "\"squads\": [\(pair.map { $0.squad.map(quote) ?? "null" }.joined(separator: ", "))], "
            out += "\"score\": \(DuplicateDetection.format(overlap.score)), "
            out += "\"reason\": \(quote(overlap.reason)), "
            out += "\"terms\": [\(overlap.terms.map(quote).joined(separator: ", "))], "
            out += "\"acknowledged\": \(overlap.isAcknowledged), "
            out += "\"acknowledged_by\": \(overlap.acknowledgedBy.map(quote) ?? "null"), "
            out += "\"files\": [\(pair.map { quote("\($0.file):\($0.mark.line):\($0.mark.column)") }.joined(separator: ", "))]"
            if let crowd = overlap.crowd {
                let partners = overlap.sides.dropFirst().map {
                    "{\"id\": \(quote($0.id)), \"squad\": \($0.squad.map(quote) ?? "null"), \"file\": \(quote("\($0.file):\($0.mark.line):\($0.mark.column)"))}"
                }
                out += ", \"partners\": [\(partners.joined(separator: ", "))], \"more\": \(crowd - (overlap.sides.count - 1))"
            }
            out += "}"
        }
        out += overlaps.isEmpty ? "]" : "\n  ]"
        if !unread.isEmpty { out += ",\n  \"unread\": [\(unread.map(quote).joined(separator: ", "))]" }
        if !notEnglish.isEmpty { out += ",\n  \"not_english\": [\(notEnglish.map(quote).joined(separator: ", "))]" }
        return out + "\n}\n"
    }

    static func quote(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
