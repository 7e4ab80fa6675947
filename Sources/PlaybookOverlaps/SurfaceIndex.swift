/// Normalised surfaces as a tree of their `/` segments, so that only the same or nested
/// surfaces meet: an experiment is compared with those on its own surface and below it.
struct SurfaceIndex {
    private struct Node {
        var children: [Substring: Int] = [:]
        var members: [Int] = []
    }

    private var nodes = [Node()]

    /// `surfaces[i]` is experiment i's normalised surface.
    init(_ surfaces: [String]) {
        for (index, surface) in surfaces.enumerated() {
            var node = 0
            for segment in surface.split(separator: "/") {
                if let child = nodes[node].children[segment] {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].children[segment] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
            nodes[node].members.append(index)
        }
    }

    /// For each surface with experiments: its own experiments, and those on it or nested
    /// below it. An empty surface is nested in nothing and holds nothing: it meets only itself.
    func forEachRelatedGroup(_ body: ([Int], [Int]) -> Void) {
        if !nodes[0].members.isEmpty { body(nodes[0].members, nodes[0].members) }
        var stack = Array(nodes[0].children.values)
        while let node = stack.popLast() {
            stack.append(contentsOf: nodes[node].children.values)
            guard !nodes[node].members.isEmpty else { continue }
            body(nodes[node].members, subtree(node))
        }
    }

    private func subtree(_ root: Int) -> [Int] {
        var out: [Int] = []
        var stack = [root]
        while let node = stack.popLast() {
            out += nodes[node].members
            stack.append(contentsOf: nodes[node].children.values)
        }
        return out
    }

    /// Each surface with experiments, by what its experiments meet: `own`, its own experiments;
    /// `below`, those on the surfaces nested under it; `above`, the surfaces (by their place in
    /// `ownLists`) it is nested under that hold experiments. The empty surface meets only itself.
    struct Layout {
        var ownLists: [[Int]] = []
        var below: [[Int]] = []
        var above: [[Int]] = []
    }

    func layout() -> Layout {
        var out = Layout()
        // Depth first, with the places of the surfaces above that hold experiments.
        var stack: [(node: Int, above: [Int])] = [(0, [])]
        while let (node, above) = stack.popLast() {
            var next = above
            if !nodes[node].members.isEmpty {
                out.ownLists.append(nodes[node].members)
                out.above.append(above)
                // `subtree` lists the surface's own experiments first.
                out.below.append(node == 0 ? [] : Array(subtree(node).dropFirst(nodes[node].members.count)))
                // The empty surface is nested in nothing, and nothing in it.
                if node != 0 { next.append(out.ownLists.count - 1) }
            }
            for child in nodes[node].children.values { stack.append((child, next)) }
        }
        return out
    }
}
