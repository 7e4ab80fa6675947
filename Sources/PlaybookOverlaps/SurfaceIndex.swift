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

    /// Surfaces nested one in the next with no other surface holding experiments branching off
    /// between them (`web`, `web/checkout`, `web/checkout/pay`) are one place: each of their
    /// experiments meets the same ones (those above the first, on the chain, and below the last),
    /// so a chain of a thousand nested surfaces is one list, not a thousand lists of what lies
    /// below each (which grew with the square of its length).
    func layout() -> Layout {
        var out = Layout()
        // Whether each node's subtree holds experiments: nodes are added below their parents.
        var holds = nodes.map { !$0.members.isEmpty }
        for node in nodes.indices.reversed() where holds[node] == false {
            holds[node] = nodes[node].children.values.contains { holds[$0] }
        }
        // The one child whose subtree holds experiments, if only one does.
        func onlyOccupiedChild(_ node: Int) -> Int? {
            var found: Int?
            for child in nodes[node].children.values where holds[child] {
                if found != nil { return nil }
                found = child
            }
            return found
        }
        // Depth first, with the places of the surfaces above that hold experiments.
        var stack: [(node: Int, above: [Int])] = [(0, [])]
        while let (node, above) = stack.popLast() {
            var next = above
            var last = node
            if !nodes[node].members.isEmpty {
                var members = nodes[node].members
                // The empty surface is nested in nothing, and nothing in it.
                if node != 0 {
                    // Down the chain while a single way leads on to a surface with experiments.
                    chain: while var child = onlyOccupiedChild(last) {
                        while nodes[child].members.isEmpty {
                            guard let below = onlyOccupiedChild(child) else { break chain }
                            child = below
                        }
                        members += nodes[child].members
                        last = child
                    }
                }
                out.ownLists.append(members)
                out.above.append(above)
                // `subtree` lists the surface's own experiments first.
                out.below.append(node == 0 ? [] : Array(subtree(last).dropFirst(nodes[last].members.count)))
                if node != 0 { next.append(out.ownLists.count - 1) }
            }
            for child in nodes[last].children.values { stack.append((child, next)) }
        }
        return out
    }
}
