import Foundation
import PlaybookLint
import PlaybookModel

/// The settings one side of a commit (the index, or HEAD) is judged with, found as `lint` in a clean clone of it
/// finds them: the nearest `.playbook.yml` that side holds, from the current folder up to the top; with none, the
/// defaults at the top. A `.playbook.yml` only the working tree has is no part of the commit (review, 2026-12-05:
/// an untracked one turned a rule off, and a commit with that error went in).
struct StagedSettings {
    let configuration: Configuration
    /// The folder the roots are relative to, relative to the top ("" for the top itself).
    let folder: String
    /// The settings file, relative to the top (where the defaults' file would be when the side holds none);
    /// nil when --config names a file the index does not hold, read from disk for both sides.
    let path: String?
    /// The configured roots, relative to the top ("" for the top itself).
    let rootPrefixes: [String]

    /// A file one side holds: whether it is a regular file, and its bytes.
    struct Held {
        var isRegularFile: Bool
        var bytes: () throws -> [UInt8]
    }

    /// What --config names: the path the user wrote, the file relative to the top when it is inside the
    /// repository and the index holds it, and else its configuration read from disk.
    struct Named {
        var shown: String
        var held: String?
        var fromDisk: Configuration?
    }

    /// `from`: the current folder, relative to the top. `held(path)`: the side's file at a top-relative path.
    /// `side`: how errors name it ("staged", "HEAD's").
    static func find(from relative: String, named: Named?, side: String, held: (String) throws -> Held?) throws -> StagedSettings {
        var folder = ""
        var candidateFolder = relative
        while true {
            let candidate = candidateFolder.isEmpty ? Configuration.fileName : candidateFolder + "/" + Configuration.fileName
            if try held(candidate) != nil {
                folder = candidateFolder
                break
            }
            guard !candidateFolder.isEmpty else { break }
            candidateFolder = (candidateFolder as NSString).deletingLastPathComponent
        }
        let own = folder.isEmpty ? Configuration.fileName : folder + "/" + Configuration.fileName
        let path: String?
        let configuration: Configuration
        if let named, let fromDisk = named.fromDisk {
            (path, configuration) = (nil, fromDisk)
        } else {
            let settingsPath = named?.held ?? own
            path = settingsPath
            if let file = try held(settingsPath) {
                // A link is refused, not followed (its target text could be any file).
                guard file.isRegularFile else {
                    throw UsageError(description: "the \(side) \(settingsPath) is not a regular file (a symbolic link or a submodule); commit the configuration itself")
                }
                let bytes: [UInt8]
                do { bytes = try file.bytes() } catch {
                    throw UsageError(description: "cannot read the \(side) \(settingsPath): \(error)")
                }
                configuration = try Configuration.parse(bytes, file: named?.shown ?? settingsPath)
            } else {
                configuration = Configuration()
            }
        }
        let prefixes = configuration.roots.map { root -> String in
            let joined = folder.isEmpty ? root : (root == "." ? folder : folder + "/" + root)
            return joined == "." ? "" : joined
        }
        return StagedSettings(configuration: configuration, folder: folder, path: path, rootPrefixes: prefixes)
    }
}
