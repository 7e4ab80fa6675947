import PlaybookModel

/// Where each page lives in the site folder, and how one page links to another. Every href the
/// site writes comes from here: links only ever point at the site's own pages.
enum SitePath {
    static let home = "index.html"
    static let calendar = "calendar.html"
    static let learnings = "learnings.html"
    static let program = "program.html"
    static let squads = "squads.html"
    static let stylesheet = "assets/site.css"
    static let searchScript = "assets/search.js"
    static let searchIndex = "assets/search-index.js"
    /// Marks a folder as a site this tool wrote, so a rebuild may replace it.
    static let marker = ".playbook-site"

    static func quarter(_ quarter: Quarter) -> String { "quarter-\(quarter).html" }

    /// An entity's page: `e/` and the id made safe as a file name.
    static func entity(_ id: String) -> String { "e/" + fileName(id) + ".html" }

    /// An id as a file name: letters, digits and `-` stay; every other byte becomes `_` and two hex
    /// digits, so distinct ids give distinct names and none can climb out of the folder (`/`, `..`).
    /// Long ids are cut and carry a hash of the whole id instead.
    static func fileName(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "_" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        if out.isEmpty { return "_" }
        guard out.utf8.count > 100 else { return out }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs and platforms
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(out.prefix(80)) + "__" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `target` (a path from the site's top) as seen from the page at `from`.
    static func relative(_ target: String, from page: String) -> String {
        let depth = page.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + target
    }
}
