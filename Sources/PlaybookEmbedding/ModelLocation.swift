import Foundation

/// Where the sentence-embedding model lives: `PLAYBOOK_MODEL` when set, else the per-user
/// folder `scripts/setup` installs it into, `${XDG_CACHE_HOME:-$HOME/.cache}/playbook/models/all-MiniLM-L6-v2`.
/// Nothing here downloads anything.
public enum ModelLocation {
    public static let defaultModelName = "all-MiniLM-L6-v2"
    public static let environmentVariable = "PLAYBOOK_MODEL"

    /// The folder to load the model from, or nil when no home folder is known.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let chosen = environment[environmentVariable], !chosen.isEmpty { return chosen }
        return userCacheFolder(environment: environment).map { $0 + "/models/" + defaultModelName }
    }

    /// The per-user folder of playbook's caches, `${XDG_CACHE_HOME:-$HOME/.cache}/playbook`, or nil
    /// when no home folder is known.
    public static func userCacheFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return xdg + "/playbook"  // the XDG spec ignores relative paths
        } else if let home = environment["HOME"], !home.isEmpty {
            return home + "/.cache/playbook"
        }
        return nil
    }

    /// The model found as `folder(environment:)` says, to be loaded on first use; or why there is none.
    public static func deferredEncoder(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<DeferredEncoder, ModelError> {
        guard let folder = folder(environment: environment) else {
            return .failure(.notInstalled(folder: "~/.cache/playbook/models/\(defaultModelName)", missing: "HOME"))
        }
        let chosen = !(environment[environmentVariable] ?? "").isEmpty
        do {
            return .success(try DeferredEncoder(folder: folder, name: chosen ? nil : defaultModelName))
        } catch let error as ModelError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: folder, reason: "\(error)"))
        }
    }

    /// The model found as `folder(environment:)` says, loaded now, or why there is none.
    public static func loadEncoder(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<MiniLMEncoder, ModelError> {
        guard let folder = folder(environment: environment) else {
            return .failure(.notInstalled(folder: "~/.cache/playbook/models/\(defaultModelName)", missing: "HOME"))
        }
        // A folder of one's own choosing is named after itself; the installed one by the model.
        let chosen = !(environment[environmentVariable] ?? "").isEmpty
        let name: String? = chosen ? nil : defaultModelName
        do {
            return .success(try MiniLMEncoder(folder: folder, name: name))
        } catch let error as ModelError {
            return .failure(error)
        } catch {
            return .failure(.unreadable(path: folder, reason: "\(error)"))
        }
    }
}
