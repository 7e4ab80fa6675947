import Foundation
import PlaybookGit
import PlaybookModel

/// The starter files `playbook init` and `playbook new` write.
enum Templates {
    struct File {
        var path: String
        var text: String
        var executable = false
    }

    /// The versioned hook `init` writes (as pre-commit and pre-merge-commit): runs the playbook on PATH, else
    /// the one the clone's `playbook.path` names (`InstalledHooks.runningPlaybook`).
    static func hook() -> String {
        """
        #!/bin/sh
        # Refuses a commit (pre-commit) or a merge without conflicts (pre-merge-commit, which git runs
        # instead) whose staged playbook files have errors: `playbook lint --staged`
        # reads the index (what is about to be committed), not the working tree.
        # Git runs hooks from the top of the repository and may name the index and the repository
        # from there; the playbook is the folder above this one, which may be a subfolder.
        \(InstalledHooks.rememberingTheTop)
        case $GIT_INDEX_FILE in ''|/*) ;; *) GIT_INDEX_FILE=$PWD/$GIT_INDEX_FILE; export GIT_INDEX_FILE ;; esac
        case $GIT_DIR in ''|/*) ;; *) GIT_DIR=$PWD/$GIT_DIR; export GIT_DIR ;; esac
        cd "$(dirname "$0")/.." || exit 1
        \(InstalledHooks.runningPlaybook())
        """
    }

    /// The git user's name, for the first squad's member and champion: the repository's at `path`,
    /// or, in a folder that is no repository yet (`init NEW-FOLDER`), the user's own git configuration.
    static func userName(near path: String) -> String {
        let name: String?
        if let repository = try? Repository.discover(from: path) {
            name = (try? repository.configString("user.name")).flatMap { $0 }
        } else {
            name = (try? Repository.userConfigString("user.name")).flatMap { $0 }
        }
        return name.map { $0.isEmpty ? "Your Name" : $0 } ?? "Your Name"
    }

    /// A YAML double-quoted scalar; control characters (from a git user name) and the characters
    /// a YAML file may not hold raw (U+FFFE, U+FFFF) as `\u` escapes, and the other noncharacters
    /// too (U+FDD0–U+FDEF, the last two of every plane: `\U` beyond U+FFFF), so the file reads
    /// back as the same string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if Inert.isInvisibleControl(scalar) || isNoncharacter(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += hex.count <= 4
                        ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                        : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// U+FDD0–U+FDEF and U+xFFFE / U+xFFFF of every plane: never characters of text.
    static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar.value) || scalar.value & 0xFFFE == 0xFFFE
    }

    /// A value copied from an argument or a playbook file into a template: plain when it is an id-like
    /// word that YAML reads back as the same string, double-quoted otherwise, so a value can never
    /// write keys of its own (a newline, `: ` or `#` in a hypothesis's metric stays inside the value).
    static func scalar(_ text: String) -> String {
        let plain = text.unicodeScalars.first.map { CharacterSet.letters.contains($0) && $0.isASCII } ?? false
            && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_./".unicodeScalars.contains($0)) }
            && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text.lowercased())
        return plain ? text : quoted(text)
    }

    static func initial(squad: String, northStar: String, owner: String) -> [File] {
        let hook = hook()
        let title = northStar.split(separator: "-").joined(separator: " ")
        return [
            File(path: ".playbook.yml", text: """
            # Playbook settings: `playbook rules` lists every rule and its options.
            roots: [playbooks]
            rules:
              okr-key-results: {max: 4}

            """),
            File(path: "playbooks/metrics.yml", text: """
            # The metric catalog: one document per metric, exactly one North Star.
            kind: Metric
            id: \(northStar)
            name: \(quoted(title.prefix(1).uppercased() + title.dropFirst()))
            description: The one number the whole company moves.
            unit: count
            direction: increase
            owner: \(squad)
            north_star: true

            """),
            File(path: "playbooks/squads/\(squad).yml", text: """
            kind: Squad
            id: \(squad)
            name: \(quoted(squad))
            mission: Describe what this squad moves and for whom.
            funnel_stage: acquisition
            members:
              - {name: \(quoted(owner)), role: squad lead}
            champion: \(quoted(owner))
            metrics: [\(northStar)]

            """),
            File(path: ".githooks/pre-commit", text: hook, executable: true),
            // A `git merge` without conflicts commits without running pre-commit.
            File(path: ".githooks/pre-merge-commit", text: hook, executable: true),
        ]
    }
}
