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
    static let timelineScript = "assets/timeline.js"
    /// Marks a folder as a site this tool wrote, so a rebuild may replace it.
    static let marker = ".playbook-site"

    static func quarter(_ quarter: Quarter) -> String { "quarter-\(quarter).html" }

    /// An earlier quarter's experiment calendar.
    static func calendar(_ quarter: Quarter) -> String { "calendar-\(quarter).html" }

    /// An entity's page: `e/` and the id made safe as a file name. Pages link through
    /// `Catalog.path(of:)`, which keeps names unique on a case-insensitive file system.
    static func entity(_ id: String) -> String { entity(fileName: fileName(id)) }

    static func entity(fileName: String) -> String { "e/" + fileName + ".html" }

    /// A file name for each id, unique even where the file system ignores case (macOS, Windows):
    /// ids whose names differ only in case are sorted, the first keeps its name and the others
    /// get `_c2`, `_c3`… (`_` then a lower-case letter: never made by `fileName`). A name Windows
    /// keeps for a device (`con`, `COM1`: `reservedOnWindows`) is taken as if another id held it,
    /// so every id of that name is numbered (`con_c2`). The same ids give the same names.
    static func uniqueFileNames(_ ids: [String]) -> [String: String] {
        var out: [String: String] = [:]
        out.reserveCapacity(ids.count)
        var groups: [String: [String]] = [:]
        for id in ids {
            let name = fileName(id)
            out[id] = name
            groups[name.lowercased(), default: []].append(id)
        }
        var taken = Set(groups.keys)
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            let reserved = reservedOnWindows(key)
            guard group.count > 1 || reserved else { continue }
            for id in group.sorted().dropFirst(reserved ? 0 : 1) {
                let base = out[id] ?? fileName(id)
                var number = 2
                while !taken.insert((base + "_c\(number)").lowercased()).inserted { number += 1 }
                out[id] = base + "_c\(number)"
            }
        }
        return out
    }

    /// Names Windows keeps for devices, whatever their case and extension (`con.html` is `con`):
    /// a file cannot be called so there. `COM0` and `LPT0` are on Microsoft's list too.
    static func reservedOnWindows(_ name: String) -> Bool {
        let stem = name.lowercased().split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        switch stem {
        case "con", "prn", "aux", "nul": return true
        default:
            guard stem.utf8.count == 4, stem.hasPrefix("com") || stem.hasPrefix("lpt"), let digit = stem.utf8.last else { return false }
            return digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9")
        }
    }

    /// An id as a file name: letters, digits and `-` stay; every other byte becomes `_` and two hex
    /// digits, so distinct ids give distinct names and none can climb out of the folder (`/`, `..`).
    /// Long ids are cut and carry a hash of the whole id instead.
    static func fileName(_ id: String) -> String {
        // Most ids (`EXP-0042`) are kept as they are: the id itself, no string built byte by byte
        // (anchors and key-result links ask for thousands).
        if !id.isEmpty, id.utf8.count <= 100, id.utf8.allSatisfy(keptInFileName) { return id }
        var out = ""
        for byte in id.utf8 {
            if keptInFileName(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
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

    /// A byte a file name keeps as it is: an ASCII letter or digit, or `-`.
    @inline(__always)
    private static func keptInFileName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// `target` (a path from the site's top) as seen from the page at `from`.
    static func relative(_ target: String, from page: String) -> String {
        up(from: page) + target
    }

    /// The way from a page back to the site's top: `../` per folder it sits in.
    static func up(from page: String) -> String {
        String(repeating: "../", count: page.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
    }
}
