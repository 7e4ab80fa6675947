/// Groups matched pairs into clusters: texts joined by any chain of matches (three squads
/// duplicating one idea are one cluster, not three pairs).
public enum Clustering {
    /// Clusters of indices, each ascending; clusters ordered by their first member.
    public static func clusters(_ matches: [Match]) -> [[Int]] {
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var root = x
            while let p = parent[root], p != root { root = p }
            var node = x
            while let p = parent[node], p != root {
                parent[node] = root
                node = p
            }
            return root
        }
        for match in matches {
            if parent[match.first] == nil { parent[match.first] = match.first }
            if parent[match.second] == nil { parent[match.second] = match.second }
            let a = find(match.first), b = find(match.second)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [Int: [Int]] = [:]
        for node in parent.keys { groups[find(node), default: []].append(node) }
        return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
