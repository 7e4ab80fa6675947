import Foundation
import XCTest

/// The links of a rendered site that leave it or reach no page or element: each as `page: target (why)`.
func brokenLinks(_ files: [String: String]) throws -> (broken: [String], count: Int) {
    let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"]*)\"")
    var broken: [String] = [], links = 0
    for path in files.keys.sorted() where path.hasSuffix(".html") {
        guard let page = files[path] else { continue }
        for match in pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
            guard let captured = Range(match.range(at: 1), in: page) else { continue }
            let target = String(page[captured])
            let split = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let fragment = split.count == 2 ? split[1] : nil
            if target.hasPrefix("#") {
                if !page.contains("id=\"\(fragment ?? "")\"") { broken.append("\(path): \(target) (a missing element)") }
                continue
            }
            if target.contains(":") || target.hasPrefix("/") { broken.append("\(path): \(target) (outside the site)"); continue }
            var parts = path.split(separator: "/").dropLast().map(String.init)
            var climbsOut = false
            for part in split[0].split(separator: "/") {
                if part == ".." { if parts.popLast() == nil { climbsOut = true } } else { parts.append(String(part)) }
            }
            if climbsOut { broken.append("\(path): \(target) (climbs out of the site)"); continue }
            guard let linked = files[parts.joined(separator: "/")] else { broken.append("\(path): \(target) (a missing page)"); continue }
            // A link into a shared page reaches the entity's (or key result's) own section.
            if let fragment, !linked.contains("id=\"\(fragment)\"") { broken.append("\(path): \(target) (a missing element)") }
            links += 1
        }
    }
    return (broken, links)
}
