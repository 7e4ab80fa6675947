/// Path patterns for per-path overrides: `*` and `?` within one folder name, `**` across
/// folders; a pattern without wildcards also matches everything under that folder.
struct Glob: Sendable, Hashable {
    let pattern: String
    private let segments: [Substring]

    init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/")
    }

    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        if !pattern.contains(where: { "*?".contains($0) }) {
            return parts.count >= segments.count && zip(parts, segments).allSatisfy { $0 == $1 }
        }
        return Glob.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let part = path.first, matchSegment(Array(head.unicodeScalars)[...], Array(part.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*":
            var rest = text
            while true {
                if matchSegment(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !text.isEmpty && matchSegment(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == head && matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }
}
