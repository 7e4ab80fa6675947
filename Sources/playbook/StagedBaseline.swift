import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

/// The warnings and notes of the last `lint --staged` run, kept in `.git/playbook/staged-baseline` under a
/// fingerprint of what it linted: each playbook file's blob, the settings' blob, the date judged, the engine
/// and the binary. Once that index is committed it is the next run's parent, whose findings `lint --staged`
/// compares with (`LintReport.scoped`): read from here, the parent is not linted a second time (a hook run
/// took twice the CPU of a plain lint without it). Never read or written through a symbolic link; a file that
/// does not parse, or names another fingerprint, is ignored (and replaced by the next run).
enum StagedBaseline {
    static let fileName = "staged-baseline"

    /// The contents kept, the latest first: the parent of the next commit is usually the index of one of the
    /// last runs (a refused commit is fixed and run again; `git commit PATH` commits part of it).
    private struct Stored: Codable {
        var format: Int
        var entries: [Entry]
    }

    private struct Entry: Codable {
        var fingerprint: String
        var keys: [LintReport.ScopeKey]
    }

    /// How many contents are kept.
    static let kept = 4

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

    /// The keys kept for `fingerprint`, or nil when there are none for it.
    static func load(gitDirectory: String, fingerprint: String) -> Set<LintReport.ScopeKey>? {
        read(gitDirectory: gitDirectory)?.entries.first { $0.fingerprint == fingerprint }.map { Set($0.keys) }
    }

    private static func read(gitDirectory: String) -> Stored? {
        let folder = gitDirectory + "/playbook"
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        let descriptor = open(folder + "/" + fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 256 << 20,
              let data = try? handle.readToEnd(),
              let stored = try? JSONDecoder().decode(Stored.self, from: data), stored.format == 2 else { return nil }
        return stored
    }

    /// Keeps `keys` for `fingerprint` (written beside the file and renamed over it); failures are ignored.
    static func save(gitDirectory: String, fingerprint: String, keys: Set<LintReport.ScopeKey>) {
        let folder = gitDirectory + "/playbook"
        var info = stat()
        if lstat(folder, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { return }
        } else if mkdir(folder, 0o755) != 0 {
            return
        }
        let sorted = keys.sorted { ($0.file, $0.rule, $0.entity ?? "", $0.related.joined(separator: "\u{1F}"), $0.severity)
            < ($1.file, $1.rule, $1.entity ?? "", $1.related.joined(separator: "\u{1F}"), $1.severity) }
        var entries = [Entry(fingerprint: fingerprint, keys: sorted)]
        entries += (read(gitDirectory: gitDirectory)?.entries ?? []).filter { $0.fingerprint != fingerprint }.prefix(kept - 1)
        guard let data = try? JSONEncoder().encode(Stored(format: 2, entries: entries)) else { return }
        let temporary = folder + "/.\(fileName)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let complete = data.withUnsafeBytes { raw -> Bool in
            var written = 0
            while written < raw.count {
                let n = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }
        close(descriptor)
        if !complete || rename(temporary, folder + "/" + fileName) != 0 { unlink(temporary) }
    }
}
