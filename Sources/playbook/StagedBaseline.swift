import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

/// The findings (their keys) of the last `lint --staged` run, kept in `.git/playbook/staged-baseline` under a
/// fingerprint of what it linted: each playbook file's blob, the settings' blob, the date judged, the engine
/// and the binary. Once that index is committed it is the next run's parent, whose findings `lint --staged`
/// compares with (`LintReport.scoped`): read from here, the parent is not linted a second time (a hook run
/// took twice the CPU of a plain lint without it). Never read or written through a symbolic link; a file that
/// does not parse, or names another fingerprint, is ignored (and replaced by the next run).
enum StagedBaseline {
    static let fileName = "staged-baseline"

    /// How many contents are kept, the latest first: the parent of the next commit is usually the index
    /// of one of the last runs (a refused commit is fixed and run again; `git commit PATH` commits part of it).
    static let kept = 4

    /// The file: a first line naming the format, then each content as `entry FINGERPRINT BYTES` and that many
    /// bytes of keys, one a line: rule, file, entity, severity, the related entities, the amount the rule
    /// measured (version 4; "" where none) and how many findings have the key (version 5: two errors with one key
    /// where HEAD had one are not both HEAD's), tab-separated (the related ones by U+001F), with `\`, tab, line feed
    /// and U+001F escaped. Only the entry asked for is read
    /// (a JSON file of four contents of 30,000 findings each was seconds to decode).
    static let header = "playbook-staged-baseline 5\n"

    /// What the findings of one content depend on, as one string (two 64-bit FNV-1a sums, in hex).
    static func fingerprint(files: [(path: String, id: ObjectID)], settings: ObjectID?, today: Day, engine: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        func add(_ text: String) {
            for byte in text.utf8 + [0] {
                first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 1
            }
        }
        add("playbook-staged-baseline 1")
        add(Playbook.configuration.version)
        add(executableIdentity)
        add(today.description)
        add(engine)
        add(settings?.description ?? "-")
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            add(file.path)
            add(file.id.description)
        }
        return String(first, radix: 16) + String(second, radix: 16)
    }

    /// The running binary's size and modification time: a rebuilt or upgraded tool judges anew.
    private static let executableIdentity: String = {
        guard let path = Bundle.main.executablePath else { return "?" }
        var info = stat()
        guard stat(path, &info) == 0 else { return "?" }
        #if canImport(Darwin)
        return "\(info.st_size) \(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)"
        #else
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        #endif
    }()

    /// The keys kept for `fingerprint`, each with how many findings had it, or nil when there are none for it.
    static func load(gitDirectory: String, fingerprint: String) -> [LintReport.ScopeKey: Int]? {
        guard let bytes = read(gitDirectory: gitDirectory),
              let entry = entries(bytes).first(where: { $0.fingerprint == fingerprint }) else { return nil }
        var keys: [LintReport.ScopeKey: Int] = [:]
        for line in bytes[entry.body].split(separator: UInt8(ascii: "\n")) {
            let raw = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard raw.count == 7, let count = Int(String(decoding: raw[6], as: UTF8.self)), count > 0 else { return nil }
            let fields = raw.map(unescaped)
            let related = raw[4].isEmpty ? [] : raw[4].split(separator: 0x1F, omittingEmptySubsequences: false).map(unescaped)
            keys[LintReport.ScopeKey(rule: fields[0], file: fields[1], entity: fields[2] == "\u{1F}" ? nil : fields[2],
                                     related: related, severity: fields[3], amount: fields[5]), default: 0] += count
        }
        return keys
    }

    /// The file's bytes, when `.git/playbook` is a real folder and the file a regular one (no link followed).
    private static func read(gitDirectory: String) -> [UInt8]? {
        let folder = gitDirectory + "/playbook"
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        let descriptor = open(folder + "/" + fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 1 << 30,
              let data = try? handle.readToEnd() else { return nil }
        let bytes = [UInt8](data)
        return bytes.starts(with: header.utf8) ? bytes : nil
    }

    /// Each entry's fingerprint and where its keys lie in `bytes`; the entries before a damaged one.
    private static func entries(_ bytes: [UInt8]) -> [(fingerprint: String, whole: Range<Int>, body: Range<Int>)] {
        var out: [(fingerprint: String, whole: Range<Int>, body: Range<Int>)] = []
        var at = header.utf8.count
        while at < bytes.count {
            guard let end = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let words = bytes[at..<end].split(separator: UInt8(ascii: " "))
            guard words.count == 3, String(decoding: words[0], as: UTF8.self) == "entry",
                  let length = Int(String(decoding: words[2], as: UTF8.self)), length >= 0, end + 1 + length <= bytes.count else { break }
            out.append((String(decoding: words[1], as: UTF8.self), at..<(end + 1 + length), (end + 1)..<(end + 1 + length)))
            at = end + 1 + length
        }
        return out
    }

    private static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x1F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{1F}": out += "\\u"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(0x5C) else { return text }
        var out = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "u": out += "\u{1F}"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Keeps `keys` for `fingerprint`; failures are ignored.
    static func save(gitDirectory: String, fingerprint: String, keys: [LintReport.ScopeKey: Int]) {
        let folder = gitDirectory + "/playbook"
        var info = stat()
        if lstat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { return }
        } else if mkdir(folder, 0o755) != 0 {
            return
        }
        // This content's keys (sorted: the same keys give the same bytes), then the other entries as they are.
        var body = ""
        for key in keys.keys.sorted(by: { ($0.file, $0.rule, $0.entity ?? "", $0.related.joined(separator: "\u{1F}"), $0.severity, $0.amount)
            < ($1.file, $1.rule, $1.entity ?? "", $1.related.joined(separator: "\u{1F}"), $1.severity, $1.amount) }) {
            body += [key.rule, key.file, key.entity ?? "\u{1F}", key.severity].map(escaped).joined(separator: "\t") + "\t"
                + key.related.map(escaped).joined(separator: "\u{1F}") + "\t" + escaped(key.amount) + "\t" + String(keys[key] ?? 1) + "\n"
        }
        var data = Array(header.utf8) + Array("entry \(fingerprint) \(body.utf8.count)\n".utf8) + Array(body.utf8)
        if let old = read(gitDirectory: gitDirectory) {
            for entry in entries(old).filter({ $0.fingerprint != fingerprint }).prefix(kept - 1) { data += old[entry.whole] }
        }
        // Written beside the file and renamed over it (a link there is replaced, not followed).
        try? AtomicFile.replace(at: folder + "/" + fileName, with: data)
    }
}
